import { z } from 'zod';
import { agentConversationSummarySchema, conversationStateSchema, MAX_LIST_LIMIT } from './agent-events.js';
import { conversationModeSchema } from './enums.js';
import { feedbackSchema } from './feedback.js';
import { handoffReasonSchema } from './handoff.js';
import { MAX_TEXT_CHARS, storedMessageSchema } from './payloads.js';
import { wireString } from './wire-text.js';

/** Longest `?wait=` on `GET /api/v1/tasks/:id`, in seconds. */
export const MAX_TASK_WAIT_SECONDS = 30;

const clientMessageId = wireString(100)
  .pipe(z.string().min(1))
  .meta({ description: 'Chosen by the caller; the same id again returns the stored message.' });

export const conversationIdParamsSchema = z.object({ id: z.uuid() });

/** `GET /api/v1/conversations` query. */
export const integrationConversationListQuerySchema = z
  .object({
    mode: z
      .union([conversationModeSchema, z.array(conversationModeSchema).max(4)])
      .transform((value) => (Array.isArray(value) ? value : [value]))
      .optional(),
    /** An agent id: only the conversations that agent owns. */
    assignee: z.uuid().optional(),
    /** ISO time: only conversations with activity at or after it. */
    updatedSince: z.iso.datetime({ offset: true }).optional(),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).default(50),
  })
  .strict();

export const integrationConversationListSchema = z
  .object({ conversations: z.array(agentConversationSummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ConversationList' });

export const integrationConversationSchema = z
  .object({
    conversation: conversationStateSchema,
    messages: z.array(storedMessageSchema),
    /** The visitor's thumbs on bot replies and their rating of the conversation, oldest first. */
    feedback: z.array(feedbackSchema.meta({ id: 'Feedback' })),
  })
  .meta({ id: 'ConversationWithMessages' });

export const integrationConversationStateResultSchema = z
  .object({ conversation: conversationStateSchema })
  .meta({ id: 'ConversationStateResult' });

/** `POST /api/v1/conversations/:id/messages`. */
export const integrationPostMessageSchema = z
  .object({
    text: wireString(MAX_TEXT_CHARS).pipe(z.string().min(1)),
    clientMessageId,
    /**
     * Write as this agent (who must own the conversation). Absent: as the integration itself, shown
     * with the client's name, while the conversation waits for or is with a person.
     */
    agentId: z.uuid().optional(),
  })
  .strict()
  .meta({ id: 'PostMessage', examples: [{ text: 'Your refund was issued today.', clientMessageId: 'ticket-8812-reply-1' }] });

export const integrationMessageResultSchema = z
  .object({ message: storedMessageSchema, duplicate: z.boolean() })
  .meta({ id: 'MessageResult' });

export const integrationHandoffSchema = z
  .object({ reason: handoffReasonSchema.default('customer_asked') })
  .strict()
  .meta({ id: 'Handoff', examples: [{ reason: 'customer_asked' }] });

export const integrationAssignSchema = z.object({ agentId: z.uuid() }).strict().meta({ id: 'Assign' });

export const integrationReopenSchema = z
  .object({
    to: z.enum(['bot', 'human']).default('bot'),
    /** With `to: human`: the agent who gets it. */
    agentId: z.uuid().optional(),
  })
  .strict()
  .refine((body) => body.to === 'bot' || body.agentId !== undefined, { message: 'to: human needs an agentId', path: ['agentId'] })
  .meta({ id: 'Reopen' });

export const emptyBodySchema = z.object({}).strict().meta({ id: 'Empty' });

/** A visitor as the integration API shows it (`GET /api/v1/visitors/:id`). */
export const visitorSchema = z
  .object({
    id: z.uuid(),
    siteId: z.uuid(),
    /** The caller's id for a REST-channel visitor (`visitorId` of the channel); null for a widget visitor. */
    externalId: z.string().nullable(),
    /** The site's own user id of a verified identity (`Switchboard.setUser` with a valid hash); else null. */
    userId: z.string().nullable(),
    /** Whether name and e-mail came with a valid identity hash. */
    verified: z.boolean(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    /** `Switchboard.setAttributes(...)`. */
    attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    /** The page the visitor chatted from last and their browser language (widget visitors). */
    pageUrl: z.string().nullable(),
    language: z.string().nullable(),
    createdAt: z.iso.datetime({ offset: true }),
    lastSeenAt: z.iso.datetime({ offset: true }),
  })
  .meta({
    id: 'Visitor',
    examples: [
      {
        id: '6f1c2a9e-3b7d-4c1e-9a53-0d2f4e8b7c61',
        siteId: '0b7e5a42-1c3d-4e5f-8a9b-2c4d6e8f0a1b',
        externalId: 'mail:ana@example.com',
        userId: null,
        verified: false,
        name: null,
        email: null,
        attributes: {},
        pageUrl: null,
        language: null,
        createdAt: '2026-05-04T09:12:00.000Z',
        lastSeenAt: '2026-05-04T09:20:31.000Z',
      },
    ],
  });
export type IntegrationVisitor = z.infer<typeof visitorSchema>;

export const visitorIdParamsSchema = z.object({ id: z.uuid() });
export const visitorResultSchema = z.object({ visitor: visitorSchema }).meta({ id: 'VisitorResult' });

/** `GET /api/v1/visitors`: find a visitor by the caller's channel id or by the site's verified user id. */
export const visitorSearchQuerySchema = z
  .object({
    /** The REST channel's `visitorId`. */
    externalId: z.string().min(1).max(200).optional(),
    /** A verified identity's user id (`Switchboard.setUser({ id, hash })`). */
    userId: z.string().min(1).max(200).optional(),
  })
  .strict()
  .refine((query) => (query.externalId === undefined) !== (query.userId === undefined), {
    message: 'give exactly one of externalId and userId',
  });
export const visitorListSchema = z.object({ visitors: z.array(visitorSchema).max(1) }).meta({ id: 'VisitorList' });

/** `GET /api/v1/visitors/:id/conversations`: the visitor's conversations, newest activity first. */
export const visitorConversationsQuerySchema = z
  .object({
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).default(50),
  })
  .strict();

/** `POST /api/v1/channels/rest/messages`: a customer message from a channel that holds no socket. */
export const restChannelMessageSchema = z
  .object({
    /** The caller's id for the customer (stable per person), at most 200 characters. */
    visitorId: wireString(200).pipe(z.string().min(1)),
    text: wireString(MAX_TEXT_CHARS),
    clientMessageId,
  })
  .strict()
  .meta({
    id: 'RestChannelMessage',
    examples: [{ visitorId: 'mail:ana@example.com', text: 'Where is my order?', clientMessageId: 'mail-4711' }],
  });

export const TASK_STATUSES = ['pending', 'streaming', 'done', 'failed'] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);

/** The bot's answer to one customer message of the REST channel. */
export const taskSchema = z
  .object({
    id: z.string(),
    status: taskStatusSchema,
    conversationId: z.string(),
    /** The customer message the task answers. */
    messageId: z.string(),
    /** While `streaming`: the reply's text so far. */
    text: z.string().optional(),
    /** When `done`: the stored bot reply. */
    reply: storedMessageSchema.optional(),
    /** When `failed`: why (`handed_off`: a person answers instead; `reply_failed`: the bot gave up). */
    reason: z.enum(['handed_off', 'reply_failed']).optional(),
  })
  .meta({ id: 'Task' });
export type Task = z.infer<typeof taskSchema>;

export const restChannelAcceptedSchema = z
  .object({ task_id: z.string(), message: storedMessageSchema, conversationId: z.string(), duplicate: z.boolean() })
  .meta({ id: 'RestChannelAccepted' });

export const taskParamsSchema = z.object({ id: z.uuid() });
export const taskQuerySchema = z.object({ wait: z.coerce.number().min(0).max(MAX_TASK_WAIT_SECONDS).default(0) }).strict();

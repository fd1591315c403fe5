import { z } from 'zod';
import { conversationModeSchema, messageRoleSchema } from './enums.js';
import { errorCodeSchema } from './error-codes.js';
import { widgetFeedbackSchema } from './feedback.js';
import { seqSchema, wireString } from './wire-text.js';

/**
 * Payload schemas of every socket event: the single source of truth. The server validates incoming
 * payloads with them; the widget and console import the inferred types.
 */

/** Hard ceiling for any text field on the wire; each site sets a lower one for messages (default 2,000). */
export const MAX_TEXT_CHARS = 20_000;

/**
 * `Switchboard.setUser(...)`: the site's own user. `hash` = hex HMAC-SHA256 of `id` with the site's
 * identity secret; with a valid hash the user is verified and gets their conversation on any device.
 */
export const widgetUserSchema = z.object({
  id: wireString(200).pipe(z.string().min(1)),
  name: wireString(200).optional(),
  email: wireString(254).optional(),
  hash: wireString(128).optional(),
});

/** `Switchboard.setAttributes(...)`: shown to agents, never used to identify anyone. */
export const widgetAttributesSchema = z
  .record(wireString(64).pipe(z.string().min(1)), z.union([wireString(500), z.number(), z.boolean()]))
  .refine((attributes) => Object.keys(attributes).length <= 50, { message: 'at most 50 attributes' });

/** Where the widget is: the host page's address and the browser's language (shown to agents). */
export const widgetPageSchema = z.object({
  url: wireString(2000),
  language: wireString(35).optional(),
});

export const widgetAuthSchema = z.object({
  siteKey: wireString(200).pipe(z.string().min(1)),
  visitorToken: wireString(1000).pipe(z.string().min(1)).optional(),
  user: widgetUserSchema.optional(),
  attributes: widgetAttributesSchema.optional(),
  page: widgetPageSchema.optional(),
});

/** A visitor as agents see them (`conversation:watch`). */
export const visitorDetailsSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  /** Name and e-mail came with a valid identity hash. */
  verified: z.boolean(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  pageUrl: z.string().nullable(),
  language: z.string().nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  /** The visitor's other conversations on the site, newest first (at most 10). */
  previousConversations: z.array(
    z.object({ id: z.string(), mode: conversationModeSchema, createdAt: z.string(), updatedAt: z.string() }),
  ),
});
export type VisitorDetails = z.infer<typeof visitorDetailsSchema>;

export const sendMessageSchema = z.object({
  /** Chosen by the client (a UUID is fine); sending the same id again returns the stored message. */
  clientMessageId: wireString(100).pipe(z.string().min(1)),
  text: wireString(MAX_TEXT_CHARS),
});

export const syncRequestSchema = z.object({
  afterSeq: seqSchema,
});

/** An agent as others see them: enough to show who answers. */
export const agentRefSchema = z.object({ id: z.string(), name: z.string() });
/** Who wrote an agent message or a note; `id` null once the account was deleted, the name stays. */
export const authorSchema = z.object({ id: z.string().nullable(), name: z.string() });

export const storedMessageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  seq: z.number().int(),
  role: messageRoleSchema,
  text: z.string(),
  flags: z.array(z.string()),
  clientMessageId: z.string().nullable(),
  inReplyTo: z.string().nullable(),
  createdAt: z.string(),
  /** On agent messages only: who wrote it. */
  agent: authorSchema.optional(),
});

export const errorBodySchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  retryAfterMs: z.number().optional(),
  /**
   * On `CONVERSATION_CONFLICT`: where the conversation stands, so the loser of a race knows who has it
   * (`assignedAgent` null: nobody owns it).
   */
  details: z.object({ mode: conversationModeSchema.optional(), assignedAgent: agentRefSchema.nullable().optional() }).optional(),
});

export const conversationSummarySchema = z.object({
  id: z.string(),
  mode: conversationModeSchema,
  lastSeq: z.number().int(),
});

/** Whether the site's agents are in their business hours now, and if not, when they are back. */
export const agentHoursSchema = z.object({
  open: z.boolean(),
  /** ISO instant of the next opening while closed; null while open, or when the schedule never opens. */
  nextOpenAt: z.string().nullable(),
});

/** What the widget shows before the first message, from the site's settings (docs/widget.md). */
export const widgetSiteSchema = z.object({
  /** First bot bubble (not a stored message); null: the widget's default. `SwitchboardSettings.greeting` wins. */
  greeting: z.string().nullable(),
  /** Offered as buttons until the first message; a click sends the text. */
  suggestedQuestions: z.array(z.string()),
  /** Computed at each handshake; null when the site has no business hours (agents always in hours). */
  agentHours: agentHoursSchema.nullable(),
});

export const sessionPayloadSchema = z.object({
  visitorId: z.string(),
  /** Store it (localStorage) and send it back on the next connect to resume the conversation. */
  visitorToken: z.string(),
  conversation: conversationSummarySchema,
  /** True when replies come from the bundled simulator, not DeepSeek. */
  simulated: z.boolean(),
  /** True when the handshake's `user` came with a valid identity hash. */
  verified: z.boolean().optional(),
  site: widgetSiteSchema,
  /** The visitor's thumbs in this conversation and a resolved conversation still to rate. */
  feedback: widgetFeedbackSchema,
});

/** A bot reply is identified by the customer message it answers. */
export const replyStartSchema = z.object({ conversationId: z.string(), replyTo: z.string() });
export const replyDeltaSchema = z.object({
  conversationId: z.string(),
  replyTo: z.string(),
  /** 0-based, consecutive within one attempt; starts again at 0 after `reply:reset`. */
  index: z.number().int(),
  text: z.string(),
});
export const replyResetSchema = z.object({ conversationId: z.string(), replyTo: z.string(), reason: z.string() });
export const replyEndSchema = z.object({
  conversationId: z.string(),
  replyTo: z.string(),
  message: storedMessageSchema,
  /** Set when the site checks confidence and this reply fell below its threshold (also flagged `low_confidence`). */
  lowConfidence: z.boolean().optional(),
  /** exp(mean token logprob), 0..1, when the site checks confidence and the model returned logprobs. */
  confidence: z.number().optional(),
});
export const replyErrorSchema = z.object({
  conversationId: z.string(),
  replyTo: z.string(),
  error: errorBodySchema,
});
export const modeChangeSchema = z.object({
  conversationId: z.string(),
  mode: conversationModeSchema,
  /** Who owns the conversation after the change (null: nobody, e.g. back with the bot). */
  assignedAgent: agentRefSchema.nullable().optional(),
});

export type WidgetAuth = z.infer<typeof widgetAuthSchema>;
export type SendMessageRequest = z.infer<typeof sendMessageSchema>;
export type SyncRequest = z.infer<typeof syncRequestSchema>;
export type StoredMessage = z.infer<typeof storedMessageSchema>;
export type ErrorBody = z.infer<typeof errorBodySchema>;
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;
export type SessionPayload = z.infer<typeof sessionPayloadSchema>;
export type AgentHours = z.infer<typeof agentHoursSchema>;
export type WidgetSite = z.infer<typeof widgetSiteSchema>;
export type ReplyStart = z.infer<typeof replyStartSchema>;
export type ReplyDelta = z.infer<typeof replyDeltaSchema>;
export type ReplyReset = z.infer<typeof replyResetSchema>;
export type ReplyEnd = z.infer<typeof replyEndSchema>;
export type ReplyError = z.infer<typeof replyErrorSchema>;
export type ModeChange = z.infer<typeof modeChangeSchema>;
export type AgentRef = z.infer<typeof agentRefSchema>;

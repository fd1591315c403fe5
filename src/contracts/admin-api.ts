import { z } from 'zod';
import { agentRoleSchema } from './enums.js';

/**
 * Bodies of the admin API (`/api/v1/sites`, `/api/v1/agents`, `/api/v1/teams`, canned replies;
 * docs/admin-api.md). The server validates requests with these; the console imports the types.
 */

/** Largest JSON settings object (bot, handoff, generation) accepted in one site, serialised. */
export const MAX_SETTINGS_JSON_CHARS = 16_000;
export const MAX_SYSTEM_PROMPT_CHARS = 20_000;
export const MAX_CANNED_REPLY_CHARS = 4000;
export const MAX_ALLOWED_ORIGINS = 50;

const boundedJson = z
  .record(z.string().max(100), z.unknown())
  .refine((value) => JSON.stringify(value).length <= MAX_SETTINGS_JSON_CHARS, {
    message: `at most ${MAX_SETTINGS_JSON_CHARS} characters of JSON`,
  });

/** `*` or an exact origin (`https://shop.example`, no path). */
export const allowedOriginSchema = z
  .string()
  .max(300)
  .refine((value) => {
    if (value === '*') return true;
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value.replace(/\/$/, '');
    } catch {
      return false;
    }
  }, 'an origin such as https://shop.example, or *');

/** DeepSeek's generation parameters a site may set (wire names). */
export const siteGenerationSchema = z.strictObject({
  temperature: z.number().min(0).max(2).optional(),
  top_p: z.number().min(0).max(1).optional(),
  max_tokens: z.number().int().min(1).max(8192).optional(),
  presence_penalty: z.number().min(-2).max(2).optional(),
  frequency_penalty: z.number().min(-2).max(2).optional(),
  stop: z.union([z.string().max(100), z.array(z.string().max(100)).max(16)]).optional(),
});

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A simple weekly schedule in one time zone; a day left out is closed. */
export const businessHoursSchema = z.strictObject({
  timeZone: z
    .string()
    .max(64)
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'an IANA time zone such as Europe/Berlin'),
  days: z.partialRecord(
    z.enum(WEEKDAYS),
    z
      .array(z.strictObject({ open: timeOfDay, close: timeOfDay }).refine((span) => span.open < span.close, 'open before close'))
      .max(4),
  ),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

export const MAX_GREETING_CHARS = 500;
export const MAX_SUGGESTED_QUESTIONS = 4;
export const MAX_SUGGESTED_QUESTION_CHARS = 120;

/** The widget's first bubble; blank or null: the widget's default greeting. */
export const greetingSchema = z.string().trim().max(MAX_GREETING_CHARS).nullable();
/** Buttons the widget offers before the first message; a click sends the text as the visitor's message. */
export const suggestedQuestionsSchema = z
  .array(z.string().trim().min(1).max(MAX_SUGGESTED_QUESTION_CHARS))
  .max(MAX_SUGGESTED_QUESTIONS);

/** What an admin may set on a site. */
export const siteSettingsSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  allowedOrigins: z.array(allowedOriginSchema).max(MAX_ALLOWED_ORIGINS),
  /** BCP 47 (`en`, `zh-CN`). */
  language: z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,2}$/, 'a BCP 47 tag such as en or zh-CN'),
  systemPrompt: z.string().min(1).max(MAX_SYSTEM_PROMPT_CHARS),
  model: z.string().trim().min(1).max(100),
  historyWindow: z.number().int().min(0).max(200),
  contextTokenBudget: z.number().int().min(200).max(128_000),
  maxMessageChars: z.number().int().min(1).max(20_000),
  generation: siteGenerationSchema,
  botSettings: boundedJson,
  handoffSettings: boundedJson,
  businessHours: businessHoursSchema.nullable(),
  greeting: greetingSchema,
  suggestedQuestions: suggestedQuestionsSchema,
});

/** `POST /api/v1/sites`: name and system prompt required, the rest defaults. */
export const createSiteSchema = siteSettingsSchema
  .partial()
  .required({ name: true, systemPrompt: true })
  .meta({
    examples: [
      {
        name: 'Tea House',
        systemPrompt: 'You answer questions about tea.',
        allowedOrigins: ['https://tea.example'],
        language: 'zh-CN',
      },
    ],
  });
/** `PATCH /api/v1/sites/:siteId`: any subset. */
export const updateSiteSchema = siteSettingsSchema.partial();
/** `DELETE /api/v1/sites/:siteId`: the site's exact name, so nobody deletes the wrong one by id. */
export const deleteSiteSchema = z.strictObject({ confirm: z.string().max(200) }).meta({ examples: [{ confirm: 'Tea House' }] });

export const siteViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  widgetKey: z.string(),
  allowedOrigins: z.array(z.string()),
  language: z.string(),
  systemPrompt: z.string(),
  model: z.string(),
  historyWindow: z.number(),
  contextTokenBudget: z.number(),
  maxMessageChars: z.number(),
  generation: z.record(z.string(), z.unknown()),
  botSettings: z.record(z.string(), z.unknown()),
  handoffSettings: z.record(z.string(), z.unknown()),
  businessHours: businessHoursSchema.nullable(),
  greeting: z.string().nullable(),
  suggestedQuestions: z.array(z.string()),
  /** Admins only: signs visitor identity HMACs. */
  identitySecret: z.string().optional(),
  createdAt: z.string(),
});
export type SiteView = z.infer<typeof siteViewSchema>;
export const siteResponseSchema = z.object({ site: siteViewSchema });
export const siteListResponseSchema = z.object({ sites: z.array(siteViewSchema) });

/** `POST /api/v1/agents`: without a password the answer holds a one-time set-password token. */
export const createAgentSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(254),
    role: agentRoleSchema.default('agent'),
    password: z.string().min(8).max(1024).optional(),
    siteIds: z.array(z.uuid()).max(100).default([]),
    teamIds: z.array(z.uuid()).max(100).default([]),
  })
  .meta({
    examples: [{ name: 'Mei Chen', email: 'mei@tea.example', role: 'agent', siteIds: ['0b7e5a42-1c3d-4e5f-8a9b-2c4d6e8f0a1b'] }],
  });
export const updateAgentSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  role: agentRoleSchema.optional(),
  /** Replaces the memberships among the sites the caller manages. */
  siteIds: z.array(z.uuid()).max(100).optional(),
  teamIds: z.array(z.uuid()).max(100).optional(),
  disabled: z.boolean().optional(),
});
export const agentViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: agentRoleSchema,
  disabled: z.boolean(),
  siteIds: z.array(z.string()),
  teamIds: z.array(z.string()),
  createdAt: z.string(),
});
export type AgentView = z.infer<typeof agentViewSchema>;
export const agentResponseSchema = z.object({
  agent: agentViewSchema,
  /** Only when invited without a password: give it to the person; `POST /api/auth/set-password` uses it once. */
  setPasswordToken: z.string().optional(),
  setPasswordExpiresAt: z.string().optional(),
});
export const agentListResponseSchema = z.object({ agents: z.array(agentViewSchema) });

/** `POST /api/auth/set-password`. */
export const setPasswordSchema = z.strictObject({
  token: z.string().min(20).max(200),
  password: z.string().min(8).max(1024),
});

export const teamBodySchema = z
  .strictObject({ name: z.string().trim().min(1).max(100) })
  .meta({ examples: [{ name: 'Billing' }] });
export const teamViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  memberIds: z.array(z.string()),
  createdAt: z.string(),
});
export type TeamView = z.infer<typeof teamViewSchema>;
export const teamListResponseSchema = z.object({ teams: z.array(teamViewSchema) });

/**
 * A canned reply. `text` may hold `{{visitor.name}}`, `{{visitor.email}}`, `{{agent.name}}`,
 * `{{site.name}}`; the console fills them in before sending (an unknown value becomes empty).
 */
export const cannedReplyBodySchema = z
  .strictObject({
    shortcut: z
      .string()
      .trim()
      .regex(/^[\p{L}\p{N}_-]{1,40}$/u, 'letters, digits, _ and -, at most 40'),
    text: z.string().trim().min(1).max(MAX_CANNED_REPLY_CHARS),
  })
  .meta({ examples: [{ shortcut: 'thanks', text: 'Hi {{visitor.name}}, {{agent.name}} here. Thanks for waiting!' }] });
export const CANNED_REPLY_VARIABLES = ['visitor.name', 'visitor.email', 'agent.name', 'site.name'] as const;
export const cannedReplyViewSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  shortcut: z.string(),
  text: z.string(),
  updatedAt: z.string(),
});
export type CannedReplyView = z.infer<typeof cannedReplyViewSchema>;
export const cannedReplyListResponseSchema = z.object({ cannedReplies: z.array(cannedReplyViewSchema) });

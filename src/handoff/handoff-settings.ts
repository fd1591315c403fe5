import { z } from 'zod';
import type { SiteRow } from '../db/schema.js';

/** Phrases that mean "let me talk to a person", in Chinese and English; a site may replace them. */
export const DEFAULT_HANDOFF_PHRASES = [
  '转人工',
  '人工客服',
  '找人工',
  '人工服务',
  '真人',
  '客服人员',
  'human',
  'agent',
  'real person',
  'a person',
  'talk to someone',
  'customer service',
  'operator',
  'representative',
] as const;

/**
 * `sites.handoff_settings`, validated where it is read; every key optional, `{}` (the column default)
 * gives the defaults below. See docs/handoff.md.
 */
export const handoffSettingsSchema = z
  .object({
    /** Customer phrases that ask for a person (case-insensitive; whole words for Latin script). */
    phrases: z
      .array(z.string().trim().min(1).max(100))
      .max(200)
      .default([...DEFAULT_HANDOFF_PHRASES]),
    /** Offer the model a `handoff` tool and tell it in the system prompt when to call it. */
    modelTool: z.boolean().default(true),
    /** Hand off after a reply below the bot settings' `confidenceThreshold` (no threshold: never). */
    lowConfidence: z.boolean().default(true),
    /** Hand off when the customer asks the same (normalised) question this many times; 0: never. */
    repeatedQuestionCount: z.number().int().min(0).max(20).default(3),
    /** Give a waiting conversation to the least busy online agent of the site. */
    autoAssign: z.boolean().default(false),
    /** Auto-assignment gives no agent more than this many conversations at once. */
    maxConversationsPerAgent: z.number().int().min(1).max(100).default(5),
    /** Nobody took it after this long: the customer is told and asked for an e-mail address. */
    pickupTimeoutSeconds: z
      .number()
      .int()
      .min(1)
      .max(24 * 3600)
      .default(180),
    /** An agent who got a conversation and wrote nothing for this long is unassigned; 0: never. */
    agentReplyTimeoutSeconds: z
      .number()
      .int()
      .min(0)
      .max(24 * 3600)
      .default(300),
    /** Rough time an agent spends per conversation, for the customer's wait estimate. */
    averageHandleSeconds: z.number().int().min(1).max(3600).default(240),
    /**
     * A returning customer whose conversation an agent resolved less than this many hours ago gets it
     * back, owned by that agent again (if they are still on the site); 0: a new conversation with the bot.
     */
    reopenWithAgentHours: z
      .number()
      .int()
      .min(0)
      .max(30 * 24)
      .default(0),
    /** Longest the brief may take; after it the agents get `brief: null`. */
    briefTimeoutMs: z.number().int().min(100).max(60_000).default(8000),
  })
  .strict();

export type HandoffSettings = z.output<typeof handoffSettingsSchema>;
export const DEFAULT_HANDOFF_SETTINGS: HandoffSettings = handoffSettingsSchema.parse({});

const parsedBySite = new WeakMap<SiteRow, HandoffSettings>();

/**
 * A site row's handoff settings, parsed once per row; invalid JSON gives the defaults and tells
 * `onProblems` (a typo in an admin's JSON must not stop handoffs).
 */
export function handoffSettingsOf(site: SiteRow, onProblems: (problems: string[]) => void = () => undefined): HandoffSettings {
  let settings = parsedBySite.get(site);
  if (!settings) {
    const parsed = handoffSettingsSchema.safeParse(site.handoffSettings ?? {});
    if (parsed.success) settings = parsed.data;
    else {
      onProblems(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
      settings = DEFAULT_HANDOFF_SETTINGS;
    }
    parsedBySite.set(site, settings);
  }
  return settings;
}

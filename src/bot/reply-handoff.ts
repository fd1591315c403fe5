import type { ReplyJob } from '../contracts/jobs.js';
import type { HandoffReason } from '../contracts/handoff.js';
import type { ConversationModeService } from '../conversations/conversation-mode.service.js';
import type { MessageStore } from '../conversations/message-store.js';
import { toStoredMessage } from '../conversations/message-view.js';
import type { SiteRow } from '../db/schema.js';
import { isAppError } from '../errors/app-error.js';
import type { ChatCompletionRequest, ToolDefinition } from '../llm/llm-types.js';
import type { RoomPublisher } from '../realtime/room-publisher.js';
import { degradedReplyText } from './degraded-reply.js';

/** What the bot asks of the handoff domain (a port; the composition root provides it). */
export interface BotHandoff {
  requestHandoff(conversationId: string, reason: HandoffReason, options?: { detail?: string }): Promise<unknown>;
  /** The site's handoff switches the bot needs. */
  settingsOf(site: SiteRow): { modelTool: boolean; lowConfidence: boolean };
}

export const HANDOFF_TOOL_NAME = 'handoff';
const MAX_TOOL_REASON_CHARS = 200;

/** The function the model may call to hand the conversation to a person. */
export const HANDOFF_TOOL: ToolDefinition = {
  type: 'function',
  function: {
    name: HANDOFF_TOOL_NAME,
    description: 'Hand this conversation to a human support agent. The customer is told that a person will join.',
    parameters: {
      type: 'object',
      properties: { reason: { type: 'string', description: 'Why a person should take over, in a few words.' } },
      required: ['reason'],
    },
  },
};

/** The line the site's system prompt gets when the tool is offered. */
export const HANDOFF_TOOL_INSTRUCTION =
  'If the customer asks for a human, or you cannot help them (a complaint, a refund or account decision, ' +
  'anything you are unsure about), call the handoff tool with a short reason instead of guessing.';

/** The reply request with the handoff tool and its instruction, when the site offers it. */
export function withHandoffTool(request: ChatCompletionRequest, offered: boolean): ChatCompletionRequest {
  if (!offered) return request;
  const [first, ...rest] = request.messages;
  const messages =
    first?.role === 'system'
      ? [{ ...first, content: `${first.content}\n\n${HANDOFF_TOOL_INSTRUCTION}` }, ...rest]
      : request.messages;
  return { ...request, messages, tools: [HANDOFF_TOOL] };
}

/** The model's call of the handoff tool, with its reason (bounded), if it made one. */
export function handoffCall(calls: ReadonlyArray<{ name: string; arguments: string }>): { reason: string } | undefined {
  const call = calls.find((candidate) => candidate.name === HANDOFF_TOOL_NAME);
  if (!call) return undefined;
  let reason = '';
  try {
    const parsed = JSON.parse(call.arguments) as { reason?: unknown };
    if (typeof parsed.reason === 'string') reason = parsed.reason.trim().slice(0, MAX_TOOL_REASON_CHARS);
  } catch {
    // A malformed argument is still a request for a person.
  }
  return { reason };
}

const HANDOFF_NOTICES: Record<string, string> = {
  en: "I'll connect you with a member of our team.",
  zh: '我将为您转接人工客服。',
  ja: '担当者におつなぎします。',
  es: 'Le comunico con una persona de nuestro equipo.',
  fr: 'Je vous mets en relation avec un membre de notre équipe.',
  de: 'Ich verbinde Sie mit einer Mitarbeiterin oder einem Mitarbeiter.',
};

/** What the customer reads when the model handed off without writing anything. */
export function handoffNoticeText(language: string): string {
  const primary = language.toLowerCase().split('-')[0] ?? 'en';
  return HANDOFF_NOTICES[primary] ?? HANDOFF_NOTICES.en!;
}

export interface ReplyHandoffDeps {
  handoff?: BotHandoff;
  modes: Pick<ConversationModeService, 'change'>;
  messages: MessageStore;
  rooms: RoomPublisher;
}

/** Hands the conversation to a person from `bot` (an agent who took it meanwhile keeps it). */
export async function handOff(deps: ReplyHandoffDeps, conversationId: string, reason: HandoffReason, detail?: string) {
  if (deps.handoff) {
    await deps.handoff.requestHandoff(conversationId, reason, detail ? { detail } : {});
    return;
  }
  await deps.modes.change(conversationId, { to: 'waiting', from: ['bot'], reason }).catch((error: unknown) => {
    if (!isAppError(error) || error.code !== 'CONVERSATION_CONFLICT') throw error;
  });
}

/** No model could answer: a polite reply in the site's language, then a person (reason `model_failed`). */
export async function degrade(deps: ReplyHandoffDeps, site: SiteRow, job: ReplyJob, variant: string | undefined) {
  const stored = await deps.messages.append({
    writableModes: ['bot'],
    conversationId: job.conversationId,
    role: 'bot',
    text: degradedReplyText(site.language),
    inReplyTo: job.messageId,
    flags: ['degraded'],
    degraded: true,
    variant,
  });
  if (!stored) return;
  deps.rooms.publish(job.conversationId, 'reply:end', {
    conversationId: job.conversationId,
    replyTo: job.messageId,
    message: toStoredMessage(stored.message),
  });
  await handOff(deps, job.conversationId, 'model_failed');
}

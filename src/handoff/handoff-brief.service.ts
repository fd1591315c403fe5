import { handoffBriefSchema, type HandoffBrief } from '../contracts/handoff.js';
import type { HandoffJob } from '../contracts/jobs.js';
import type { ChatMessage } from '../llm/llm-types.js';
import type { ChatCompleter } from '../llm/resilient-chat-client.js';
import { completeJson } from '../llm/structured-output.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { RoomPublisher } from '../realtime/room-publisher.js';
import type { SiteCache } from '../sites/site-cache.js';
import { handoffSettingsOf } from './handoff-settings.js';
import type { HandoffRepository, TranscriptLine } from './handoff.repository.js';

/** The brief reads this much of the conversation (its newest messages). */
const TRANSCRIPT_MESSAGES = 40;
const TRANSCRIPT_CHARS = 12_000;

// The keys are quoted so the model (and the simulator) know the object's shape; DeepSeek's JSON mode
// needs the word "json" in the prompt.
const BRIEF_INSTRUCTIONS = [
  'You write a handoff brief for the human support agent who takes over this chat from the assistant.',
  'Answer with one json object and nothing else, with exactly these keys:',
  '"summary" (two or three sentences), "customer_intent" (what the customer wants), "facts" (an array of',
  'short strings: order numbers, dates, products, amounts), "what_the_bot_tried" (what the assistant',
  'already answered or suggested), "sentiment" (one of: positive, neutral, negative, angry), "priority"',
  '(one of: low, normal, high, urgent), "suggested_reply" (a first message the agent could send, in the',
  'customer\'s language), "language" (the customer\'s language as a BCP 47 tag).',
].join(' ');

export interface HandoffBriefServiceDeps {
  /** Undefined when this process has no model that answers whole completions: the brief is then null. */
  completer: ChatCompleter | undefined;
  handoffs: Pick<HandoffRepository, 'state' | 'transcript' | 'saveBrief'>;
  sites: Pick<SiteCache, 'byIdentifier'>;
  rooms: Pick<RoomPublisher, 'toSiteAgents'>;
  metrics: Metrics;
  logger: Logger;
}

/**
 * Asks the model for the handoff brief (JSON mode, validated, one retry), within the site's brief
 * timeout, stores it on the conversation and sends it to the site's agents as `handoff:brief`. When the
 * model fails or runs out of time the agents get `brief: null`: the handoff itself never waited for it.
 */
export class HandoffBriefService {
  constructor(private readonly deps: HandoffBriefServiceDeps) {}

  async write(job: Extract<HandoffJob, { kind: 'brief' }>): Promise<void> {
    const { deps } = this;
    const { conversationId } = job;
    const state = await deps.handoffs.state(conversationId);
    if (!state || (state.mode !== 'waiting' && state.mode !== 'human')) return;
    const site = await deps.sites.byIdentifier(state.siteId);
    if (!site) return;
    const settings = handoffSettingsOf(site);
    const log = deps.logger.child({ conversationId });
    let brief: HandoffBrief | null = null;
    const timeout = AbortSignal.timeout(settings.briefTimeoutMs);
    try {
      if (!deps.completer) throw new Error('no model for briefs in this process');
      const transcript = await deps.handoffs.transcript(conversationId, TRANSCRIPT_MESSAGES);
      const result = await completeJson(
        deps.completer,
        {
          // The reasoner is slow and JSON mode is the chat model's; a brief needs no reasoning.
          model: site.model === 'deepseek-reasoner' ? 'deepseek-chat' : site.model,
          temperature: 0.2,
          max_tokens: 800,
          messages: briefMessages(transcript),
        },
        handoffBriefSchema,
        { signal: timeout, correlationId: conversationId },
      );
      brief = result.value;
      await deps.handoffs.saveBrief(conversationId, brief);
      deps.metrics.handoffBriefs.inc({ result: 'written' });
    } catch (error) {
      const result = timeout.aborted ? 'timeout' : 'failed';
      deps.metrics.handoffBriefs.inc({ result });
      log.warn({ err: error, result }, 'handoff brief not written; agents get brief: null');
    }
    deps.rooms.toSiteAgents(state.siteId, 'handoff:brief', { conversationId, siteId: state.siteId, brief });
  }
}

/** The transcript as one user message (newest last, cut from the oldest end to fit). */
export function briefMessages(transcript: readonly TranscriptLine[]): ChatMessage[] {
  const lines = transcript.map((line) => `${speaker(line)}: ${line.text.replace(/\s+/g, ' ')}`);
  let text = lines.join('\n');
  if (text.length > TRANSCRIPT_CHARS) text = text.slice(text.length - TRANSCRIPT_CHARS);
  return [
    { role: 'system', content: BRIEF_INSTRUCTIONS },
    { role: 'user', content: `The conversation so far:\n${text}` },
  ];
}

function speaker(line: TranscriptLine): string {
  if (line.role === 'customer') return 'Customer';
  if (line.role === 'agent') return `Agent ${line.authorName ?? ''}`.trim();
  return line.role === 'bot' ? 'Assistant' : 'System';
}

import type { ReplyJob } from '../contracts/jobs.js';
import type { SiteRow } from '../db/schema.js';
import { ConfidenceMeter } from '../llm/confidence.js';
import type { LlmStreamEvent, TokenUsage } from '../llm/llm-types.js';
import type { MessageFilter } from '../moderation/message-filter.js';
import type { Metrics } from '../observability/metrics.js';
import type { RoomPublisher } from '../realtime/room-publisher.js';
import { DeltaBatcher } from './delta-batcher.js';

export interface ModelStreamRelayDeps {
  filter: Pick<MessageFilter, 'createOutputStream'>;
  rooms: RoomPublisher;
  metrics: Pick<Metrics, 'timeToFirstToken'>;
  /** Window over which streamed pieces after the first are merged into one delta (0: every piece). */
  deltaWindowMs: number;
}

export interface StreamedReply {
  text: string;
  reasoning: string;
  usage: TokenUsage | null;
  model: string;
  endpoint: string;
  confidence: number | null;
  ttftMs: number | undefined;
  /** The tools the model called (whole calls, arguments as JSON text). */
  toolCalls: Array<{ name: string; arguments: string }>;
}

/**
 * Relays a model stream to the conversation's room through the site's output filter: the first piece
 * at once, then merged over the delta window; a restart resets every screen. Reasoning is kept for the
 * stored message only, never relayed. `progress` is told the filtered text so far after each piece
 * (and `''` on a restart); it decides itself how often to record it.
 */
export async function relayModelStream(
  deps: ModelStreamRelayDeps,
  site: SiteRow,
  job: ReplyJob,
  source: AsyncIterable<LlmStreamEvent>,
  progress?: (textSoFar: string) => void,
): Promise<StreamedReply> {
  let output = deps.filter.createOutputStream(site);
  let text = '';
  let reasoning = '';
  let index = 0;
  let ttftMs: number | undefined;
  let toolCalls: StreamedReply['toolCalls'] = [];
  const meter = new ConfidenceMeter();
  const relay = new DeltaBatcher((chunk) => {
    if (ttftMs === undefined) {
      ttftMs = Date.now() - job.enqueuedAt;
      deps.metrics.timeToFirstToken.observe(ttftMs / 1000);
    }
    deps.rooms.publish(job.conversationId, 'reply:delta', {
      conversationId: job.conversationId,
      replyTo: job.messageId,
      index: index++,
      text: chunk,
    });
  }, deps.deltaWindowMs);
  const accept = (chunk: string) => {
    if (chunk.length === 0) return;
    text += chunk;
    relay.push(chunk);
    progress?.(text);
  };

  try {
    for await (const event of source) {
      if (event.type === 'content') {
        meter.add(event.logprobs);
        accept(output.push(event.text));
      } else if (event.type === 'reasoning') {
        reasoning += event.text;
      } else if (event.type === 'tool-call') {
        toolCalls.push({ name: event.name, arguments: event.arguments });
      } else if (event.type === 'restart') {
        relay.discard();
        meter.reset();
        output = deps.filter.createOutputStream(site);
        text = '';
        reasoning = '';
        toolCalls = [];
        index = 0;
        progress?.('');
        deps.rooms.publish(job.conversationId, 'reply:reset', {
          conversationId: job.conversationId,
          replyTo: job.messageId,
          reason: event.reason,
        });
      } else if (event.type === 'finish') {
        accept(output.flush());
        relay.flush();
        const { usage, model, endpoint } = event;
        return { text, reasoning, usage, model, endpoint, confidence: meter.confidence, ttftMs, toolCalls };
      }
    }
  } finally {
    relay.discard();
  }
  throw new Error('model stream ended without a finish event');
}

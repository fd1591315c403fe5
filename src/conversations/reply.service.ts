import type { ReplyJob } from '../bus/jobs.js';
import type { RoomPublisher } from '../bus/room-publisher.js';
import { buildContext, type HistoryEntry } from '../context/history-window.js';
import type { SiteRow } from '../db/schema.js';
import { isAppError } from '../errors/app-error.js';
import type { ChatStreamer, TokenUsage } from '../llm/llm-types.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { ReplyCancellation } from '../queue/reply-cancellation.js';
import type { ConversationRepository } from './conversation.repository.js';
import { degradedReplyText } from './degraded-reply.js';
import { DeltaBatcher } from './delta-batcher.js';
import type { MessageFilter } from './message-filter.js';
import type { MessageRepository } from './message.repository.js';
import { toStoredMessage } from './message-view.js';
import type { SiteCache } from './site-cache.js';

export interface ReplyServiceDeps {
  conversations: ConversationRepository;
  messages: MessageRepository;
  sites: SiteCache;
  filter: MessageFilter;
  llm: ChatStreamer;
  rooms: RoomPublisher;
  cancellation: ReplyCancellation;
  metrics: Metrics;
  logger: Logger;
  /** Window over which streamed pieces after the first are merged into one delta (0: every piece). */
  deltaWindowMs: number;
}

export interface ReplyAttempt {
  job: ReplyJob;
  /** 1 for the first try; a higher number means an earlier worker died or failed mid-reply. */
  attempt: number;
}

interface StreamedReply {
  text: string;
  usage: TokenUsage | null;
  model: string;
  ttftMs: number | undefined;
}

/**
 * Answers one customer message: builds the context, streams the model's reply through the output
 * filter to the conversation's room, and stores the final message. Idempotent per customer message.
 */
export class ReplyService {
  constructor(private readonly deps: ReplyServiceDeps) {}

  async reply({ job, attempt }: ReplyAttempt): Promise<void> {
    const { deps } = this;
    const log = deps.logger.child({ conversationId: job.conversationId, messageId: job.messageId });
    deps.metrics.queueWait.observe(Math.max(0, Date.now() - job.enqueuedAt) / 1000);

    const site = await deps.sites.byIdentifier(job.siteId);
    if (!site) {
      log.warn('reply job for a site that no longer exists; dropped');
      return;
    }
    const controller = new AbortController();
    // Registered before the mode is read, so a takeover that lands in between still aborts this reply.
    const unregister = deps.cancellation.register(job.conversationId, controller);
    try {
      const loaded = await deps.messages.loadReplyContext(
        job.conversationId,
        job.messageId,
        job.messageSeq,
        site.historyWindow + 1,
      );
      if (!loaded || loaded.answered || loaded.mode !== 'bot') return;
      const { history } = loaded;
      if (history.at(-1)?.id !== job.messageId) {
        log.warn('reply job for a message that no longer exists; dropped');
        return;
      }

      const replyTo = job.messageId;
      if (attempt > 1) {
        deps.rooms.publish(job.conversationId, 'reply:reset', { conversationId: job.conversationId, replyTo, reason: 'retry' });
      }
      deps.rooms.publish(job.conversationId, 'reply:start', { conversationId: job.conversationId, replyTo });

      let streamed: StreamedReply;
      try {
        streamed = await this.streamReply(site, job, history, controller.signal);
      } catch (error) {
        if (controller.signal.aborted) {
          deps.rooms.publish(job.conversationId, 'reply:reset', {
            conversationId: job.conversationId,
            replyTo,
            reason: 'cancelled',
          });
          return;
        }
        if (isAppError(error) && error.code.startsWith('UPSTREAM_')) {
          deps.metrics.errors.inc({ code: error.code });
          log.error({ err: error, code: error.code }, 'model unavailable; handing the conversation to a human');
          await this.degrade(site, job);
          return;
        }
        throw error;
      }

      const stored = await deps.messages.append({
        conversationId: job.conversationId,
        role: 'bot',
        text: streamed.text,
        inReplyTo: replyTo,
        model: streamed.model,
        ttftMs: streamed.ttftMs,
        durationMs: Date.now() - job.enqueuedAt,
        promptTokens: streamed.usage?.promptTokens,
        completionTokens: streamed.usage?.completionTokens,
        promptCacheHitTokens: streamed.usage?.promptCacheHitTokens,
      });
      if (!stored) {
        // Resolved while the model was answering: nothing is stored, the partial reply is withdrawn.
        deps.rooms.publish(job.conversationId, 'reply:reset', { conversationId: job.conversationId, replyTo, reason: 'closed' });
        return;
      }
      if (!stored.duplicate) deps.metrics.messages.inc({ role: 'bot' });
      this.recordUsage(streamed.usage);
      deps.rooms.publish(job.conversationId, 'reply:end', {
        conversationId: job.conversationId,
        replyTo,
        message: toStoredMessage(stored.message),
      });
    } finally {
      unregister();
    }
  }

  private async streamReply(
    site: SiteRow,
    job: ReplyJob,
    history: HistoryEntry[],
    signal: AbortSignal,
  ): Promise<StreamedReply> {
    const { deps } = this;
    const context = buildContext(history, {
      systemPrompt: site.systemPrompt,
      historyWindow: site.historyWindow,
      tokenBudget: site.contextTokenBudget,
    });
    let output = deps.filter.createOutputStream(site);
    let text = '';
    let index = 0;
    let ttftMs: number | undefined;
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
      text += chunk;
      relay.push(chunk);
    };

    try {
      const request = { ...site.generation, model: site.model, messages: context };
      for await (const event of deps.llm.stream(request, { signal, correlationId: job.messageId })) {
        if (event.type === 'content') accept(output.push(event.text));
        else if (event.type === 'restart') {
          relay.discard();
          output = deps.filter.createOutputStream(site);
          text = '';
          index = 0;
          deps.rooms.publish(job.conversationId, 'reply:reset', {
            conversationId: job.conversationId,
            replyTo: job.messageId,
            reason: event.reason,
          });
        } else if (event.type === 'finish') {
          accept(output.flush());
          relay.flush();
          return { text, usage: event.usage, model: event.model, ttftMs };
        }
      }
    } finally {
      relay.discard();
    }
    throw new Error('model stream ended without a finish event');
  }

  private async degrade(site: SiteRow, job: ReplyJob): Promise<void> {
    const stored = await this.deps.messages.append({
      conversationId: job.conversationId,
      role: 'bot',
      text: degradedReplyText(site.language),
      inReplyTo: job.messageId,
      flags: ['degraded'],
      degraded: true,
    });
    if (!stored) return;
    this.deps.rooms.publish(job.conversationId, 'reply:end', {
      conversationId: job.conversationId,
      replyTo: job.messageId,
      message: toStoredMessage(stored.message),
    });
    const conversation = await this.deps.conversations.setMode(job.conversationId, 'waiting');
    if (conversation) {
      this.deps.rooms.publish(job.conversationId, 'conversation:mode', { conversationId: job.conversationId, mode: 'waiting' });
    }
  }

  private recordUsage(usage: TokenUsage | null): void {
    if (!usage) return;
    this.deps.metrics.tokens.inc({ kind: 'prompt' }, usage.promptTokens);
    this.deps.metrics.tokens.inc({ kind: 'completion' }, usage.completionTokens);
    this.deps.metrics.tokens.inc({ kind: 'cache_hit' }, usage.promptCacheHitTokens);
  }
}

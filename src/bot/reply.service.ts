import type { ReplyJob } from '../contracts/jobs.js';
import type { RoomPublisher } from '../realtime/room-publisher.js';
import { buildContext, type HistoryEntry } from '../llm/history-window.js';
import type { SiteRow } from '../db/schema.js';
import { isAppError } from '../errors/app-error.js';
import { isDependencyDown } from '../errors/unavailable.js';
import { isLowConfidence } from '../llm/confidence.js';
import type { ChatStreamer, TokenUsage } from '../llm/llm-types.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { ReplyCancellation } from '../realtime/reply-cancellation.js';
import { botSettingsOf, type BotSettings, type BotVariant } from './bot-settings.js';
import { replayCachedReply } from './cached-reply-stream.js';
import { relayModelStream, type StreamedReply } from './model-stream-relay.js';
import type { ConversationModeService } from '../conversations/conversation-mode.service.js';
import { degrade, handOff, handoffCall, handoffNoticeText, withHandoffTool, type BotHandoff } from './reply-handoff.js';
import type { MessageFilter } from '../moderation/message-filter.js';
import type { HistoryRow, MessageStore } from '../conversations/message-store.js';
import { toStoredMessage } from '../conversations/message-view.js';
import { normalizeQuestion } from './question-key.js';
import type { ReplyCacheRepository } from './reply-cache.repository.js';
import { planReply, type ReplyPlan } from './reply-plan.js';
import type { SiteCache } from '../sites/site-cache.js';
import { pickVariant } from './variant-assignment.js';
import type { VariantRepository } from './variant.repository.js';

export interface ReplyServiceDeps {
  modes: Pick<ConversationModeService, 'change'>;
  /** Triggers of the model's side (its tool, low confidence, failure); without it they only move the mode. */
  handoff?: BotHandoff;
  messages: MessageStore;
  sites: SiteCache;
  filter: MessageFilter;
  llm: ChatStreamer;
  rooms: RoomPublisher;
  cancellation: ReplyCancellation;
  replyCache: ReplyCacheRepository;
  variants: VariantRepository;
  metrics: Metrics;
  logger: Logger;
  /** Window over which streamed pieces after the first are merged into one delta (0: every piece). */
  deltaWindowMs: number;
}

export interface ReplyAttempt {
  job: ReplyJob;
  /** 1 for the first try; a higher number means an earlier worker died or failed mid-reply. */
  attempt: number;
  /** No retry follows if this attempt fails: the customer must then be told. */
  final: boolean;
  /** Aborted when this worker lost the job's lock: another attempt owns the reply and resets screens itself. */
  lockLost?: AbortSignal;
  /** Records the reply's text so far (REST-channel tasks read it); the worker throttles the writes. */
  progress?: (textSoFar: string) => void;
}

/** The bot stores nothing unless it still owns the conversation. */
const BOT_WRITABLE = ['bot'] as const;

/** A/B arm of this reply: the stored name and the overrides it brings (none if the site dropped it). */
interface AssignedVariant {
  name: string;
  variant: BotVariant;
}

/**
 * Answers one customer message: builds the context, streams the model's reply (or a cached first-turn
 * answer) through the output filter to the conversation's room, and stores the final message.
 * Idempotent per customer message.
 */
export class ReplyService {
  constructor(private readonly deps: ReplyServiceDeps) {}

  async reply(attempt: ReplyAttempt): Promise<void> {
    try {
      await this.answer(attempt);
    } catch (error) {
      // Upstream failures were already turned into a degraded reply; this is everything else (the
      // database, a bug). Until the last attempt the job is retried; after it, no spinner is left open.
      // An outage is waited out by the worker (the job is delayed, not failed): no error to show yet.
      if (attempt.final && !isDependencyDown(error)) {
        this.deps.rooms.publish(attempt.job.conversationId, 'reply:error', {
          conversationId: attempt.job.conversationId,
          replyTo: attempt.job.messageId,
          error: { code: 'INTERNAL', message: 'Sorry, something went wrong while answering. Please send your message again.' },
        });
      }
      throw error;
    }
  }

  private async answer({ job, attempt, lockLost, progress }: ReplyAttempt): Promise<void> {
    const { deps } = this;
    const log = deps.logger.child({ conversationId: job.conversationId, messageId: job.messageId });
    deps.metrics.queueWait.observe(Math.max(0, Date.now() - job.enqueuedAt) / 1000);

    const site = await deps.sites.byIdentifier(job.siteId);
    if (!site) {
      log.warn('reply job for a site that no longer exists; dropped');
      return;
    }
    const bot = botSettingsOf(site, (problems) =>
      log.error({ siteId: site.id, problems }, 'invalid bot_settings; using defaults'),
    );
    const switches = deps.handoff?.settingsOf(site) ?? { modelTool: false, lowConfidence: false };
    const controller = new AbortController();
    // Registered before the mode is read, so a takeover that lands in between still aborts this reply.
    const unregister = deps.cancellation.register(job.conversationId, controller);
    const onLockLost = () => controller.abort(new Error('lock lost'));
    lockLost?.addEventListener('abort', onLockLost, { once: true });
    try {
      const loaded = await deps.messages.loadReplyContext(
        job.conversationId,
        job.messageId,
        job.messageSeq,
        site.historyWindow + 1,
      );
      if (!loaded) return;
      // An earlier attempt stored the reply and died before (or while) telling the room: tell it now, so
      // a screen that saw the partial answer still gets its end.
      if (loaded.answered) return await this.republishStored(job);
      if (loaded.mode !== 'bot') return;
      const { history } = loaded;
      const question = history.at(-1);
      if (question?.id !== job.messageId) {
        log.warn('reply job for a message that no longer exists; dropped');
        return;
      }
      const assigned = await this.assignVariant(bot, job.conversationId, loaded.variant);
      const plan = planReply(site, bot, assigned?.variant, question.text);
      if (plan.problems.length > 0)
        log.error({ problems: plan.problems, siteId: site.id }, 'invalid site generation settings; skipped');
      const cacheKey = bot.replyCache.enabled && isFirstTurn(history) ? normalizeQuestion(question.text) : '';
      const cached = cacheKey ? await this.cachedAnswer(site, assigned?.name ?? null, cacheKey, log) : undefined;

      const replyTo = job.messageId;
      if (attempt > 1 || job.recovered) {
        deps.rooms.publish(job.conversationId, 'reply:reset', { conversationId: job.conversationId, replyTo, reason: 'retry' });
      }
      deps.rooms.publish(job.conversationId, 'reply:start', { conversationId: job.conversationId, replyTo });

      let streamed: StreamedReply;
      try {
        const source = cached
          ? replayCachedReply(cached)
          : deps.llm.stream(withHandoffTool(this.request(site, plan, history), switches.modelTool), {
              signal: controller.signal,
              correlationId: job.messageId,
            });
        streamed = await relayModelStream(this.deps, site, job, source, progress);
      } catch (error) {
        if (lockLost?.aborted) return;
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
          await degrade(deps, site, job, assigned?.name);
          return;
        }
        throw error;
      }

      const lowConfidence = plan.confidenceThreshold !== null && isLowConfidence(streamed.confidence, plan.confidenceThreshold);
      const asked = handoffCall(streamed.toolCalls);
      const stored = await deps.messages.append({
        writableModes: BOT_WRITABLE,
        conversationId: job.conversationId,
        role: 'bot',
        // A model that only called the tool wrote nothing; the customer still reads why a person comes.
        text: asked && !streamed.text.trim() ? handoffNoticeText(site.language) : streamed.text,
        inReplyTo: replyTo,
        flags: [...(lowConfidence ? ['low_confidence'] : []), ...(asked ? ['handoff'] : [])],
        model: streamed.model,
        endpoint: streamed.endpoint,
        variant: assigned?.name,
        reasoning: streamed.reasoning || undefined,
        confidence: streamed.confidence ?? undefined,
        ttftMs: streamed.ttftMs,
        durationMs: Date.now() - job.enqueuedAt,
        promptTokens: streamed.usage?.promptTokens,
        completionTokens: streamed.usage?.completionTokens,
        promptCacheHitTokens: streamed.usage?.promptCacheHitTokens,
      });
      if (!stored) {
        // Resolved or taken over while the model was answering: nothing is stored, the partial reply is withdrawn.
        deps.rooms.publish(job.conversationId, 'reply:reset', { conversationId: job.conversationId, replyTo, reason: 'closed' });
        return;
      }
      if (!stored.duplicate) {
        deps.metrics.messages.inc({ role: 'bot' });
        if (lowConfidence) deps.metrics.lowConfidenceReplies.inc();
        // A doubtful answer is not worth repeating to the next customer who asks the same.
        if (cacheKey && !cached && !lowConfidence && streamed.text.trim()) {
          await deps.replyCache
            .set(
              site.id,
              assigned?.name ?? null,
              cacheKey,
              { text: streamed.text, model: streamed.model },
              bot.replyCache.ttlSeconds,
            )
            .catch((error: unknown) => log.warn({ err: error }, 'reply cache write failed'));
        }
      }
      this.recordUsage(streamed.usage);
      log.info(
        {
          replyId: stored.message.id,
          attempt,
          ttftMs: streamed.ttftMs,
          durationMs: Date.now() - job.enqueuedAt,
          model: streamed.model,
          endpoint: streamed.endpoint,
          promptTokens: streamed.usage?.promptTokens,
          completionTokens: streamed.usage?.completionTokens,
          duplicate: stored.duplicate,
        },
        'reply finished',
      );
      deps.rooms.publish(job.conversationId, 'reply:end', {
        conversationId: job.conversationId,
        replyTo,
        message: toStoredMessage(stored.message),
        ...(plan.confidenceThreshold !== null && streamed.confidence !== null
          ? { confidence: streamed.confidence, lowConfidence }
          : {}),
      });
      if (!stored.duplicate && asked) await handOff(deps, job.conversationId, 'model_asked', asked.reason);
      else if (!stored.duplicate && lowConfidence && switches.lowConfidence)
        await handOff(deps, job.conversationId, 'low_confidence');
    } finally {
      lockLost?.removeEventListener('abort', onLockLost);
      unregister();
    }
  }

  private async republishStored(job: ReplyJob): Promise<void> {
    const stored = await this.deps.messages.findReplyTo(job.messageId);
    if (!stored) return;
    this.deps.rooms.publish(job.conversationId, 'reply:end', {
      conversationId: job.conversationId,
      replyTo: job.messageId,
      message: toStoredMessage(stored),
    });
  }

  private request(site: SiteRow, plan: ReplyPlan, history: HistoryEntry[]) {
    const context = buildContext(history, {
      systemPrompt: plan.systemPrompt,
      historyWindow: site.historyWindow,
      tokenBudget: site.contextTokenBudget,
    });
    return { ...plan.settings, messages: context };
  }

  private async assignVariant(
    bot: BotSettings,
    conversationId: string,
    stored: string | null,
  ): Promise<AssignedVariant | undefined> {
    if (!bot.abTest) return undefined;
    const name = stored ?? (await this.deps.variants.assign(conversationId, pickVariant(bot.abTest, conversationId).name));
    const variant = bot.abTest.variants.find((candidate) => candidate.name === name);
    return name && variant ? { name, variant } : undefined;
  }

  /** A Redis hiccup is a miss, not a failed reply. */
  private async cachedAnswer(site: SiteRow, variant: string | null, key: string, log: Logger) {
    const cached = await this.deps.replyCache.get(site.id, variant, key).catch((error: unknown) => {
      log.warn({ err: error }, 'reply cache read failed');
      return undefined;
    });
    this.deps.metrics.replyCache.inc({ result: cached ? 'hit' : 'miss' });
    return cached;
  }

  private recordUsage(usage: TokenUsage | null): void {
    if (!usage) return;
    this.deps.metrics.tokens.inc({ kind: 'prompt' }, usage.promptTokens);
    this.deps.metrics.tokens.inc({ kind: 'completion' }, usage.completionTokens);
    this.deps.metrics.tokens.inc({ kind: 'cache_hit' }, usage.promptCacheHitTokens);
  }
}

/** The conversation's first message, with nothing before it: the only questions the reply cache answers. */
function isFirstTurn(history: HistoryRow[]): boolean {
  return history.length === 1 && history[0]!.seq === 1;
}

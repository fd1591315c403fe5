import type { ReplyJob } from '../contracts/jobs.js';
import type { HandoffReason } from '../contracts/handoff.js';
import type { StoredMessage } from '../contracts/payloads.js';
import type { ConversationRow, SiteRow } from '../db/schema.js';
import { AppError, isAppError } from '../errors/app-error.js';
import type { RoomPublisher } from '../realtime/room-publisher.js';
import type { ConversationRepository } from './conversation.repository.js';
import type { ConversationModeService } from './conversation-mode.service.js';
import type { CustomerMessageScreening } from '../moderation/customer-message-screening.js';
import type { MessageRepository } from './message.repository.js';
import type { UnansweredMessageRepository } from './unanswered-message.repository.js';
import { toStoredMessage } from './message-view.js';
import { settleWithin } from './settle-within.js';
import type { VisitorClaims, VisitorService } from '../sites/visitor.service.js';

/** Upper bound on one `sync` answer; a client far behind pages with the last seq it got. */
export const SYNC_PAGE_SIZE = 500;

export interface ConversationServiceDeps {
  conversations: ConversationRepository;
  messages: MessageRepository;
  visitors: VisitorService;
  screening: CustomerMessageScreening;
  replies: ReplyScheduler;
  modes: ConversationModeService;
  rooms: RoomPublisher;
  onMessageStored?: (message: StoredMessage) => void;
  /** Without it, a review still moves the conversation to `waiting`, but nobody is told and no phrase hands off. */
  handoff?: CustomerHandoff;
  /** With it, a returning visitor's unanswered questions are answered (docs/reliability.md). */
  unanswered?: UnansweredMessageRepository;
  /** Told when the work after a message's commit (its reply job, the tail) failed or is late; the ack did not wait. */
  onFollowUpFailed?: (conversationId: string, error: unknown) => void;
  /** Told when resuming a returning visitor's replies failed (the reconciler tries again later). */
  onResumeFailed?: (conversationId: string, error: unknown) => void;
}

/** What this domain asks of the handoff domain (a port; the composition root provides it). */
export interface CustomerHandoff {
  /** The handoff a customer message asks for by itself (a phrase of the site's, a repeated question), if any. */
  customerTrigger(site: SiteRow, conversationId: string, text: string): Promise<HandoffReason | null>;
  /** Moves the conversation to `waiting` and tells agents and the visitor. */
  /** `changed` false: it could not move (an agent owns it, or it is resolved). */
  requestHandoff(conversationId: string, reason: HandoffReason): Promise<{ changed: boolean }>;
  /** Hours after a resolve in which a returning customer gets the conversation back with its agent (0: never). */
  reopenWindowHours(site: SiteRow): number;
}

/** Queues the bot's reply to a stored customer message (the `reply` queue in production). */
export interface ReplyScheduler {
  enqueue(job: ReplyJob): Promise<unknown>;
  /** Queues a reply again unless one is live; `replaceCompleted` also reruns one that was cancelled. */
  resume?(job: ReplyJob, options: { replaceCompleted: boolean }): Promise<boolean>;
}

/** Longest an ack waits for the work after the commit (normally a few ms). */
const AFTER_COMMIT_WAIT_MS = 1000;

/** How far back a returning visitor's unanswered questions are still answered. */
const RETURNING_VISITOR_WINDOW_MS = 24 * 3600_000;

export interface VisitorSession {
  visitorId: string;
  conversation: ConversationRow;
  /** The handshake's user came with a valid identity hash. */
  verified: boolean;
}

export interface OpenSessionOptions {
  /** The visitor the (verified) visitor token names. */
  knownVisitorId?: string | undefined;
  /** What the page says about its user and visitor (`Switchboard.setUser` / `setAttributes`). */
  claims?: VisitorClaims | undefined;
  /** Runs before a conversation is created (an abuse budget; it throws to refuse). */
  admitNew?: (() => Promise<void>) | undefined;
}

/** Customer-facing use cases: open a session, send a message, catch up after a reconnect. */
export class ConversationService {
  constructor(private readonly deps: ConversationServiceDeps) {}

  /** Resumes the visitor's open conversation, or starts a visitor and/or conversation. */
  async openSession(site: SiteRow, options: OpenSessionOptions = {}): Promise<VisitorSession> {
    const { visitors, conversations } = this.deps;
    const { knownVisitorId, claims, admitNew } = options;
    const { visitorId, verified } = await visitors.identify(site, knownVisitorId, claims);
    const open = (await conversations.findOpenForVisitor(visitorId)) ?? (await this.reopenWithLastAgent(site, visitorId));
    if (!open) await admitNew?.();
    const conversation = open ?? (await conversations.create(site.id, visitorId));
    // Not awaited: the handshake does not wait on it, and a failure leaves it to the reconciler.
    if (knownVisitorId === visitorId) void this.resumeOwedReplies(conversation.id);
    return { visitorId, conversation, verified };
  }

  /**
   * The site may give a returning customer their recently resolved conversation back, owned again by
   * the agent who last wrote in it (still enabled and on the site), instead of a new one with the bot.
   * A race (someone else reopened it) just falls back to a new conversation.
   */
  private async reopenWithLastAgent(site: SiteRow, visitorId: string): Promise<ConversationRow | undefined> {
    const hours = this.deps.handoff?.reopenWindowHours(site) ?? 0;
    if (hours === 0) return undefined;
    const recent = await this.deps.conversations.findRecentlyResolvedWithAgent(
      visitorId,
      new Date(Date.now() - hours * 3_600_000),
    );
    if (!recent) return undefined;
    try {
      return await this.deps.modes.change(recent.conversationId, { to: 'human', from: ['resolved'], assignTo: recent.agentId });
    } catch (error) {
      if (isAppError(error) && error.code === 'CONVERSATION_CONFLICT') return undefined;
      throw error;
    }
  }

  /**
   * A visitor who left mid-reply for longer than the abandon grace had the reply cancelled; when they
   * come back, every question of theirs still unanswered is queued again (a live job is left alone).
   */
  async resumeOwedReplies(conversationId: string): Promise<number> {
    const { unanswered, replies } = this.deps;
    if (!unanswered || !replies.resume) return 0;
    try {
      const owed = await unanswered.owed({ conversationId, olderThanMs: 0, withinMs: RETURNING_VISITOR_WINDOW_MS, limit: 20 });
      let resumed = 0;
      for (const message of owed) {
        if (await replies.resume({ ...message, enqueuedAt: Date.now() }, { replaceCompleted: true })) resumed += 1;
      }
      return resumed;
    } catch (error) {
      this.deps.onResumeFailed?.(conversationId, error);
      return 0;
    }
  }

  /**
   * Filters, stores and acknowledges a customer message, then queues the bot's reply. The returned
   * message is committed before this resolves; a repeated `clientMessageId` returns the stored message
   * and queues nothing.
   */
  async sendCustomerMessage(
    site: SiteRow,
    conversationId: string,
    input: { clientMessageId: string; text: string },
  ): Promise<{ message: StoredMessage; duplicate: boolean }> {
    const text = input.text.trim();
    if (!hasVisibleText(text)) throw new AppError('BAD_REQUEST', 'A message needs some text.');
    if (text.length > site.maxMessageChars) {
      throw new AppError('TOO_LONG', `A message may have at most ${site.maxMessageChars} characters.`, {
        limit: site.maxMessageChars,
      });
    }
    const filtered = await this.deps.screening.screen(site, conversationId, text);
    const stored = await this.deps.messages.append({
      conversationId,
      role: 'customer',
      text: filtered.textForPeople,
      ...(filtered.text !== filtered.textForPeople ? { modelText: filtered.text } : {}),
      flags: filtered.flags,
      clientMessageId: input.clientMessageId,
    });
    if (!stored) throw await this.whyNotWritable(conversationId);
    const message = toStoredMessage(stored.message);
    if (!stored.duplicate) {
      this.deps.rooms.publish(conversationId, 'message:new', message);
      this.deps.onMessageStored?.(message);
      // A review, a request for a person or a question asked once too often hands the conversation to
      // a human instead. Otherwise queued whatever the mode: the worker checks it when it starts, which
      // also covers a takeover between this insert and the job.
      const handoff =
        filtered.decision === 'review'
          ? 'review'
          : ((await this.deps.handoff?.customerTrigger(site, conversationId, filtered.text)) ?? null);
      const next = handoff ? this.handOff(site, message, handoff) : this.enqueueReply(site, message);
      // The tail write runs alongside, so the ack does not wait for it on its own. Acked means stored:
      // once the row is committed, Redis being down must neither fail nor hold the ack; a reply job that
      // did not make it is queued by the reconciler.
      await settleWithin(
        Promise.all([next, this.deps.screening.remember(conversationId, filtered, text, message.text)]),
        AFTER_COMMIT_WAIT_MS,
        (error) => this.deps.onFollowUpFailed?.(conversationId, error),
      );
    }
    return { message, duplicate: stored.duplicate };
  }

  private async handOff(site: SiteRow, message: StoredMessage, reason: HandoffReason): Promise<void> {
    const { conversationId } = message;
    const moved = this.deps.handoff
      ? (await this.deps.handoff.requestHandoff(conversationId, reason)).changed
      : await this.deps.modes.change(conversationId, { to: 'waiting', from: ['bot', 'waiting'], reason }).then(
          () => true,
          (error: unknown) => {
            if (isAppError(error) && error.code === 'CONVERSATION_CONFLICT') return false;
            throw error;
          },
        );
    // An agent already has it: "a person" is just words to them, and the message goes the usual way (the
    // worker sees who owns it). A message held for review never does.
    if (!moved && reason !== 'review') await this.enqueueReply(site, message);
  }

  private async enqueueReply(site: SiteRow, message: StoredMessage): Promise<void> {
    await this.deps.replies.enqueue({
      conversationId: message.conversationId,
      messageId: message.id,
      messageSeq: message.seq,
      siteId: site.id,
      enqueuedAt: Date.now(),
    });
  }

  async messagesAfter(conversationId: string, afterSeq: number): Promise<StoredMessage[]> {
    const rows = await this.deps.messages.listAfter(conversationId, afterSeq, SYNC_PAGE_SIZE);
    // Nothing after `afterSeq` is an answer only for a conversation that exists.
    if (rows.length === 0 && !(await this.deps.conversations.findById(conversationId))) {
      throw new AppError('NOT_FOUND', 'No such conversation.');
    }
    return rows.map(toStoredMessage);
  }

  private async whyNotWritable(conversationId: string): Promise<AppError> {
    const conversation = await this.deps.conversations.findById(conversationId);
    return conversation
      ? new AppError('CONVERSATION_CLOSED', 'This conversation is closed; reconnect to start a new one.')
      : new AppError('NOT_FOUND', 'No such conversation.');
  }
}

/** Format characters (zero-width spaces and joiners, direction marks), separators and combining marks alone look empty. */
const INVISIBLE = /[\p{Cf}\p{Z}\p{M}\s]/gu;

/** False for text that would look empty on screen (only spaces, zero-width and combining characters). */
export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, '').length > 0;
}

import type { Feedback, FeedbackTarget, WidgetFeedback } from '../contracts/feedback.js';
import { AppError } from '../errors/app-error.js';
import type { Metrics } from '../observability/metrics.js';
import type { RoomPublisher } from '../realtime/room-publisher.js';
import type { FeedbackRepository } from './feedback.repository.js';
import { toFeedback } from './feedback-view.js';

/** Most feedback rows returned with a transcript (one per bot reply, plus the rating). */
const FEEDBACK_PAGE_SIZE = 1000;
/** A returning visitor is asked to rate a conversation resolved at most this long ago. */
const RATING_OFFER_MS = 7 * 24 * 3_600_000;

export interface FeedbackServiceDeps {
  feedback: FeedbackRepository;
  rooms: Pick<RoomPublisher, 'toAgents'>;
  metrics: Pick<Metrics, 'feedback'>;
}

/** Who sends: the socket's authenticated visitor on its site. */
export interface FeedbackSender {
  siteId: string;
  visitorId: string;
}

/**
 * Visitors' feedback (docs/widget.md, "Feedback"): a thumb on a bot reply of their conversation, or
 * the rating of it once resolved. Stored (a second send replaces the first), counted, shown to the
 * agents watching, and reported as `feedback.created`.
 */
export class FeedbackService {
  constructor(private readonly deps: FeedbackServiceDeps) {}

  async send(sender: FeedbackSender, conversationId: string, target: FeedbackTarget): Promise<Feedback> {
    const result = await this.deps.feedback.upsert(
      { siteId: sender.siteId, visitorId: sender.visitorId, conversationId },
      target.kind === 'reply'
        ? { kind: 'reply', messageId: target.messageId, value: target.value }
        : { kind: 'conversation', rating: target.rating, comment: target.comment || null },
    );
    switch (result.status) {
      case 'no_conversation':
        // Another visitor's conversation looks exactly like one that does not exist.
        throw new AppError('NOT_FOUND', 'No such conversation.');
      case 'no_bot_reply':
        throw new AppError('NOT_FOUND', 'No reply of the assistant with this id in this conversation.');
      case 'not_resolved':
        throw new AppError('CONVERSATION_NOT_RESOLVED', 'A conversation can be rated once it is resolved.');
    }
    const feedback = toFeedback(result.row);
    this.deps.metrics.feedback.inc({ kind: feedback.kind, value: feedback.value ?? String(feedback.rating) });
    this.deps.rooms.toAgents(conversationId, 'feedback:created', { conversationId, siteId: sender.siteId, feedback });
    return feedback;
  }

  /** "Not now" on the rating card of one of the sender's resolved conversations: not offered again. */
  async dismissRating(sender: FeedbackSender, conversationId: string): Promise<void> {
    const result = await this.deps.feedback.dismissRating({ siteId: sender.siteId, visitorId: sender.visitorId, conversationId });
    if (result === 'no_conversation') throw new AppError('NOT_FOUND', 'No such conversation.');
    if (result === 'not_resolved') throw new AppError('CONVERSATION_NOT_RESOLVED', 'Only a resolved conversation is rated.');
  }

  /**
   * The visitor's own feedback for the widget's `session`: the thumbs in the conversation it resumes
   * (none to look up in a conversation without messages) and a previous conversation still to rate.
   */
  async forWidgetSession(visitorId: string, conversation: { id: string; lastSeq: number }): Promise<WidgetFeedback> {
    const [thumbs, unrated] = await Promise.all([
      conversation.lastSeq > 0 ? this.deps.feedback.thumbsOf(visitorId, conversation.id, FEEDBACK_PAGE_SIZE) : [],
      this.deps.feedback.unratedPrevious(visitorId, conversation.id, new Date(Date.now() - RATING_OFFER_MS)),
    ]);
    return { thumbs, unratedConversationId: unrated ?? null };
  }

  /** A conversation's feedback for agents, oldest first. The caller has checked the agent may see it. */
  async forConversation(conversationId: string): Promise<Feedback[]> {
    return (await this.deps.feedback.listForConversation(conversationId, FEEDBACK_PAGE_SIZE)).map(toFeedback);
  }
}

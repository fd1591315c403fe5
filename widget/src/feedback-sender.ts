import type { Rating, ThumbValue, WidgetFeedback } from '../../src/contracts/feedback.js';
import type { SendFeedbackRequest } from '../../src/contracts/feedback.js';

/** Sends `feedback:send` and says whether it was stored (a refusal is shown by `send` itself). */
export type SendFeedback = (request: SendFeedbackRequest) => Promise<boolean>;

/** The visitor's thumbs and ratings, and the thumbs given in this page view (kept across a rebuilt panel). */
export class FeedbackSender {
  private readonly thumbs = new Map<string, ThumbValue>();

  constructor(
    private readonly send: SendFeedback,
    private readonly conversationId: () => string | undefined,
    /** `feedback:dismiss`: the server offers that conversation's card no more. */
    readonly dismiss: (conversationId: string) => void,
  ) {}

  /**
   * What the session says: the thumbs the server kept, shown pressed on the replies as they are
   * rendered; returns the previous conversation to offer the rating card for (not rated, not dismissed).
   */
  fromSession({ thumbs, unratedConversationId }: WidgetFeedback): string | null {
    for (const { messageId, value } of thumbs) this.thumbs.set(messageId, value);
    return unratedConversationId;
  }

  thumbOf(messageId: string): ThumbValue | undefined {
    return this.thumbs.get(messageId);
  }

  async thumb(messageId: string, value: ThumbValue): Promise<boolean> {
    const conversationId = this.conversationId();
    if (!conversationId) return false;
    const stored = await this.send({ conversationId, target: { kind: 'reply', messageId, value } });
    if (stored) this.thumbs.set(messageId, value);
    return stored;
  }

  /** The rating card names its own conversation: the visitor may already be in a new one. */
  rate(conversationId: string, rating: Rating, comment: string): Promise<boolean> {
    return this.send({ conversationId, target: { kind: 'conversation', rating, ...(comment ? { comment } : {}) } });
  }
}

import type { Feedback } from '../contracts/feedback.js';
import type { FeedbackRow } from '../db/schema.js';

/** A feedback row as the wire shows it (ack, agents, webhooks). */
export function toFeedback(row: FeedbackRow): Feedback {
  return {
    id: row.id,
    kind: row.kind,
    messageId: row.messageId,
    value: row.value,
    rating: row.rating,
    comment: row.comment,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

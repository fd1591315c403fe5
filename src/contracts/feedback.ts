import { z } from 'zod';
import { wireString } from './wire-text.js';

/**
 * Feedback from visitors (docs/widget.md, "Feedback"): a thumb on a bot reply, or one rating of a
 * resolved conversation. Sending again for the same reply (or the same conversation) replaces the
 * earlier feedback.
 */

export const FEEDBACK_KINDS = ['reply', 'conversation'] as const;
export const feedbackKindSchema = z.enum(FEEDBACK_KINDS);
export type FeedbackKind = z.infer<typeof feedbackKindSchema>;

export const THUMB_VALUES = ['up', 'down'] as const;
export const thumbValueSchema = z.enum(THUMB_VALUES);
export type ThumbValue = z.infer<typeof thumbValueSchema>;

export const RATINGS = [1, 2, 3, 4, 5] as const;
export const ratingSchema = z.literal(RATINGS);
export type Rating = z.infer<typeof ratingSchema>;

/** Longest comment of a rating, in characters (after trimming). */
export const MAX_FEEDBACK_COMMENT_CHARS = 1000;

/** A thumb on one bot reply of the conversation. */
export const replyFeedbackTargetSchema = z.strictObject({
  kind: z.literal('reply'),
  messageId: z.uuid(),
  value: thumbValueSchema,
});

/** The rating of the whole conversation, only once it is `resolved`. A blank comment counts as none. */
export const conversationFeedbackTargetSchema = z.strictObject({
  kind: z.literal('conversation'),
  rating: ratingSchema,
  comment: z.string().trim().pipe(wireString(MAX_FEEDBACK_COMMENT_CHARS)).optional(),
});

export const feedbackTargetSchema = z.discriminatedUnion('kind', [replyFeedbackTargetSchema, conversationFeedbackTargetSchema]);
export type FeedbackTarget = z.infer<typeof feedbackTargetSchema>;

/** Widget -> server `feedback:send`. */
export const sendFeedbackSchema = z.strictObject({
  conversationId: z.uuid(),
  target: feedbackTargetSchema,
});
export type SendFeedbackRequest = z.input<typeof sendFeedbackSchema>;

/** Feedback as stored and shown: `messageId`/`value` set for a reply thumb, `rating`/`comment` for a conversation. */
export const feedbackSchema = z.object({
  id: z.string(),
  kind: feedbackKindSchema,
  messageId: z.string().nullable(),
  value: thumbValueSchema.nullable(),
  rating: z.number().int().min(1).max(5).nullable(),
  comment: z.string().nullable(),
  /** ISO time of the first send. */
  createdAt: z.string(),
  /** ISO time of the latest send: a replaced thumb or rating keeps its id and `createdAt`. */
  updatedAt: z.string(),
});
export type Feedback = z.infer<typeof feedbackSchema>;

/** Widget -> server `feedback:dismiss`: "Not now" on a resolved conversation's rating card; it is not offered again. */
export const dismissRatingSchema = z.strictObject({ conversationId: z.uuid() });
export type DismissRatingRequest = z.input<typeof dismissRatingSchema>;
/** Successful result of `feedback:dismiss`: nothing more than `ok`. */
export const dismissRatingResultSchema = z.object({});
export type DismissRatingResult = z.infer<typeof dismissRatingResultSchema>;

/** A thumb the visitor gave one bot reply, as the widget shows it pressed. */
export const givenThumbSchema = z.object({ messageId: z.string(), value: thumbValueSchema });
export type GivenThumb = z.infer<typeof givenThumbSchema>;

/**
 * The visitor's own feedback, in the widget's `session` (computed at each handshake, so a reload or
 * reconnect shows it as it was left).
 */
export const widgetFeedbackSchema = z.object({
  /** Thumbs on the bot replies of the session's conversation, at most 1,000. */
  thumbs: z.array(givenThumbSchema),
  /**
   * The visitor's previous conversation when it was resolved (in the last 7 days) and has neither a
   * rating nor a dismissal (`feedback:dismiss`): the widget offers its rating card. Null otherwise.
   */
  unratedConversationId: z.string().nullable(),
});
export type WidgetFeedback = z.infer<typeof widgetFeedbackSchema>;

/** Successful result of `feedback:send`. */
export const sendFeedbackResultSchema = z.object({ feedback: feedbackSchema });
export type SendFeedbackResult = z.infer<typeof sendFeedbackResultSchema>;

/** `feedback:created` (to the agents of the conversation's site): a visitor sent or replaced feedback. */
export const feedbackCreatedSchema = z.object({
  conversationId: z.string(),
  siteId: z.string(),
  feedback: feedbackSchema,
});
export type FeedbackCreated = z.infer<typeof feedbackCreatedSchema>;

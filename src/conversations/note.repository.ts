import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { conversationNotes, conversations, type ConversationNoteRow } from '../db/schema.js';
import { recordOutboxEvent, type OutboxDispatch } from '../db/webhook-outbox.js';

/** Agents' private notes. Kept apart from `messages`, so nothing that reads messages can return one. */
export class NoteRepository {
  /** With `dispatch`, a note writes `note.created` for the endpoints that ask for notes (docs/webhooks.md). */
  constructor(
    private readonly db: Database,
    private readonly dispatch?: OutboxDispatch,
  ) {}

  async add(note: { conversationId: string; agentId: string; authorName: string; text: string }): Promise<ConversationNoteRow> {
    const { row, deliveryIds } = await this.db.transaction(async (tx) => {
      const [inserted] = await tx.insert(conversationNotes).values(note).returning();
      const [conversation] = await tx
        .select({ siteId: conversations.siteId })
        .from(conversations)
        .where(eq(conversations.id, note.conversationId));
      const { deliveryIds } = await recordOutboxEvent(tx, {
        siteId: conversation!.siteId,
        conversationId: note.conversationId,
        type: 'note.created',
        data: {
          note: {
            id: inserted!.id,
            text: inserted!.text,
            author: { id: inserted!.agentId, name: inserted!.authorName },
            createdAt: inserted!.createdAt.toISOString(),
          },
        },
      });
      return { row: inserted!, deliveryIds };
    });
    if (deliveryIds.length > 0) this.dispatch?.(deliveryIds);
    return row;
  }

  /** A conversation's notes, oldest first (at most `limit`). */
  async list(conversationId: string, limit: number): Promise<ConversationNoteRow[]> {
    return this.db
      .select()
      .from(conversationNotes)
      .where(and(eq(conversationNotes.conversationId, conversationId)))
      .orderBy(asc(conversationNotes.createdAt), asc(conversationNotes.id))
      .limit(limit);
  }
}

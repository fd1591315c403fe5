import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { conversationNotes, type ConversationNoteRow } from '../db/schema.js';

/** Agents' private notes. Kept apart from `messages`, so nothing that reads messages can return one. */
export class NoteRepository {
  constructor(private readonly db: Database) {}

  async add(note: { conversationId: string; agentId: string; authorName: string; text: string }): Promise<ConversationNoteRow> {
    const [row] = await this.db.insert(conversationNotes).values(note).returning();
    return row!;
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

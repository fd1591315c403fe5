import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import type { ConversationMode } from '../contracts/enums.js';
import { conversations, type ConversationRow } from '../db/schema.js';

export class ConversationRepository {
  constructor(private readonly db: Database) {}

  async findById(id: string): Promise<ConversationRow | undefined> {
    const [row] = await this.db.select().from(conversations).where(eq(conversations.id, id)).limit(1);
    return row;
  }

  /** The visitor's newest conversation that is not resolved. */
  async findOpenForVisitor(visitorId: string): Promise<ConversationRow | undefined> {
    const [row] = await this.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.visitorId, visitorId), ne(conversations.mode, 'resolved')))
      .orderBy(desc(conversations.createdAt))
      .limit(1);
    return row;
  }

  async create(siteId: string, visitorId: string): Promise<ConversationRow> {
    const [row] = await this.db.insert(conversations).values({ siteId, visitorId }).returning();
    return row!;
  }

  /**
   * `UPDATE ... WHERE id = $1 AND mode = ANY($from) RETURNING`: changes the mode only if it still is
   * one of `from`. Undefined when it was not (a lost race, or no such conversation).
   */
  async compareAndSetMode(
    id: string,
    from: readonly ConversationMode[],
    to: ConversationMode,
  ): Promise<ConversationRow | undefined> {
    if (from.length === 0) return undefined;
    const [row] = await this.db
      .update(conversations)
      .set({ mode: to, updatedAt: new Date() })
      .where(and(eq(conversations.id, id), inArray(conversations.mode, [...from])))
      .returning();
    return row;
  }
}

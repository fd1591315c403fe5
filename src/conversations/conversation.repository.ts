import { and, desc, eq, ne } from 'drizzle-orm';
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

  async setMode(id: string, mode: ConversationMode): Promise<ConversationRow | undefined> {
    const [row] = await this.db
      .update(conversations)
      .set({ mode, updatedAt: new Date() })
      .where(eq(conversations.id, id))
      .returning();
    return row;
  }
}

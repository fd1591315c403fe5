import { and, asc, count, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { HandoffBrief } from '../contracts/handoff.js';
import type { ConversationMode, MessageRole } from '../contracts/enums.js';
import type { Database } from '../db/client.js';
import { conversations, messages } from '../db/schema.js';

/** Most conversations whose queue position is recomputed at once; later ones hear on the next move. */
const QUEUE_WINDOW = 200;
/** Preview of the customer's newest message, as agents see it in the notification. */
const PREVIEW_CHARS = 200;

/** Where a conversation stands, as the handoff timers need it. */
export interface HandoffState {
  siteId: string;
  mode: ConversationMode;
  assignedAgentId: string | null;
  waitingSince: Date | null;
  handoffBrief: HandoffBrief | null;
}

export interface TranscriptLine {
  role: MessageRole;
  /** The text as the model may see it (contact details masked where the site keeps them from it). */
  text: string;
  authorName: string | null;
}

/** The queries of the handoff domain: the queue, agents' load, the brief, the contact address. */
export class HandoffRepository {
  constructor(private readonly db: Database) {}

  async state(conversationId: string): Promise<HandoffState | undefined> {
    const [row] = await this.db
      .select({
        siteId: conversations.siteId,
        mode: conversations.mode,
        assignedAgentId: conversations.assignedAgentId,
        waitingSince: conversations.waitingSince,
        handoffBrief: conversations.handoffBrief,
      })
      .from(conversations)
      .where(eq(conversations.id, conversationId))
      .limit(1);
    return row;
  }

  /** A site's waiting conversations, longest-waiting first (the queue order). */
  async waitingQueue(siteId: string): Promise<string[]> {
    const rows = await this.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.siteId, siteId), eq(conversations.mode, 'waiting')))
      .orderBy(asc(conversations.waitingSince), asc(conversations.id))
      .limit(QUEUE_WINDOW);
    return rows.map((row) => row.id);
  }

  /** Every site's waiting conversations at once, for `/metrics`. */
  async waitingCount(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(conversations).where(eq(conversations.mode, 'waiting'));
    return row?.n ?? 0;
  }

  /** How many conversations each agent owns now (agents with none are missing from the map). */
  async ownedCounts(agentIds: readonly string[]): Promise<Map<string, number>> {
    if (agentIds.length === 0) return new Map();
    const rows = await this.db
      .select({ agentId: conversations.assignedAgentId, n: count() })
      .from(conversations)
      .where(and(eq(conversations.mode, 'human'), inArray(conversations.assignedAgentId, [...agentIds])))
      .groupBy(conversations.assignedAgentId);
    return new Map(rows.map((row) => [row.agentId!, row.n]));
  }

  /** The customer's newest message, cut to a preview. */
  async preview(conversationId: string): Promise<string | null> {
    const [row] = await this.db
      .select({ text: sql<string>`left(${messages.text}, ${PREVIEW_CHARS})` })
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), eq(messages.role, 'customer')))
      .orderBy(desc(messages.seq))
      .limit(1);
    return row?.text ?? null;
  }

  /**
   * The last `limit` messages, oldest first, as the model may see them: a message the filter held for
   * review is for people only, so it is left out.
   */
  async transcript(conversationId: string, limit: number): Promise<TranscriptLine[]> {
    const rows = await this.db
      .select({
        role: messages.role,
        text: sql<string>`coalesce(${messages.modelText}, ${messages.text})`,
        authorName: messages.authorName,
      })
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), sql`NOT ('review' = ANY(${messages.flags}))`))
      .orderBy(desc(messages.seq))
      .limit(limit);
    return rows.reverse();
  }

  async saveBrief(conversationId: string, brief: HandoffBrief): Promise<void> {
    await this.db.update(conversations).set({ handoffBrief: brief }).where(eq(conversations.id, conversationId));
  }

  /** Undefined when there is no such conversation. */
  async saveContactEmail(conversationId: string, email: string): Promise<string | undefined> {
    const [row] = await this.db
      .update(conversations)
      .set({ contactEmail: email, updatedAt: new Date() })
      .where(eq(conversations.id, conversationId))
      .returning({ email: conversations.contactEmail });
    return row?.email ?? undefined;
  }

  /** Whether the agent wrote in the conversation after `since`. */
  async agentWroteSince(conversationId: string, agentId: string, since: Date): Promise<boolean> {
    const [row] = await this.db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), eq(messages.agentId, agentId), gt(messages.createdAt, since)))
      .limit(1);
    return row !== undefined;
  }

  /** When it started waiting and how many agent messages came since then (1: the one just stored was the first). */
  async agentRepliesSinceWait(conversationId: string): Promise<{ waitingSince: Date | null; replies: number }> {
    const [row] = await this.db
      .select({
        waitingSince: conversations.waitingSince,
        // Spelled out: drizzle leaves column names unqualified inside sql``, which a correlated subquery needs.
        replies: sql<number>`(SELECT count(*)::int FROM messages m WHERE m.conversation_id = conversations.id
          AND m.role = 'agent' AND m.created_at >= conversations.waiting_since)`,
      })
      .from(conversations)
      .where(eq(conversations.id, conversationId))
      .limit(1);
    return { waitingSince: row?.waitingSince ?? null, replies: row?.replies ?? 0 };
  }
}

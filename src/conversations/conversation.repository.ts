import { and, desc, eq, getTableColumns, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import type { ConversationMode } from '../contracts/enums.js';
import { agents, conversations, type ConversationRow } from '../db/schema.js';

/** A conversation with its owner's name, read or returned in the same statement. */
export type ConversationWithOwner = ConversationRow & { assignedAgentName: string | null };

/** What a mode change does to the owner and queue columns besides `mode` (see `compareAndSetMode`). */
export interface OwnerChange {
  /** With `to: 'human'`: the new owner. Every other mode clears the owner. */
  assignTo?: string;
  /** Only if the conversation has no owner or is owned by this agent (an agent acting; admins pass none). */
  actingAgentId?: string;
  /** With `to: 'waiting'`: the team it now waits for. */
  teamId?: string;
  /** With `to: 'waiting'`: why (machine-readable). */
  reason?: string;
}

const WITH_OWNER = {
  ...getTableColumns(conversations),
  assignedAgentName: sql<
    string | null
  >`(SELECT ${agents.name} FROM ${agents} WHERE ${agents.id} = ${conversations.assignedAgentId})`,
};

export class ConversationRepository {
  constructor(private readonly db: Database) {}

  async findById(id: string): Promise<ConversationRow | undefined> {
    const [row] = await this.db.select().from(conversations).where(eq(conversations.id, id)).limit(1);
    return row;
  }

  /** The conversation and its owner's name, in one query. */
  async findWithOwner(id: string): Promise<ConversationWithOwner | undefined> {
    const [row] = await this.db.select(WITH_OWNER).from(conversations).where(eq(conversations.id, id)).limit(1);
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
   * `UPDATE ... SET mode = $to, assigned_agent_id = ... WHERE id = $1 AND mode = ANY($from) [AND owner
   * check] RETURNING`: changes mode and owner together, only if the mode still is one of `from` (and,
   * with `actingAgentId`, nobody else owns it). Undefined when it was not (a lost race, a conversation
   * someone else owns, or no such conversation). Of two agents taking one conversation, one wins.
   */
  async compareAndSetMode(
    id: string,
    from: readonly ConversationMode[],
    to: ConversationMode,
    change: OwnerChange = {},
  ): Promise<ConversationWithOwner | undefined> {
    if (from.length === 0) return undefined;
    const conditions: SQL[] = [eq(conversations.id, id), inArray(conversations.mode, [...from])];
    if (change.actingAgentId !== undefined) conditions.push(ownedByNobodyOr(change.actingAgentId));
    // `human` keeps the queue fields (time to first agent, the team); back to the bot or resolved clears them.
    const keep = to === 'human';
    const [row] = await this.db
      .update(conversations)
      .set({
        mode: to,
        updatedAt: new Date(),
        assignedAgentId: to === 'human' ? (change.assignTo ?? null) : null,
        assignedTeamId: to === 'waiting' ? (change.teamId ?? null) : keep ? sql`${conversations.assignedTeamId}` : null,
        waitingSince:
          to === 'waiting'
            ? sql`coalesce(${conversations.waitingSince}, now())`
            : keep
              ? sql`${conversations.waitingSince}`
              : null,
        handoffReason:
          to === 'waiting'
            ? sql`coalesce(${change.reason ?? null}::text, ${conversations.handoffReason})`
            : keep
              ? sql`${conversations.handoffReason}`
              : null,
      })
      .where(and(...conditions))
      .returning(WITH_OWNER);
    return row;
  }

  /**
   * Hands a `human` conversation from `expectedOwner` (null: unowned) to `nextOwner`, only if it still
   * is `human` and owned by `expectedOwner`: a compare-and-set on the owner, so two transfers (or a
   * transfer and a hand-back) cannot both land.
   */
  async compareAndSetOwner(
    id: string,
    expectedOwner: string | null,
    nextOwner: string,
  ): Promise<ConversationWithOwner | undefined> {
    const [row] = await this.db
      .update(conversations)
      .set({ assignedAgentId: nextOwner, updatedAt: new Date() })
      .where(
        and(
          eq(conversations.id, id),
          eq(conversations.mode, 'human'),
          expectedOwner === null ? isNull(conversations.assignedAgentId) : eq(conversations.assignedAgentId, expectedOwner),
        ),
      )
      .returning(WITH_OWNER);
    return row;
  }
}

function ownedByNobodyOr(agentId: string): SQL {
  return or(isNull(conversations.assignedAgentId), eq(conversations.assignedAgentId, agentId))!;
}

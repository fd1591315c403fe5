import { and, desc, eq, getTableColumns, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import type { ConversationMode } from '../contracts/enums.js';
import { agentSites, agents, conversations, messages, type ConversationRow } from '../db/schema.js';
import type { OutboxDispatch } from '../db/webhook-outbox.js';
import { ConversationWebhookEvents, type Transaction } from './conversation-webhook-events.repository.js';

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
  private readonly events = new ConversationWebhookEvents();

  /**
   * With `dispatch`, creating, assigning and resolving write their webhook events in the same
   * transaction (docs/webhooks.md) and `dispatch` queues the deliveries after commit.
   */
  constructor(
    private readonly db: Database,
    private readonly dispatch?: OutboxDispatch,
  ) {}

  /** Runs `work` in a transaction and queues the webhook deliveries it created once it committed. */
  private async withEvents<T>(work: (tx: Transaction) => Promise<{ result: T; deliveryIds: string[] }>): Promise<T> {
    const { result, deliveryIds } = await this.db.transaction(work);
    if (deliveryIds.length > 0) this.dispatch?.(deliveryIds);
    return result;
  }

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

  /**
   * The visitor's newest conversation resolved since `since`, with the agent who last wrote in it,
   * provided that agent is still enabled and a member of the conversation's site.
   */
  async findRecentlyResolvedWithAgent(
    visitorId: string,
    since: Date,
  ): Promise<{ conversationId: string; agentId: string } | undefined> {
    const result = await this.db.execute<{ conversation_id: string; agent_id: string }>(sql`
      SELECT c.id AS conversation_id, last.agent_id
        FROM ${conversations} c
        JOIN LATERAL (SELECT m.agent_id FROM ${messages} m
                       WHERE m.conversation_id = c.id AND m.role = 'agent' AND m.agent_id IS NOT NULL
                       ORDER BY m.seq DESC LIMIT 1) last ON true
        JOIN ${agents} a ON a.id = last.agent_id AND a.disabled_at IS NULL
        JOIN ${agentSites} s ON s.agent_id = a.id AND s.site_id = c.site_id
       WHERE c.visitor_id = ${visitorId} AND c.mode = 'resolved' AND c.updated_at >= ${since.toISOString()}::timestamptz
       ORDER BY c.updated_at DESC
       LIMIT 1`);
    const row = result.rows[0];
    return row && { conversationId: row.conversation_id, agentId: row.agent_id };
  }

  async create(siteId: string, visitorId: string): Promise<ConversationRow> {
    return this.withEvents(async (tx) => {
      const [row] = await tx.insert(conversations).values({ siteId, visitorId }).returning();
      return { result: row!, deliveryIds: await this.events.created(tx, row!) };
    });
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
    const handoff = to === 'waiting' && change.reason !== undefined;
    if (to !== 'human' && to !== 'resolved' && !handoff) return this.setMode(this.db, id, from, to, change);
    // Assigning, resolving and a handoff are reported by webhooks: the event commits with the change.
    return this.withEvents(async (tx) => {
      if (to === 'waiting') {
        // Only a move into the queue is a handoff; another trigger while waiting is not a second one.
        const [before] = await tx
          .select({ mode: conversations.mode })
          .from(conversations)
          .where(eq(conversations.id, id))
          .for('update');
        const updated = before && (await this.setMode(tx, id, from, to, change));
        if (!before || !updated) return { result: undefined, deliveryIds: [] };
        const deliveryIds = before.mode === 'waiting' ? [] : await this.events.handoffRequested(tx, updated);
        return { result: updated, deliveryIds };
      }
      if (to === 'human') {
        // Nothing reaches `human` from `human`, so there is no previous owner to read first.
        const updated = await this.setMode(tx, id, from, to, change);
        if (!updated) return { result: undefined, deliveryIds: [] };
        return { result: updated, deliveryIds: await this.events.assigned(tx, updated, agentOf(updated), null) };
      }
      // Resolving clears the queue fields the payload's timings need: read them first, locked.
      const [before] = await tx.select().from(conversations).where(eq(conversations.id, id)).for('update');
      const updated = before && (await this.setMode(tx, id, from, to, change));
      if (!before || !updated) return { result: undefined, deliveryIds: [] };
      const deliveryIds = await this.events.resolved(tx, before, updated);
      return { result: updated, deliveryIds };
    });
  }

  private async setMode(
    executor: Database | Transaction,
    id: string,
    from: readonly ConversationMode[],
    to: ConversationMode,
    change: OwnerChange,
  ): Promise<ConversationWithOwner | undefined> {
    const conditions: SQL[] = [eq(conversations.id, id), inArray(conversations.mode, [...from])];
    if (change.actingAgentId !== undefined) conditions.push(ownedByNobodyOr(change.actingAgentId));
    // `human` keeps the queue fields (time to first agent, the team); back to the bot or resolved clears them.
    const keep = to === 'human';
    const [row] = await executor
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
    return this.withEvents(async (tx) => {
      const [row] = await tx
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
      if (!row) return { result: undefined, deliveryIds: [] };
      const [previous] = expectedOwner
        ? await tx.select({ id: agents.id, name: agents.name }).from(agents).where(eq(agents.id, expectedOwner))
        : [];
      return {
        result: row,
        deliveryIds: await this.events.assigned(
          tx,
          row,
          agentOf(row),
          previous ?? (expectedOwner ? { id: expectedOwner, name: null } : null),
        ),
      };
    });
  }
}

function agentOf(row: ConversationWithOwner): { id: string; name: string | null } {
  return { id: row.assignedAgentId ?? '', name: row.assignedAgentName };
}

function ownedByNobodyOr(agentId: string): SQL {
  return or(isNull(conversations.assignedAgentId), eq(conversations.assignedAgentId, agentId))!;
}

import { createHash } from 'node:crypto';
import { and, asc, eq, getTableColumns, gt, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Pool } from 'pg';
import type { Database } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import type { ConversationMode } from '../contracts/enums.js';
import { conversations, messages, type MessageRow } from '../db/schema.js';
import { isoTime, outboxCtes, subscribed, type OutboxDispatch } from '../db/webhook-outbox.js';
import type { AppendResult, HistoryRow, MessageStore, NewMessage, ReplyContext } from './message-store.js';

const OPEN_MODES: readonly ConversationMode[] = ['bot', 'waiting', 'human'];

/** Raw `RETURNING` list with the same keys drizzle's select gives, so both produce a `MessageRow`. */
const RETURNED_COLUMNS = sql.raw(
  Object.entries(getTableColumns(messages))
    .map(([key, column]) => `"${column.name}" AS "${key}"`)
    .join(', '),
);

const MESSAGE_EVENT = 'message.created';
const DIALECT = new PgDialect();

/** The `message.created` payload, built from the inserted row `m` in the insert's own statement. */
const MESSAGE_EVENT_DATA = sql`jsonb_build_object('message', jsonb_build_object(
  'id', m.id, 'seq', m.seq, 'role', m.role, 'text', m.text, 'flags', to_jsonb(m.flags),
  'inReplyTo', m.in_reply_to, 'createdAt', ${isoTime(sql`m.created_at`)},
  'author', CASE WHEN m.agent_id IS NULL THEN NULL ELSE jsonb_build_object('id', m.agent_id, 'name', m.author_name) END))`;

function toTextArray(values: string[]) {
  return sql`ARRAY[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;
}

export interface MessageRepositoryOptions {
  /**
   * Run the append as a named prepared statement (default true). Only on session pooling: behind a
   * transaction pooler the next transaction may land on a server connection that never prepared it.
   */
  namedStatements?: boolean;
}

export class MessageRepository implements MessageStore {
  private readonly namedStatements: boolean;

  /** `dispatch` queues the webhook deliveries a stored message created (docs/webhooks.md). */
  constructor(
    private readonly db: Database,
    private readonly dispatch?: OutboxDispatch,
    options: MessageRepositoryOptions = {},
  ) {
    this.namedStatements = options.namedStatements ?? true;
  }

  /**
   * Stores a message with the conversation's next `seq` in ONE statement (one round trip, one commit),
   * because a customer's ack waits on it. Idempotent: a message with the same client message id
   * (customer) or answering the same message (bot) violates a unique index, the whole statement rolls
   * back (no seq is used up), and the stored message is returned instead. Returns undefined when the
   * conversation does not exist or is not in one of `writableModes`.
   *
   * The same statement writes the `message.created` webhook event (and bumps the conversation's
   * `event_seq`) when an enabled endpoint of the site subscribes; otherwise it costs two index probes.
   */
  async append(message: NewMessage): Promise<AppendResult | undefined> {
    try {
      const hooked = subscribed(sql`${conversations}.site_id`, MESSAGE_EVENT);
      const result = await this.prepared<MessageRow & { webhookDeliveryIds: string[] }>(sql`
        WITH bumped AS (
          UPDATE ${conversations}
             SET last_seq = last_seq + 1, updated_at = now(),
                 event_seq = event_seq + CASE WHEN ${hooked} THEN 1 ELSE 0 END
           WHERE id = ${message.conversationId} AND mode = ANY(${toTextArray([...(message.writableModes ?? OPEN_MODES)])})
             AND (${message.ownerAgentId ?? null}::uuid IS NULL OR assigned_agent_id = ${message.ownerAgentId ?? null}::uuid)
       RETURNING id, site_id, last_seq, event_seq
        ),
        inserted AS (
        INSERT INTO ${messages} (conversation_id, seq, role, text, flags, client_message_id, in_reply_to,
                                 ttft_ms, duration_ms, model, prompt_tokens, completion_tokens,
                                 prompt_cache_hit_tokens, confidence, degraded, variant, endpoint, reasoning,
                                 agent_id, author_name, model_text)
        SELECT ${message.conversationId}, bumped.last_seq, ${message.role}, ${message.text},
               ${toTextArray(message.flags ?? [])}, ${message.clientMessageId ?? null}, ${message.inReplyTo ?? null},
               ${message.ttftMs ?? null}, ${message.durationMs ?? null}, ${message.model ?? null},
               ${message.promptTokens ?? null}, ${message.completionTokens ?? null},
               ${message.promptCacheHitTokens ?? null}, ${message.confidence ?? null}, ${message.degraded ?? false},
               ${message.variant ?? null}, ${message.endpoint ?? null}, ${message.reasoning ?? null},
               ${message.agentId ?? null}::uuid, ${message.authorName ?? null}, ${message.modelText ?? null}
          FROM bumped
        RETURNING *
        ),
        event_source AS (
          SELECT b.site_id, b.id AS conversation_id, b.event_seq AS sequence, ${MESSAGE_EVENT_DATA} AS data
            FROM bumped b, inserted m
        ),
        ${outboxCtes(MESSAGE_EVENT, sql`event_source`)}
        SELECT ${RETURNED_COLUMNS},
               (SELECT coalesce(array_agg(id::text), '{}')::text[] FROM outbox_deliveries) AS "webhookDeliveryIds"
          FROM inserted`);
      const found = result.rows[0];
      if (!found) return undefined;
      const { webhookDeliveryIds, ...row } = found;
      if (webhookDeliveryIds.length > 0) this.dispatch?.(webhookDeliveryIds);
      // drizzle hands raw statements timestamps as strings (it parses them itself in typed queries).
      return { message: { ...row, createdAt: new Date(row.createdAt) }, duplicate: false };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.findDuplicate(message);
      if (!winner) throw error;
      return { message: winner, duplicate: true };
    }
  }

  /**
   * Runs a statement as a named prepared statement (one per distinct text, per connection): the
   * append's CTE costs more to plan than to run, and a prepared plan is reused. Without named
   * statements it is an unnamed one, planned each time.
   */
  private async prepared<T extends object>(statement: SQL): Promise<{ rows: T[] }> {
    const query = DIALECT.sqlToQuery(statement);
    const pool = (this.db as unknown as { $client: Pool }).$client;
    if (!this.namedStatements) return pool.query<T>(query.sql, query.params);
    const name = `sb_${createHash('sha1').update(query.sql).digest('hex').slice(0, 20)}`;
    return pool.query<T>({ name, text: query.sql, values: query.params });
  }

  async findReplyTo(messageId: string): Promise<MessageRow | undefined> {
    const [row] = await this.db.select().from(messages).where(eq(messages.inReplyTo, messageId)).limit(1);
    return row;
  }

  async listAfter(conversationId: string, afterSeq: number, limit: number): Promise<MessageRow[]> {
    return this.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), gt(messages.seq, afterSeq)))
      .orderBy(asc(messages.seq))
      .limit(limit);
  }

  /**
   * Everything a reply job needs, in one round trip (a reply's time to first token waits on it): the
   * conversation's mode, whether the message already has a reply, and the newest `limit` messages up
   * to and including `uptoSeq`, oldest first. Undefined when the conversation does not exist.
   */
  async loadReplyContext(
    conversationId: string,
    messageId: string,
    uptoSeq: number,
    limit: number,
  ): Promise<ReplyContext | undefined> {
    const result = await this.db.execute<{
      mode: ConversationMode;
      answered: boolean;
      variant: string | null;
      history: HistoryRow[] | null;
    }>(sql`
      SELECT c.mode, c.variant,
             EXISTS (SELECT 1 FROM ${messages} r WHERE r.in_reply_to = ${messageId}) AS answered,
             (SELECT json_agg(json_build_object('id', h.id, 'seq', h.seq, 'role', h.role, 'text', h.text) ORDER BY h.seq)
                FROM (SELECT id, seq, role, coalesce(model_text, text) AS text FROM ${messages}
                       WHERE conversation_id = c.id AND seq <= ${uptoSeq}
                       ORDER BY seq DESC LIMIT ${limit}) h) AS history
        FROM ${conversations} c
       WHERE c.id = ${conversationId}`);
    const row = result.rows[0];
    return row && { mode: row.mode, answered: row.answered, variant: row.variant, history: row.history ?? [] };
  }

  private async findDuplicate(message: NewMessage): Promise<MessageRow | undefined> {
    if (message.clientMessageId !== undefined) {
      const [row] = await this.db
        .select()
        .from(messages)
        .where(and(eq(messages.conversationId, message.conversationId), eq(messages.clientMessageId, message.clientMessageId)))
        .limit(1);
      return row;
    }
    if (message.inReplyTo !== undefined) return this.findReplyTo(message.inReplyTo);
    return undefined;
  }
}

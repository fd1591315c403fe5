import { sql, type SQL } from 'drizzle-orm';
import type { Database } from './client.js';
import { conversations, webhookDeliveries, webhookEndpoints, webhookEvents } from './schema.js';

/**
 * The webhook outbox as SQL, shared by every repository that commits a change a webhook reports
 * (docs/webhooks.md, "Outbox"). It lives with the schema because those repositories belong to several
 * domains and each must write its event in its own statement or transaction.
 */

/** Anything that runs a statement: the pool's database or a transaction. */
export type SqlExecutor = Pick<Database, 'execute'>;

/** Told the ids of the deliveries a committed change created, to queue them (the sweep is the backstop). */
export type OutboxDispatch = (deliveryIds: readonly string[]) => void;

/** `EXISTS` an enabled endpoint of the site subscribed to `type` (an index probe on the site). */
export function subscribed(siteId: SQL, type: string): SQL {
  return sql`EXISTS (SELECT 1 FROM ${webhookEndpoints} e WHERE e.site_id = ${siteId} AND e.enabled AND ${type} = ANY(e.events))`;
}

/** ISO-8601 UTC with milliseconds, like `Date#toISOString`, for payloads built in SQL. */
export function isoTime(column: SQL): SQL {
  return sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * The two CTEs that append an event and its deliveries to a statement, to follow CTEs the caller
 * wrote. `source` names a CTE (or a join) with one row per event, exposing the columns `site_id`,
 * `conversation_id`, `sequence` and `data` (jsonb). The statement can then read `outbox_deliveries(id)`.
 * Nothing is written when no enabled endpoint of the site subscribes to `type`.
 */
export function outboxCtes(type: string, source: SQL): SQL {
  return sql`
    outbox_event AS (
      INSERT INTO ${webhookEvents} (site_id, conversation_id, type, sequence, data)
      SELECT src.site_id, src.conversation_id, ${type}, src.sequence, src.data FROM ${source} src
       WHERE ${subscribed(sql`src.site_id`, type)}
      RETURNING id, site_id
    ),
    outbox_deliveries AS (
      INSERT INTO ${webhookDeliveries} (event_id, endpoint_id)
      SELECT ev.id, e.id FROM outbox_event ev
        JOIN ${webhookEndpoints} e ON e.site_id = ev.site_id AND e.enabled AND ${type} = ANY(e.events)
      RETURNING id
    )`;
}

/** What a recorded event produced: one delivery per subscribed endpoint (none: nobody listens). */
export interface RecordedOutboxEvent {
  deliveryIds: string[];
}

/**
 * Records one event in ONE statement on `executor` (pass a transaction to make it part of the change
 * it reports): bumps the conversation's `event_seq` and writes the event with that sequence, only when
 * an enabled endpoint of the site subscribes to `type`. `onlyEndpointId` sends it to that endpoint
 * alone, subscribed or not (the test event). Without a conversation the sequence is 0.
 */
export async function recordOutboxEvent(
  executor: SqlExecutor,
  event: {
    siteId: string;
    conversationId: string | null;
    type: string;
    data: Record<string, unknown>;
    onlyEndpointId?: string;
  },
): Promise<RecordedOutboxEvent> {
  const data = sql`${JSON.stringify(event.data)}::jsonb`;
  const siteId = sql`${event.siteId}::uuid`;
  const targets = event.onlyEndpointId
    ? sql`e.id = ${event.onlyEndpointId}::uuid AND e.site_id = ${siteId}`
    : sql`e.site_id = ${siteId} AND e.enabled AND ${event.type} = ANY(e.events)`;
  const wanted = sql`EXISTS (SELECT 1 FROM ${webhookEndpoints} e WHERE ${targets})`;
  const source =
    event.conversationId === null
      ? sql`SELECT ${siteId} AS site_id, NULL::uuid AS conversation_id, 0 AS sequence WHERE ${wanted}`
      : sql`UPDATE ${conversations} SET event_seq = event_seq + 1
             WHERE id = ${event.conversationId}::uuid AND site_id = ${siteId} AND ${wanted}
            RETURNING site_id, id AS conversation_id, event_seq AS sequence`;
  const result = await executor.execute<{ id: string }>(sql`
    WITH src AS (${source}),
    ev AS (
      INSERT INTO ${webhookEvents} (site_id, conversation_id, type, sequence, data)
      SELECT site_id, conversation_id, ${event.type}, sequence, ${data} FROM src
      RETURNING id
    )
    INSERT INTO ${webhookDeliveries} (event_id, endpoint_id)
    SELECT ev.id, e.id FROM ev, ${webhookEndpoints} e WHERE ${targets}
    RETURNING id`);
  return { deliveryIds: result.rows.map((row) => row.id) };
}

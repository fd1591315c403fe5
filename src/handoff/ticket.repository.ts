import { asc, eq, sql } from 'drizzle-orm';
import type { HandoffBrief } from '../contracts/handoff.js';
import type { Database } from '../db/client.js';
import { conversations, messages, visitors, type MessageRow } from '../db/schema.js';
import type { SqlExecutor } from '../db/webhook-outbox.js';

/** Most messages a ticket's transcript carries (the payload cap may cut it further). */
const TICKET_TRANSCRIPT_MESSAGES = 200;

/** What a ticket is built from, read in the transaction that records it. */
export interface TicketSource {
  siteId: string;
  conversationId: string;
  visitorId: string;
  waitingSince: Date;
  brief: HandoffBrief | null;
  contactEmail: string | null;
  visitorName: string | null;
  visitorEmail: string | null;
  messages: MessageRow[];
  /** `<conversation id>:<ms of waiting_since>`: one per handoff (the wait clock starts once per handoff). */
  idempotencyKey: string;
}

/**
 * The one place a ticket is asked for at most once per handoff, however many workers try at once: an
 * advisory transaction lock on the handoff's key, then "no `ticket.requested` with this key yet".
 */
export class TicketRepository {
  constructor(private readonly db: Database) {}

  /** Runs `record` in a transaction, once per handoff of a conversation still waiting; undefined otherwise. */
  async once<T>(conversationId: string, record: (tx: SqlExecutor, source: TicketSource) => Promise<T>): Promise<T | undefined> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .select({
          siteId: conversations.siteId,
          visitorId: conversations.visitorId,
          mode: conversations.mode,
          waitingSince: conversations.waitingSince,
          brief: conversations.handoffBrief,
          contactEmail: conversations.contactEmail,
          visitorName: visitors.name,
          visitorEmail: visitors.email,
        })
        .from(conversations)
        .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
        .where(eq(conversations.id, conversationId));
      if (!row || row.mode !== 'waiting' || !row.waitingSince) return undefined;
      const idempotencyKey = `${conversationId}:${row.waitingSince.getTime()}`;
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${idempotencyKey}))`);
      const seen = await tx.execute(sql`
        SELECT 1 FROM webhook_events
         WHERE conversation_id = ${conversationId} AND type = 'ticket.requested'
           AND data #>> '{ticket,idempotencyKey}' = ${idempotencyKey}
         LIMIT 1`);
      if (seen.rows.length > 0) return undefined;
      const transcript = await tx
        .select()
        .from(messages)
        .where(eq(messages.conversationId, conversationId))
        .orderBy(asc(messages.seq))
        .limit(TICKET_TRANSCRIPT_MESSAGES);
      return record(tx, {
        siteId: row.siteId,
        conversationId,
        visitorId: row.visitorId,
        waitingSince: row.waitingSince,
        brief: row.brief ?? null,
        contactEmail: row.contactEmail ?? null,
        visitorName: row.visitorName,
        visitorEmail: row.visitorEmail,
        messages: transcript,
        idempotencyKey,
      });
    });
  }
}

import { and, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import {
  webhookAttempts,
  webhookDeliveries,
  webhookEvents,
  type WebhookAttemptRow,
  type WebhookDeliveryRow,
  type WebhookEventRow,
} from '../db/schema.js';

/** A delivery claimed for one attempt, with its event. */
export interface ClaimedDelivery {
  delivery: WebhookDeliveryRow;
  event: WebhookEventRow;
}

/** What one attempt came to, as the log keeps it. */
export interface AttemptRecord {
  attempt: number;
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

/** Deliveries (one event for one endpoint), their lease and schedule, and the attempt log. */
export class WebhookDeliveryRepository {
  constructor(private readonly db: Database) {}

  /**
   * Takes a due delivery for attempt `attempt` with a lease: only if it is pending with exactly
   * `attempt - 1` attempts behind it, or a worker that held it died (its lease ran out). So a job
   * queued twice, or run again after a crash, cannot send the same attempt twice at once.
   */
  async claim(deliveryId: string, attempt: number, leaseMs: number): Promise<ClaimedDelivery | undefined> {
    const [delivery] = await this.db
      .update(webhookDeliveries)
      .set({
        status: 'delivering',
        leaseUntil: sql`now() + ${`${leaseMs} milliseconds`}::interval`,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(webhookDeliveries.id, deliveryId),
          eq(webhookDeliveries.attempts, attempt - 1),
          or(
            eq(webhookDeliveries.status, 'pending'),
            and(eq(webhookDeliveries.status, 'delivering'), lt(webhookDeliveries.leaseUntil, sql`now()`)),
          ),
        ),
      )
      .returning();
    if (!delivery) return undefined;
    const [event] = await this.db.select().from(webhookEvents).where(eq(webhookEvents.id, delivery.eventId));
    return event && { delivery, event };
  }

  /**
   * Logs the attempt and settles the delivery in one transaction: `succeeded`, `failed` for good, or
   * `pending` again with the next attempt due at `retryAt`.
   */
  async settle(
    deliveryId: string,
    record: AttemptRecord,
    outcome: { status: 'succeeded' | 'failed' } | { status: 'pending'; retryAt: Date },
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.insert(webhookAttempts).values({ deliveryId, ...record });
      await tx
        .update(webhookDeliveries)
        .set({
          status: outcome.status,
          attempts: record.attempt,
          leaseUntil: null,
          nextAttemptAt: outcome.status === 'pending' ? outcome.retryAt : sql`${webhookDeliveries.nextAttemptAt}`,
          lastStatusCode: record.statusCode,
          lastError: record.error,
          updatedAt: new Date(),
        })
        .where(eq(webhookDeliveries.id, deliveryId));
    });
  }

  /** Fails a delivery without an attempt (its endpoint is disabled or gone). */
  async abandon(deliveryId: string, reason: string): Promise<void> {
    await this.db
      .update(webhookDeliveries)
      .set({ status: 'failed', leaseUntil: null, lastError: reason, updatedAt: new Date() })
      .where(eq(webhookDeliveries.id, deliveryId));
  }

  /**
   * Due work the queue may have lost (a crash between commit and enqueue, a lost Redis): pending
   * deliveries due for at least `graceMs`, and deliveries whose lease ran out. At most `limit`.
   */
  async findDue(graceMs: number, limit: number): Promise<Array<{ id: string; attempts: number }>> {
    return this.db
      .select({ id: webhookDeliveries.id, attempts: webhookDeliveries.attempts })
      .from(webhookDeliveries)
      .where(
        and(
          inArray(webhookDeliveries.status, ['pending', 'delivering']),
          lte(webhookDeliveries.nextAttemptAt, sql`now() - ${`${graceMs} milliseconds`}::interval`),
          or(eq(webhookDeliveries.status, 'pending'), lt(webhookDeliveries.leaseUntil, sql`now()`)),
        ),
      )
      .orderBy(webhookDeliveries.nextAttemptAt)
      .limit(limit);
  }

  async ids(deliveryIds: readonly string[]): Promise<Array<{ id: string; attempts: number }>> {
    if (deliveryIds.length === 0) return [];
    return this.db
      .select({ id: webhookDeliveries.id, attempts: webhookDeliveries.attempts })
      .from(webhookDeliveries)
      .where(inArray(webhookDeliveries.id, [...deliveryIds]));
  }

  async list(
    endpointId: string,
    query: { status?: string; before?: Date; limit: number },
  ): Promise<Array<WebhookDeliveryRow & { eventType: string }>> {
    const conditions: SQL[] = [eq(webhookDeliveries.endpointId, endpointId)];
    if (query.status) conditions.push(eq(webhookDeliveries.status, query.status));
    if (query.before) conditions.push(lt(webhookDeliveries.createdAt, query.before));
    const rows = await this.db
      .select({ delivery: webhookDeliveries, eventType: webhookEvents.type })
      .from(webhookDeliveries)
      .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
      .where(and(...conditions))
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(query.limit);
    return rows.map((row) => ({ ...row.delivery, eventType: row.eventType }));
  }

  async find(
    endpointId: string,
    deliveryId: string,
  ): Promise<{ delivery: WebhookDeliveryRow; event: WebhookEventRow; attempts: WebhookAttemptRow[] } | undefined> {
    const [row] = await this.db
      .select({ delivery: webhookDeliveries, event: webhookEvents })
      .from(webhookDeliveries)
      .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
      .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.id, deliveryId)));
    if (!row) return undefined;
    const attempts = await this.db
      .select()
      .from(webhookAttempts)
      .where(eq(webhookAttempts.deliveryId, deliveryId))
      .orderBy(webhookAttempts.attempt);
    return { ...row, attempts };
  }

  /**
   * Makes failed deliveries of the endpoint due again now (one, or every one created since `since`):
   * the same event, so the same `webhook-id`. Attempts go on counting: a replay of a delivery that had
   * used up the schedule gets one attempt, one that stopped early (a 410) resumes it. Returns what to queue.
   */
  async replay(
    endpointId: string,
    which: { deliveryId: string } | { since: Date },
  ): Promise<Array<{ id: string; attempts: number }>> {
    const condition =
      'deliveryId' in which ? eq(webhookDeliveries.id, which.deliveryId) : gte(webhookDeliveries.createdAt, which.since);
    return this.db
      .update(webhookDeliveries)
      .set({ status: 'pending', nextAttemptAt: new Date(), updatedAt: new Date() })
      .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.status, 'failed'), condition))
      .returning({ id: webhookDeliveries.id, attempts: webhookDeliveries.attempts });
  }
}

import { asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { messages, type ConversationRow, type MessageRow } from '../db/schema.js';
import { recordOutboxEvent, type SqlExecutor } from '../db/webhook-outbox.js';
import { toTranscriptMessage } from './transcript-view.js';

/** A transaction of the conversations' database (what `Database#transaction` hands its callback). */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Most messages a `conversation.resolved` transcript carries (the delivery caps the body size too). */
export const MAX_TRANSCRIPT_MESSAGES = 2000;

/** The agent a conversation was assigned to, as payloads name them. */
export interface AssignedAgent {
  id: string;
  name: string | null;
}

/**
 * Writes the conversation lifecycle's webhook events inside the transaction of the change they report,
 * with the payload built there and then (docs/webhooks.md). Each returns the deliveries created, which
 * the caller queues after commit.
 */
export class ConversationWebhookEvents {
  async created(tx: SqlExecutor, row: ConversationRow): Promise<string[]> {
    return this.record(tx, row, 'conversation.created', {
      conversation: {
        id: row.id,
        siteId: row.siteId,
        visitorId: row.visitorId,
        mode: row.mode,
        createdAt: row.createdAt.toISOString(),
      },
    });
  }

  async assigned(
    tx: SqlExecutor,
    row: ConversationRow,
    agent: AssignedAgent,
    previousAgent: AssignedAgent | null,
  ): Promise<string[]> {
    return this.record(tx, row, 'conversation.assigned', {
      conversation: { id: row.id, mode: row.mode, waitingSince: row.waitingSince?.toISOString() ?? null },
      agent,
      previousAgent,
      teamId: row.assignedTeamId,
      handoffReason: row.handoffReason,
    });
  }

  /**
   * `conversation.handoff_requested`: why, since when the customer waits, the brief if one is already
   * known (it usually follows in `conversation.assigned`/`resolved`: the brief is written after the
   * handoff), and the transcript so far.
   */
  async handoffRequested(tx: Transaction, row: ConversationRow): Promise<string[]> {
    const rows = await this.transcriptRows(tx, row.id);
    return this.record(tx, row, 'conversation.handoff_requested', {
      conversation: {
        id: row.id,
        siteId: row.siteId,
        visitorId: row.visitorId,
        waitingSince: row.waitingSince?.toISOString() ?? null,
      },
      reason: row.handoffReason,
      brief: row.handoffBrief ?? null,
      transcript: { messages: rows.map(toTranscriptMessage), truncated: rows.length === MAX_TRANSCRIPT_MESSAGES },
    });
  }

  /**
   * `conversation.resolved`: the full transcript (up to {@link MAX_TRANSCRIPT_MESSAGES}), the brief and
   * the timings, from `before` (the row as it was before the change: resolving clears the queue fields).
   */
  async resolved(tx: Transaction, before: ConversationRow, after: ConversationRow): Promise<string[]> {
    const rows = await this.transcriptRows(tx, after.id);
    const resolvedAt = after.updatedAt;
    return this.record(tx, after, 'conversation.resolved', {
      conversation: {
        id: after.id,
        siteId: after.siteId,
        visitorId: after.visitorId,
        createdAt: after.createdAt.toISOString(),
        resolvedAt: resolvedAt.toISOString(),
        handoffReason: before.handoffReason,
        waitingSince: before.waitingSince?.toISOString() ?? null,
        assignedAgentId: before.assignedAgentId,
        contactEmail: before.contactEmail ?? null,
      },
      brief: before.handoffBrief ?? null,
      timings: timingsOf(rows, before, resolvedAt),
      transcript: { messages: rows.map(toTranscriptMessage), truncated: rows.length === MAX_TRANSCRIPT_MESSAGES },
    });
  }

  private transcriptRows(tx: Transaction, conversationId: string): Promise<MessageRow[]> {
    return tx
      .select()
      .from(messages)
      .where(eq(messages.conversationId, conversationId))
      .orderBy(asc(messages.seq))
      .limit(MAX_TRANSCRIPT_MESSAGES);
  }

  private async record(tx: SqlExecutor, row: ConversationRow, type: string, data: Record<string, unknown>) {
    const { deliveryIds } = await recordOutboxEvent(tx, { siteId: row.siteId, conversationId: row.id, type, data });
    return deliveryIds;
  }
}

/**
 * Milliseconds, null when it did not happen: first customer message to first bot reply; handoff
 * (waiting since) to the first agent message (how long the customer waited for a person); first
 * customer message to the first agent message; start of the conversation to its resolution.
 */
function timingsOf(rows: MessageRow[], before: ConversationRow, resolvedAt: Date) {
  const first = (predicate: (row: MessageRow) => boolean) => rows.find(predicate)?.createdAt.getTime();
  const firstCustomer = first((row) => row.role === 'customer');
  const firstBot = first((row) => row.role === 'bot');
  const waitingSince = before.waitingSince?.getTime();
  const firstAgent = first(
    (row) => row.role === 'agent' && (waitingSince === undefined || row.createdAt.getTime() >= waitingSince),
  );
  const between = (from: number | undefined, to: number | undefined) =>
    from === undefined || to === undefined ? null : Math.max(0, to - from);
  return {
    firstBotReplyMs: between(firstCustomer, firstBot),
    handoffWaitMs: between(waitingSince, firstAgent),
    firstAgentReplyMs: between(firstCustomer, firstAgent),
    resolutionMs: between(before.createdAt.getTime(), resolvedAt.getTime()),
  };
}

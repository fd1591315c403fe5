import type { TicketRequestedData } from '../contracts/webhooks.js';
import { toTranscriptMessage } from '../conversations/transcript-view.js';
import type { SqlExecutor } from '../db/webhook-outbox.js';
import type { TicketRepository, TicketSource } from './ticket.repository.js';

/** What the handoff domain asks of webhooks (a port: the composition root hands in the outbox recorder). */
export interface WebhookOutbox {
  recordWebhookEvent(
    tx: SqlExecutor | undefined,
    siteId: string,
    conversationId: string,
    type: 'ticket.requested',
    data: Record<string, unknown>,
  ): Promise<{ dispatch(): void }>;
}

export type TicketReason = TicketRequestedData['ticket']['why'];

/**
 * `ticket.requested`: a handoff nobody will take in time becomes a ticket for the site's helpdesk, once
 * per handoff (docs/webhooks.md maps it onto Zendesk, Freshdesk, Jira Service Management, Zammad).
 */
export class TicketRequests {
  constructor(private readonly deps: { tickets: TicketRepository; outbox: WebhookOutbox }) {}

  /** False when the conversation no longer waits, or this handoff already asked for its ticket. */
  async request(conversationId: string, why: TicketReason): Promise<boolean> {
    const recorded = await this.deps.tickets.once(conversationId, (tx, source) =>
      this.deps.outbox.recordWebhookEvent(tx, source.siteId, conversationId, 'ticket.requested', { ...ticketData(source, why) }),
    );
    recorded?.dispatch();
    return recorded !== undefined;
  }
}

function ticketData(source: TicketSource, why: TicketReason): TicketRequestedData {
  const { brief } = source;
  const firstQuestion = source.messages.find((message) => message.role === 'customer')?.text ?? '';
  const subject = (brief?.summary || firstQuestion || 'Customer asked for a person').slice(0, 150);
  const lines = source.messages.map(
    (message) => `${message.role}${message.authorName ? ` (${message.authorName})` : ''}: ${message.text}`,
  );
  const description = [
    ...(brief ? [brief.summary, ...brief.facts.map((fact) => `- ${fact}`), `Tried: ${brief.what_the_bot_tried}`, ''] : []),
    ...lines,
  ].join('\n');
  const tags = ['switchboard', why, ...(brief ? [brief.sentiment, brief.language].filter(Boolean) : [])];
  return {
    ticket: {
      idempotencyKey: source.idempotencyKey,
      why,
      subject,
      description,
      priority: brief?.priority ?? 'normal',
      tags,
      requester: { name: source.visitorName, email: source.contactEmail ?? source.visitorEmail },
    },
    conversation: {
      id: source.conversationId,
      siteId: source.siteId,
      visitorId: source.visitorId,
      waitingSince: source.waitingSince.toISOString(),
    },
    brief: brief ?? null,
    transcript: { messages: source.messages.map(toTranscriptMessage), truncated: false },
  };
}

import type { StoredMessage } from '../contracts/payloads.js';
import type { SiteRow } from '../db/schema.js';
import { AppError } from '../errors/app-error.js';
import type { ConversationService } from '../conversations/conversation.service.js';
import type { VisitorService } from '../sites/visitor.service.js';
import type { ChannelRepository } from './channel.repository.js';
import type { IntegrationPrincipal } from './integration-token.service.js';

/** The widget's message budgets (per visitor, per site): the gateway's `MessageRateLimiter` fits. */
export interface MessageBudget {
  consume(siteId: string, visitorId: string): Promise<void>;
}

export interface RestChannelServiceDeps {
  sites: { byIdentifier(siteId: string): Promise<SiteRow | undefined> };
  conversations: Pick<ConversationService, 'openSession' | 'sendCustomerMessage'>;
  visitors: VisitorService;
  channel: ChannelRepository;
  budget: MessageBudget;
}

/**
 * Customers of channels that hold no socket (a mail bridge, an IVR): each message goes through the
 * widget's pipeline (budgets, filter, limits, history, the reply job); the bot's answer is a task.
 */
export class RestChannelService {
  constructor(private readonly deps: RestChannelServiceDeps) {}

  async accept(
    principal: IntegrationPrincipal,
    input: { visitorId: string; text: string; clientMessageId: string },
  ): Promise<{ task_id: string; message: StoredMessage; conversationId: string; duplicate: boolean }> {
    const site = await this.deps.sites.byIdentifier(principal.siteId);
    if (!site) throw new AppError('NOT_FOUND', 'No such site.');
    const visitorId = await this.visitorFor(site.id, input.visitorId);
    await this.deps.budget.consume(site.id, visitorId);
    const { conversation } = await this.deps.conversations.openSession(site, { knownVisitorId: visitorId });
    const { message, duplicate } = await this.deps.conversations.sendCustomerMessage(site, conversation.id, {
      clientMessageId: input.clientMessageId,
      text: input.text,
    });
    return { task_id: message.id, message, conversationId: conversation.id, duplicate };
  }

  private async visitorFor(siteId: string, externalId: string): Promise<string> {
    const known = await this.deps.channel.findVisitor(siteId, externalId);
    if (known) return known;
    const { visitorId } = await this.deps.visitors.identify({ id: siteId, identitySecret: null }, undefined);
    return this.deps.channel.linkVisitor(siteId, externalId, visitorId);
  }
}

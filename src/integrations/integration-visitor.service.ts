import type { AgentConversationSummary } from '../contracts/agent-events.js';
import type { IntegrationVisitor } from '../contracts/integration-resources.js';
import { AppError } from '../errors/app-error.js';
import type { IntegrationConversationService } from './integration-conversation.service.js';
import type { IntegrationPrincipal } from './integration-token.service.js';
import type { IntegrationVisitorRepository } from './integration-visitor.repository.js';

/** Visitors as an integration sees them: its site's only; another site's visitor is `NOT_FOUND`. */
export class IntegrationVisitorService {
  constructor(
    private readonly deps: {
      visitors: IntegrationVisitorRepository;
      conversations: Pick<IntegrationConversationService, 'list'>;
    },
  ) {}

  async get(principal: IntegrationPrincipal, visitorId: string): Promise<IntegrationVisitor> {
    const visitor = await this.deps.visitors.byId(principal.siteId, visitorId);
    if (!visitor) throw new AppError('NOT_FOUND', 'No such visitor.');
    return visitor;
  }

  /** The visitor with this REST-channel id or verified user id: a list of zero or one. */
  async find(principal: IntegrationPrincipal, query: { externalId?: string; userId?: string }): Promise<IntegrationVisitor[]> {
    const visitor =
      query.externalId !== undefined
        ? await this.deps.visitors.byExternalId(principal.siteId, query.externalId)
        : await this.deps.visitors.byUserId(principal.siteId, query.userId!);
    return visitor ? [visitor] : [];
  }

  /** The visitor's conversations, newest activity first, keyset-paged like the conversation list. */
  async conversations(
    principal: IntegrationPrincipal,
    visitorId: string,
    page: { cursor?: string; limit: number },
  ): Promise<{ conversations: AgentConversationSummary[]; nextCursor: string | null }> {
    await this.get(principal, visitorId);
    return this.deps.conversations.list(principal, { ...page, visitorId });
  }
}

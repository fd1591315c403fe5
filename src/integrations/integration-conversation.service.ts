import type { AgentConversationSummary, ConversationState } from '../contracts/agent-events.js';
import type { ConversationMode } from '../contracts/enums.js';
import type { Feedback } from '../contracts/feedback.js';
import type { HandoffReason } from '../contracts/handoff.js';
import type { StoredMessage } from '../contracts/payloads.js';
import type { AgentConversationService, AgentDirectory, ConversationActor } from '../conversations/agent-conversation.service.js';
import type { ConversationModeService } from '../conversations/conversation-mode.service.js';
import { toConversationState } from '../conversations/conversation-view.js';
import { hasVisibleText } from '../conversations/conversation.service.js';
import { AppError } from '../errors/app-error.js';
import type { IntegrationPrincipal } from './integration-token.service.js';

/** What this domain asks of the handoff domain (its `HandoffService` fits). */
export interface IntegrationHandoff {
  requestHandoff(conversationId: string, reason: HandoffReason): Promise<unknown>;
}

export interface IntegrationConversationServiceDeps {
  agentConversations: AgentConversationService;
  modes: ConversationModeService;
  directory: AgentDirectory;
  handoff: IntegrationHandoff;
}

/** An integration may write in its own name while a person is wanted or answering, never over the bot. */
const INTEGRATION_WRITABLE: readonly ConversationMode[] = ['waiting', 'human'];

/**
 * Conversations as an integration sees them: its site's only (another site's is `NOT_FOUND`), through
 * the agents' use cases with an actor scoped to that site. Every change of who answers goes through
 * the mode service's compare-and-set.
 */
export class IntegrationConversationService {
  constructor(private readonly deps: IntegrationConversationServiceDeps) {}

  /** The integration as an actor of the agents' use cases: its site only, no owner of its own. */
  private actor(principal: IntegrationPrincipal): ConversationActor {
    return { id: principal.clientRowId, name: principal.name, role: 'admin', siteIds: [principal.siteId] };
  }

  list(
    principal: IntegrationPrincipal,
    query: {
      modes?: ConversationMode[];
      assignee?: string;
      visitorId?: string;
      updatedSince?: string;
      cursor?: string;
      limit: number;
    },
  ): Promise<{ conversations: AgentConversationSummary[]; nextCursor: string | null }> {
    return this.deps.agentConversations.list(this.actor(principal), {
      siteId: principal.siteId,
      modes: query.modes,
      assignedAgentId: query.assignee,
      visitorId: query.visitorId,
      updatedSince: query.updatedSince ? new Date(query.updatedSince) : undefined,
      cursor: query.cursor,
      limit: query.limit,
    });
  }

  async get(
    principal: IntegrationPrincipal,
    conversationId: string,
  ): Promise<{ conversation: ConversationState; messages: StoredMessage[]; feedback: Feedback[] }> {
    const { conversation, messages, feedback } = await this.deps.agentConversations.transcript(
      this.actor(principal),
      conversationId,
      0,
    );
    return { conversation, messages, feedback };
  }

  handOff(principal: IntegrationPrincipal, conversationId: string, reason: HandoffReason): Promise<ConversationState> {
    return this.afterOpen(principal, conversationId, async () => {
      await this.deps.handoff.requestHandoff(conversationId, reason);
      return toConversationState(await this.deps.agentConversations.open(this.actor(principal), conversationId));
    });
  }

  resolve(principal: IntegrationPrincipal, conversationId: string): Promise<ConversationState> {
    return this.deps.agentConversations.resolve(this.actor(principal), conversationId);
  }

  /** Back to the bot, or to a person of the site who then owns it. */
  reopen(
    principal: IntegrationPrincipal,
    conversationId: string,
    to: 'bot' | 'human',
    agentId?: string,
  ): Promise<ConversationState> {
    if (to === 'bot') return this.deps.agentConversations.reopen(this.actor(principal), conversationId, 'bot');
    return this.afterOpen(principal, conversationId, async () => {
      const agent = await this.agentOfSite(principal, agentId!);
      return toConversationState(
        await this.deps.modes.change(conversationId, { to: 'human', from: ['resolved'], assignTo: agent.id }),
      );
    });
  }

  /** Gives it to an agent of the site: a takeover from the bot or the queue, or a transfer from its owner. */
  assign(principal: IntegrationPrincipal, conversationId: string, agentId: string): Promise<ConversationState> {
    return this.afterOpen(principal, conversationId, async (current) => {
      const agent = await this.agentOfSite(principal, agentId);
      const changed =
        current.mode === 'human'
          ? await this.deps.modes.transferOwner(conversationId, { toAgentId: agent.id })
          : await this.deps.modes.change(conversationId, { to: 'human', from: ['bot', 'waiting'], assignTo: agent.id });
      return toConversationState(changed);
    });
  }

  /**
   * Stores a message in the integration's name (role `agent`, no agent id, the client's name as
   * author) while the conversation waits for or is with a person, or as an agent who owns it, and
   * publishes it to the room: the visitor's widget shows it. A repeated `clientMessageId` returns the
   * stored message.
   */
  async postMessage(
    principal: IntegrationPrincipal,
    input: { conversationId: string; clientMessageId: string; text: string; agentId?: string },
  ): Promise<{ message: StoredMessage; duplicate: boolean }> {
    const text = input.text.trim();
    if (!hasVisibleText(text)) throw new AppError('BAD_REQUEST', 'A message needs some text.');
    const current = await this.deps.agentConversations.open(this.actor(principal), input.conversationId);
    const agent = input.agentId ? await this.agentOfSite(principal, input.agentId) : undefined;
    const sent = await this.deps.agentConversations.appendAgentSide({
      conversationId: input.conversationId,
      role: 'agent',
      text,
      clientMessageId: input.clientMessageId,
      ...(agent
        ? { writableModes: ['human'], ownerAgentId: agent.id, agentId: agent.id, authorName: agent.name }
        : { writableModes: INTEGRATION_WRITABLE, authorName: principal.name }),
    });
    if (!sent) {
      if (current.mode === 'resolved')
        throw new AppError('CONVERSATION_CLOSED', 'This conversation is resolved; reopen it first.');
      throw new AppError(
        'CONVERSATION_CONFLICT',
        agent
          ? 'Only the agent who owns this conversation may write in it.'
          : 'The bot answers this conversation; hand it off or assign it first.',
        {
          mode: current.mode,
          assignedAgent: current.assignedAgentId ? { id: current.assignedAgentId, name: current.assignedAgentName ?? '' } : null,
        },
      );
    }
    return sent;
  }

  private async afterOpen<T>(
    principal: IntegrationPrincipal,
    conversationId: string,
    work: (current: Awaited<ReturnType<AgentConversationService['open']>>) => Promise<T>,
  ): Promise<T> {
    return work(await this.deps.agentConversations.open(this.actor(principal), conversationId));
  }

  private async agentOfSite(principal: IntegrationPrincipal, agentId: string): Promise<{ id: string; name: string }> {
    const agent = await this.deps.directory.findActiveAgent(agentId);
    if (!agent || !agent.siteIds.includes(principal.siteId)) throw new AppError('NOT_FOUND', 'No such agent on this site.');
    return agent;
  }
}

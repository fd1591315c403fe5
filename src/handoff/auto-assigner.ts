import type { AgentPresence } from '../contracts/agent-events.js';
import type { ChangedConversation, ConversationModeService } from '../conversations/conversation-mode.service.js';
import { isAppError } from '../errors/app-error.js';
import type { HandoffSettings } from './handoff-settings.js';
import type { HandoffRepository } from './handoff.repository.js';

export interface AutoAssignerDeps {
  modes: Pick<ConversationModeService, 'change'>;
  handoffs: Pick<HandoffRepository, 'ownedCounts'>;
}

/**
 * Gives a waiting conversation to the least busy online agent (fewest conversations owned, then name)
 * under the site's per-agent cap, through the same compare-and-set as a manual take: if an agent took
 * it meanwhile, that agent keeps it.
 */
export class AutoAssigner {
  constructor(private readonly deps: AutoAssignerDeps) {}

  async assign(
    conversationId: string,
    online: readonly AgentPresence[],
    settings: Pick<HandoffSettings, 'maxConversationsPerAgent'>,
  ): Promise<ChangedConversation | undefined> {
    if (online.length === 0) return undefined;
    const owned = await this.deps.handoffs.ownedCounts(online.map((agent) => agent.id));
    const candidate = online
      .map((agent) => ({ agent, load: owned.get(agent.id) ?? 0 }))
      .filter(({ load }) => load < settings.maxConversationsPerAgent)
      .sort((a, b) => a.load - b.load || a.agent.name.localeCompare(b.agent.name) || a.agent.id.localeCompare(b.agent.id))[0];
    if (!candidate) return undefined;
    try {
      return await this.deps.modes.change(conversationId, { to: 'human', from: ['waiting'], assignTo: candidate.agent.id });
    } catch (error) {
      if (isAppError(error) && error.code === 'CONVERSATION_CONFLICT') return undefined;
      throw error;
    }
  }
}

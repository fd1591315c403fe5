import type { ChangedConversation } from '../conversations/conversation-mode.service.js';
import type { HandoffJob } from '../contracts/jobs.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { RoomPublisher } from '../realtime/room-publisher.js';
import type { HandoffScheduler } from './handoff-scheduler.js';
import type { HandoffRepository } from './handoff.repository.js';
import type { HandoffService } from './handoff.service.js';
import type { TicketRequests } from './ticket-requests.js';

export interface HandoffLifecycleDeps {
  tickets: Pick<TicketRequests, 'request'>;
  handoff: Pick<HandoffService, 'requestHandoff' | 'settingsFor' | 'refreshQueue' | 'announce' | 'assignNext'>;
  handoffs: Pick<HandoffRepository, 'state' | 'agentWroteSince' | 'agentRepliesSinceWait'>;
  scheduler: HandoffScheduler;
  rooms: Pick<RoomPublisher, 'toWidgets'>;
  metrics: Metrics;
  logger: Logger;
}

/**
 * What happens around a handoff after it was asked for: the queue moving when a conversation leaves
 * it, the wait and first-reply clocks, and the two timers (nobody picked it up; the agent who got it
 * said nothing), which run as delayed jobs on a worker so a restart loses none.
 */
export class HandoffLifecycle {
  constructor(private readonly deps: HandoffLifecycleDeps) {}

  /** A `ConversationModeService` listener: never throws, never delays the change it hears of. */
  readonly modeChanged = (conversation: ChangedConversation): void => {
    this.afterChange(conversation).catch((error: unknown) =>
      this.deps.logger.warn({ err: error, conversationId: conversation.id }, 'handoff bookkeeping after a mode change failed'),
    );
  };

  /** Told of every stored agent message: the first since the wait began is the time to first agent reply. */
  async agentMessageStored(conversationId: string): Promise<void> {
    const { waitingSince, replies } = await this.deps.handoffs.agentRepliesSinceWait(conversationId);
    if (waitingSince && replies === 1) this.deps.metrics.firstAgentReply.observe((Date.now() - waitingSince.getTime()) / 1000);
  }

  async run(job: HandoffJob): Promise<void> {
    if (job.kind === 'pickup-timeout') await this.pickupTimedOut(job);
    else if (job.kind === 'agent-silence') await this.agentWentSilent(job);
  }

  private async afterChange(conversation: ChangedConversation): Promise<void> {
    const { deps } = this;
    if (conversation.mode === 'human' && conversation.assignedAgentId) {
      if (conversation.waitingSince) deps.metrics.handoffWait.observe((Date.now() - conversation.waitingSince.getTime()) / 1000);
      const settings = await deps.handoff.settingsFor(conversation.siteId);
      if (settings.agentReplyTimeoutSeconds > 0) {
        await deps.scheduler.schedule(
          {
            kind: 'agent-silence',
            conversationId: conversation.id,
            agentId: conversation.assignedAgentId,
            assignedAt: conversation.updatedAt.toISOString(),
          },
          settings.agentReplyTimeoutSeconds * 1000,
        );
      }
    }
    // A transfer to a team is a handoff too: the site's agents hear of it (with the team), the visitor too.
    if (conversation.mode === 'waiting' && conversation.handoffReason === 'transfer') {
      await deps.handoff.announce(conversation, 'transfer', undefined, true);
    }
    // Whoever left the queue, everyone behind them moved up; an agent who finished one may take the next.
    if (conversation.mode !== 'waiting') {
      await deps.handoff.refreshQueue(conversation.siteId);
      if (conversation.mode !== 'human') await deps.handoff.assignNext(conversation.siteId);
    }
  }

  /** Still waiting since the same moment: nobody picked it up in time, so the visitor is asked for an address. */
  private async pickupTimedOut(job: Extract<HandoffJob, { kind: 'pickup-timeout' }>): Promise<void> {
    const state = await this.deps.handoffs.state(job.conversationId);
    if (state?.mode !== 'waiting' || state.waitingSince?.toISOString() !== job.waitingSince) return;
    this.deps.rooms.toWidgets(job.conversationId, 'handoff:unavailable', {
      conversationId: job.conversationId,
      reason: 'timeout',
    });
    await this.deps.tickets.request(job.conversationId, 'pickup_timeout');
  }

  /** Still theirs and nothing written since they got it: back to the queue, which is told. */
  private async agentWentSilent(job: Extract<HandoffJob, { kind: 'agent-silence' }>): Promise<void> {
    const state = await this.deps.handoffs.state(job.conversationId);
    if (state?.mode !== 'human' || state.assignedAgentId !== job.agentId) return;
    if (await this.deps.handoffs.agentWroteSince(job.conversationId, job.agentId, new Date(job.assignedAt))) return;
    await this.deps.handoff.requestHandoff(job.conversationId, 'agent_silent', { from: ['human'], actingAgentId: job.agentId });
  }
}

import { normalizeQuestion } from '../bot/question-key.js';
import type { ConversationMode } from '../contracts/enums.js';
import type { HandoffReason } from '../contracts/handoff.js';
import type { ChangedConversation, ConversationModeService } from '../conversations/conversation-mode.service.js';
import { ownerOf } from '../conversations/conversation-view.js';
import type { SiteRow } from '../db/schema.js';
import { AppError, isAppError } from '../errors/app-error.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { AgentPresenceStore } from '../realtime/agent-presence.js';
import type { RoomPublisher } from '../realtime/room-publisher.js';
import { siteAgentHours } from '../sites/business-hours.js';
import type { SiteCache } from '../sites/site-cache.js';
import { AutoAssigner } from './auto-assigner.js';
import { asksForPerson } from './handoff-phrases.js';
import { HandoffQueueNotifier } from './handoff-queue-notifier.js';
import type { HandoffScheduler } from './handoff-scheduler.js';
import { DEFAULT_HANDOFF_SETTINGS, handoffSettingsOf, type HandoffSettings } from './handoff-settings.js';
import type { TicketRequests } from './ticket-requests.js';
import type { HandoffRepository } from './handoff.repository.js';
import type { RepeatedQuestionRepository } from './repeated-question.repository.js';

export interface HandoffServiceDeps {
  modes: Pick<ConversationModeService, 'change'>;
  /** `ticket.requested` when nobody can take the handoff. */
  tickets: Pick<TicketRequests, 'request'>;
  handoffs: HandoffRepository;
  repeats: RepeatedQuestionRepository;
  sites: Pick<SiteCache, 'byIdentifier'>;
  presence: Pick<AgentPresenceStore, 'list'>;
  rooms: RoomPublisher;
  scheduler: HandoffScheduler;
  metrics: Metrics;
  logger: Logger;
}

export interface HandoffOptions {
  /** The reason the model gave, shown to agents. */
  detail?: string;
  /** Default `bot` and `waiting`: a conversation an agent owns stays theirs. */
  from?: readonly ConversationMode[];
  /** With `from: ['human']`: only while this agent owns it. */
  actingAgentId?: string;
}

export interface HandoffOutcome {
  /** Where the conversation stands afterwards. */
  mode: ConversationMode;
  /** False when it could not move (an agent owns it, or it is resolved). */
  changed: boolean;
}

/**
 * Hands conversations to people: every trigger calls `requestHandoff`, which moves the conversation to
 * `waiting` through the mode compare-and-set and then, outside it, tells the site's agents
 * (`handoff:requested`), starts the brief and the pickup timer, auto-assigns when the site wants it and
 * tells the visitor their place in the queue (or that nobody is online).
 */
export class HandoffService {
  private readonly queue: HandoffQueueNotifier;
  private readonly assigner: AutoAssigner;

  constructor(private readonly deps: HandoffServiceDeps) {
    this.queue = new HandoffQueueNotifier(deps);
    this.assigner = new AutoAssigner(deps);
  }

  async requestHandoff(conversationId: string, reason: HandoffReason, options: HandoffOptions = {}): Promise<HandoffOutcome> {
    const before = await this.deps.handoffs.state(conversationId);
    if (!before) throw new AppError('NOT_FOUND', 'No such conversation.');
    let conversation: ChangedConversation;
    try {
      conversation = await this.deps.modes.change(conversationId, {
        to: 'waiting',
        from: options.from ?? ['bot', 'waiting'],
        reason,
        ...(options.actingAgentId ? { actingAgentId: options.actingAgentId } : {}),
      });
    } catch (error) {
      if (isAppError(error) && error.code === 'CONVERSATION_CONFLICT') {
        return { mode: (error.details.mode as ConversationMode | undefined) ?? before.mode, changed: false };
      }
      throw error;
    }
    this.deps.metrics.handoffs.inc({ reason });
    // A repeated trigger keeps the wait (and its brief); a new wait gets a new brief.
    const sameWait = before.waitingSince !== null && before.waitingSince.getTime() === conversation.waitingSince?.getTime();
    try {
      return { mode: await this.announce(conversation, reason, options.detail, sameWait), changed: true };
    } catch (error) {
      // The conversation waits either way; agents still see it in their list.
      this.deps.logger.error({ err: error, conversationId, reason }, 'handoff announcement failed');
      return { mode: 'waiting', changed: true };
    }
  }

  /** The handoff a customer message asks for: a phrase of the site's, or the same question once too often. */
  async customerTrigger(site: SiteRow, conversationId: string, text: string): Promise<HandoffReason | null> {
    const settings = this.settingsOf(site);
    if (asksForPerson(text, settings.phrases)) return 'customer_asked';
    const key = normalizeQuestion(text);
    if (settings.repeatedQuestionCount === 0 || !key) return null;
    const asked = await this.deps.repeats.count(conversationId, key);
    return asked >= settings.repeatedQuestionCount ? 'repeated_question' : null;
  }

  /** How long after a resolve the customer returns to the same agent (0: never; docs/handoff.md). */
  reopenWindowHours(site: SiteRow): number {
    return this.settingsOf(site).reopenWithAgentHours;
  }

  /** Keeps the address the customer left to be answered at (for the ticket). */
  async saveContactEmail(conversationId: string, email: string): Promise<string> {
    const stored = await this.deps.handoffs.saveContactEmail(conversationId, email);
    if (stored === undefined) throw new AppError('NOT_FOUND', 'No such conversation.');
    return stored;
  }

  /** Settings of a site, by id (defaults when the site is gone). */
  async settingsFor(siteId: string): Promise<HandoffSettings> {
    const site = await this.deps.sites.byIdentifier(siteId);
    return site ? this.settingsOf(site) : DEFAULT_HANDOFF_SETTINGS;
  }

  /**
   * With auto-assignment on, gives the longest-waiting conversation of the site to the least busy
   * online agent, if anyone is under the cap. One at a time: the assignment is a mode change, whose
   * listener calls this again for the next one, until nobody has room.
   */
  async assignNext(siteId: string): Promise<void> {
    const settings = await this.settingsFor(siteId);
    if (!settings.autoAssign) return;
    const [head] = await this.deps.handoffs.waitingQueue(siteId);
    if (head) await this.assigner.assign(head, await this.onlineAgents(siteId), settings);
  }

  /** Tells waiting visitors of the site where they now stand. */
  async refreshQueue(siteId: string): Promise<void> {
    await this.queue.refresh(siteId, await this.settingsFor(siteId));
  }

  /**
   * Tells the site's agents (and the visitor) about a conversation that is waiting: called by
   * `requestHandoff`, and for a transfer to a team (which goes through the mode service directly).
   */
  async announce(
    conversation: ChangedConversation,
    reason: HandoffReason,
    detail: string | undefined,
    sameWait: boolean,
  ): Promise<ConversationMode> {
    const { deps } = this;
    const conversationId = conversation.id;
    const site = await deps.sites.byIdentifier(conversation.siteId);
    const settings = site ? this.settingsOf(site) : DEFAULT_HANDOFF_SETTINGS;
    const waitingSince = conversation.waitingSince!.toISOString();
    const [online, preview] = await Promise.all([this.onlineAgents(conversation.siteId), deps.handoffs.preview(conversationId)]);
    await Promise.all([
      deps.scheduler.schedule({ kind: 'brief', conversationId, waitingSince }),
      deps.scheduler.schedule({ kind: 'pickup-timeout', conversationId, waitingSince }, settings.pickupTimeoutSeconds * 1000),
      deps.repeats.clear(conversationId),
    ]);
    const assigned = settings.autoAssign ? await this.assigner.assign(conversationId, online, settings) : undefined;
    deps.rooms.toSiteAgents(conversation.siteId, 'handoff:requested', {
      conversationId,
      siteId: conversation.siteId,
      reason,
      detail: detail ?? null,
      preview,
      waitingSince,
      teamId: conversation.assignedTeamId,
      assignedAgent: assigned ? ownerOf(assigned) : null,
      brief: sameWait ? (conversation.handoffBrief ?? null) : null,
    });
    if (online.length === 0) {
      // Nobody online outside the site's business hours is expected, not a staffing gap: say when they are back.
      const hours = site ? siteAgentHours(site) : null;
      if (hours && !hours.open) {
        deps.rooms.toWidgets(conversationId, 'handoff:unavailable', {
          conversationId,
          reason: 'outside_business_hours',
          nextOpenAt: hours.nextOpenAt,
        });
        await deps.tickets.request(conversationId, 'outside_business_hours');
      } else {
        deps.rooms.toWidgets(conversationId, 'handoff:unavailable', { conversationId, reason: 'no_agent_online' });
        await deps.tickets.request(conversationId, 'no_agent_online');
      }
    }
    if (!assigned) await this.queue.refresh(conversation.siteId, settings);
    return assigned ? 'human' : 'waiting';
  }

  private async onlineAgents(siteId: string) {
    return (await this.deps.presence.list([siteId])).filter((agent) => agent.status === 'online');
  }

  /** A site's handoff settings (invalid JSON: the defaults, logged). */
  settingsOf(site: SiteRow): HandoffSettings {
    return handoffSettingsOf(site, (problems) =>
      this.deps.logger.error({ siteId: site.id, problems }, 'invalid handoff_settings; using defaults'),
    );
  }
}

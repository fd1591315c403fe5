import {
  MAX_LIST_LIMIT,
  type AgentConversationSummary,
  type ConversationNote,
  type ConversationState,
} from '../contracts/agent-events.js';
import type { AgentRole, ConversationMode } from '../contracts/enums.js';
import type { Feedback } from '../contracts/feedback.js';
import type { VisitorService } from '../sites/visitor.service.js';
import type { StoredMessage, VisitorDetails } from '../contracts/payloads.js';
import { AppError } from '../errors/app-error.js';
import type { RoomPublisher } from '../realtime/room-publisher.js';
import type { ConversationListRepository } from './conversation-list.repository.js';
import type { ConversationModeService } from './conversation-mode.service.js';
import { ownerOf, toConversationState, toNote } from './conversation-view.js';
import type { ConversationRepository, ConversationWithOwner } from './conversation.repository.js';
import { hasVisibleText, SYNC_PAGE_SIZE } from './conversation.service.js';
import { decodeListCursor, encodeListCursor } from './list-cursor.js';
import type { NewMessage } from './message-store.js';
import type { MessageRepository } from './message.repository.js';
import { toStoredMessage } from './message-view.js';
import type { NoteRepository } from './note.repository.js';

/** The agent acting, as this domain needs it (the agents domain's `AuthenticatedAgent` fits). */
export interface ConversationActor {
  id: string;
  name: string;
  role: AgentRole;
  siteIds: readonly string[];
}

/** What this domain asks of the agents domain (a port; the composition root provides it). */
export interface AgentDirectory {
  /** An enabled agent and their sites; undefined when there is none (or it is disabled). */
  findActiveAgent(agentId: string): Promise<{ id: string; name: string; siteIds: readonly string[] } | undefined>;
  teamExists(teamId: string): Promise<boolean>;
}

export interface AgentConversationServiceDeps {
  conversations: ConversationRepository;
  list: ConversationListRepository;
  messages: MessageRepository;
  notes: NoteRepository;
  modes: ConversationModeService;
  rooms: RoomPublisher;
  directory: AgentDirectory;
  /** Who the visitor is, for `conversation:watch`. */
  visitors: Pick<VisitorService, 'details'>;
  /** The visitor's feedback on the conversation (the feedback domain provides it); none without it. */
  feedback?: ConversationFeedbackReader;
  onMessageStored?: (message: StoredMessage) => void;
}

/** What this domain asks of the feedback domain (a port; the composition root provides it). */
export interface ConversationFeedbackReader {
  forConversation(conversationId: string): Promise<Feedback[]>;
}

/** Most notes returned with a transcript. */
const NOTES_PAGE_SIZE = 500;

/**
 * What agents do with conversations: list, read, take over, write, note, hand back, resolve, reopen,
 * transfer. Every action is scoped to the agent's sites (another site's conversation is `NOT_FOUND`,
 * like one that does not exist) and every change of who answers goes through the mode service's
 * compare-and-set; only the owner (or an admin) acts on a conversation someone owns.
 */
export class AgentConversationService {
  constructor(private readonly deps: AgentConversationServiceDeps) {}

  async list(
    actor: ConversationActor,
    query: {
      siteId?: string;
      modes?: ConversationMode[];
      assignedAgentId?: string;
      visitorId?: string;
      updatedSince?: Date;
      cursor?: string;
      limit: number;
    },
  ): Promise<{ conversations: AgentConversationSummary[]; nextCursor: string | null }> {
    if (query.siteId !== undefined && !actor.siteIds.includes(query.siteId)) throw new AppError('NOT_FOUND', 'No such site.');
    const limit = Math.min(query.limit, MAX_LIST_LIMIT);
    const rows = await this.deps.list.list({
      siteIds: query.siteId ? [query.siteId] : actor.siteIds,
      modes: query.modes,
      assignedAgentId: query.assignedAgentId,
      visitorId: query.visitorId,
      updatedSince: query.updatedSince,
      after: query.cursor ? decodeListCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      conversations: page.map((row) => ({
        id: row.id,
        siteId: row.siteId,
        mode: row.mode,
        assignedAgent: ownerOf(row),
        assignedTeamId: row.assignedTeamId,
        visitor: { name: row.visitorName, email: row.visitorEmail },
        waitingSince: row.waitingSince?.toISOString() ?? null,
        lastMessage: row.lastMessage && { ...row.lastMessage, createdAt: row.lastMessage.createdAt.toISOString() },
        updatedAt: row.updatedAt.toISOString(),
      })),
      nextCursor: rows.length > limit && last ? encodeListCursor({ updatedAt: last.cursorAt, id: last.id }) : null,
    };
  }

  /** The conversation if the agent may see it; `NOT_FOUND` otherwise (whether it exists or not). */
  async open(actor: ConversationActor, conversationId: string): Promise<ConversationWithOwner> {
    const conversation = await this.deps.conversations.findWithOwner(conversationId);
    if (!conversation || !actor.siteIds.includes(conversation.siteId)) throw new AppError('NOT_FOUND', 'No such conversation.');
    return conversation;
  }

  /** State, messages after `afterSeq` (one page), every note and the visitor's feedback: what a watching agent starts from. */
  async transcript(
    actor: ConversationActor,
    conversationId: string,
    afterSeq: number,
  ): Promise<{
    conversation: ConversationState;
    messages: StoredMessage[];
    notes: ConversationNote[];
    visitor: VisitorDetails | null;
    feedback: Feedback[];
  }> {
    const conversation = await this.open(actor, conversationId);
    const [messages, notes, visitor, feedback] = await Promise.all([
      this.deps.messages.listAfter(conversationId, afterSeq, SYNC_PAGE_SIZE),
      this.deps.notes.list(conversationId, NOTES_PAGE_SIZE),
      this.deps.visitors.details(conversation.visitorId, conversation.siteId, conversationId),
      this.deps.feedback?.forConversation(conversationId) ?? [],
    ]);
    return {
      conversation: toConversationState(conversation),
      messages: messages.map(toStoredMessage),
      notes: notes.map(toNote),
      visitor,
      feedback,
    };
  }

  /** Takes over from the bot or the queue; of agents racing, one wins and the others learn who. */
  async take(actor: ConversationActor, conversationId: string): Promise<ConversationState> {
    await this.open(actor, conversationId);
    return this.changed(this.deps.modes.change(conversationId, { to: 'human', from: ['bot', 'waiting'], assignTo: actor.id }));
  }

  /** Back to the bot, which then sees the whole history, the agent's messages included. */
  async handBack(actor: ConversationActor, conversationId: string): Promise<ConversationState> {
    await this.open(actor, conversationId);
    return this.changed(this.deps.modes.change(conversationId, { to: 'bot', from: ['human'], actingAgentId: acting(actor) }));
  }

  async resolve(actor: ConversationActor, conversationId: string): Promise<ConversationState> {
    await this.open(actor, conversationId);
    return this.changed(this.deps.modes.change(conversationId, { to: 'resolved', actingAgentId: acting(actor) }));
  }

  /** A resolved conversation comes back with this agent as its owner, or with the bot. */
  async reopen(actor: ConversationActor, conversationId: string, to: 'human' | 'bot'): Promise<ConversationState> {
    await this.open(actor, conversationId);
    return this.changed(
      this.deps.modes.change(conversationId, { to, from: ['resolved'], ...(to === 'human' ? { assignTo: actor.id } : {}) }),
    );
  }

  /**
   * To an agent of the conversation's site, who then owns it (a compare-and-set on the owner), or to a
   * team, for which it goes back to `waiting` (reason `transfer`; the wait clock keeps its start).
   */
  async transfer(
    actor: ConversationActor,
    conversationId: string,
    target: { toAgentId: string } | { toTeamId: string },
  ): Promise<ConversationState> {
    const conversation = await this.open(actor, conversationId);
    if ('toAgentId' in target) {
      const agent = await this.deps.directory.findActiveAgent(target.toAgentId);
      if (!agent || !agent.siteIds.includes(conversation.siteId)) throw new AppError('NOT_FOUND', 'No such agent on this site.');
      return this.changed(this.deps.modes.transferOwner(conversationId, { toAgentId: agent.id, actingAgentId: acting(actor) }));
    }
    if (!(await this.deps.directory.teamExists(target.toTeamId))) throw new AppError('NOT_FOUND', 'No such team.');
    return this.changed(
      this.deps.modes.change(conversationId, {
        to: 'waiting',
        from: ['human'],
        actingAgentId: acting(actor),
        teamId: target.toTeamId,
        reason: 'transfer',
      }),
    );
  }

  /**
   * Stores a message as the agent, only while they own the conversation (checked in the insert itself,
   * like the bot's), and publishes it to the room: the visitor's widget shows it. Acked after commit;
   * the same `clientMessageId` again returns the stored message.
   */
  async sendMessage(
    actor: ConversationActor,
    input: { conversationId: string; clientMessageId: string; text: string },
  ): Promise<{ message: StoredMessage; duplicate: boolean }> {
    const text = input.text.trim();
    if (!hasVisibleText(text)) throw new AppError('BAD_REQUEST', 'A message needs some text.');
    await this.open(actor, input.conversationId);
    const sent = await this.appendAgentSide({
      conversationId: input.conversationId,
      role: 'agent',
      text,
      clientMessageId: input.clientMessageId,
      writableModes: ['human'],
      ownerAgentId: acting(actor),
      agentId: actor.id,
      authorName: actor.name,
    });
    if (!sent) throw await this.whyNotWritable(input.conversationId);
    return sent;
  }

  /**
   * Appends a message on the agents' side (an agent's, or an integration's in its own name) and
   * publishes it to the room unless it is a repeat. A repeated `clientMessageId` of another author is
   * `CONFLICT`; `undefined` when the insert's conditions (mode, owner) refused it.
   */
  async appendAgentSide(
    input: NewMessage & { role: 'agent' },
  ): Promise<{ message: StoredMessage; duplicate: boolean } | undefined> {
    const stored = await this.deps.messages.append(input);
    if (!stored) return undefined;
    if (stored.duplicate && (stored.message.role !== 'agent' || stored.message.agentId !== (input.agentId ?? null))) {
      throw new AppError('CONFLICT', 'This clientMessageId is already used by another message of the conversation.');
    }
    const message = toStoredMessage(stored.message);
    if (!stored.duplicate) {
      this.deps.rooms.publish(input.conversationId, 'message:new', message);
      this.deps.onMessageStored?.(message);
    }
    return { message, duplicate: stored.duplicate };
  }

  /** A private note: stored apart from messages and sent only into the agents' side of the room. */
  async addNote(actor: ConversationActor, input: { conversationId: string; text: string }): Promise<ConversationNote> {
    const text = input.text.trim();
    if (!hasVisibleText(text)) throw new AppError('BAD_REQUEST', 'A note needs some text.');
    await this.open(actor, input.conversationId);
    const note = toNote(
      await this.deps.notes.add({ conversationId: input.conversationId, agentId: actor.id, authorName: actor.name, text }),
    );
    this.deps.rooms.toAgents(input.conversationId, 'note:new', note);
    return note;
  }

  private async changed(change: Promise<ConversationWithOwner>): Promise<ConversationState> {
    return toConversationState(await change);
  }

  private async whyNotWritable(conversationId: string): Promise<AppError> {
    const current = await this.deps.conversations.findWithOwner(conversationId);
    if (!current) return new AppError('NOT_FOUND', 'No such conversation.');
    if (current.mode === 'resolved')
      return new AppError('CONVERSATION_CLOSED', 'This conversation is resolved; reopen it first.');
    const assignedAgent = ownerOf(current);
    const why =
      current.mode === 'human' ? `${assignedAgent?.name ?? 'Another agent'} owns it` : `it is ${current.mode}; take it first`;
    return new AppError('CONVERSATION_CONFLICT', `Only the agent who owns this conversation may write in it: ${why}.`, {
      mode: current.mode,
      assignedAgent,
    });
  }
}

/** The owner check an action needs: admins may act on any conversation of their sites. */
function acting(actor: ConversationActor): string | undefined {
  return actor.role === 'admin' ? undefined : actor.id;
}

import type { ConversationMode } from '../contracts/enums.js';
import { AppError } from '../errors/app-error.js';
import type { ReplyCancellation } from '../realtime/reply-cancellation.js';
import type { RoomPublisher } from '../realtime/room-publisher.js';
import type { ConversationRepository, ConversationWithOwner, OwnerChange } from './conversation.repository.js';
import { modesLeadingTo } from './conversation-mode.js';
import { ownerOf } from './conversation-view.js';

export interface ConversationModeServiceDeps {
  conversations: Pick<ConversationRepository, 'compareAndSetMode' | 'compareAndSetOwner' | 'findWithOwner'>;
  cancellation: Pick<ReplyCancellation, 'cancel'>;
  rooms: RoomPublisher;
}

export interface ModeChangeRequest extends OwnerChange {
  to: ConversationMode;
  /** Only from these modes (each must be allowed to reach `to`); default: every mode that may. */
  from?: readonly ConversationMode[];
}

/** A conversation as a mode change leaves it (with its owner's name): what listeners and callers get. */
export type ChangedConversation = ConversationWithOwner;

/** Told after every change that landed (the handoff queue moves, timers start); must not throw. */
export type ModeChangeListener = (conversation: ChangedConversation) => void;

/**
 * The one way a conversation's mode and owner change. Each change is a compare-and-set on the row, so
 * of two concurrent changes from the same state one wins and the other gets `CONVERSATION_CONFLICT`
 * (naming the mode and the owner it found), never a second writer. Leaving `bot` aborts a bot reply in
 * flight on whichever worker holds it.
 */
export class ConversationModeService {
  private readonly listeners: ModeChangeListener[] = [];

  constructor(private readonly deps: ConversationModeServiceDeps) {}

  /** Adds a listener for changes that landed (set up by the composition root). */
  observe(listener: ModeChangeListener): void {
    this.listeners.push(listener);
  }

  async change(conversationId: string, request: ModeChangeRequest): Promise<ConversationWithOwner> {
    const allowed = modesLeadingTo(request.to);
    const from = request.from ? allowed.filter((mode) => request.from!.includes(mode)) : allowed;
    const updated = await this.deps.conversations.compareAndSetMode(conversationId, from, request.to, request);
    if (!updated) throw await this.whyNot(conversationId, `it cannot become ${request.to}`);
    // Before anyone is told (the agent's ack included), so the worker is stopping when they hear of it.
    if (request.to !== 'bot') await this.deps.cancellation.cancel(conversationId);
    this.deps.rooms.publish(conversationId, 'conversation:mode', {
      conversationId,
      mode: request.to,
      assignedAgent: ownerOf(updated),
    });
    this.tell(updated);
    return updated;
  }

  /**
   * Moves a `human` conversation to another agent: a compare-and-set on the owner it has now. With
   * `actingAgentId`, only if that agent owns it (or nobody does).
   */
  async transferOwner(
    conversationId: string,
    request: { toAgentId: string; actingAgentId?: string },
  ): Promise<ConversationWithOwner> {
    const current = await this.withOwner(conversationId);
    const ownerAllows =
      request.actingAgentId === undefined ||
      current.assignedAgentId === null ||
      current.assignedAgentId === request.actingAgentId;
    const updated =
      current.mode === 'human' && ownerAllows
        ? await this.deps.conversations.compareAndSetOwner(conversationId, current.assignedAgentId, request.toAgentId)
        : undefined;
    if (!updated) throw await this.whyNot(conversationId, 'it cannot be transferred');
    this.deps.rooms.publish(conversationId, 'conversation:mode', {
      conversationId,
      mode: 'human',
      assignedAgent: ownerOf(updated),
    });
    this.tell(updated);
    return updated;
  }

  private tell(conversation: ConversationWithOwner): void {
    for (const listener of this.listeners) listener(conversation);
  }

  private async withOwner(conversationId: string): Promise<ConversationWithOwner> {
    const found = await this.deps.conversations.findWithOwner(conversationId);
    if (!found) throw new AppError('NOT_FOUND', 'No such conversation.');
    return found;
  }

  /** The conflict as the loser sees it: the mode and the owner the conversation has now. */
  private async whyNot(conversationId: string, what: string): Promise<AppError> {
    let current: ConversationWithOwner;
    try {
      current = await this.withOwner(conversationId);
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    const assignedAgent = ownerOf(current);
    const held = assignedAgent ? ` and ${assignedAgent.name} has it` : '';
    return new AppError('CONVERSATION_CONFLICT', `The conversation is ${current.mode}${held}; ${what}.`, {
      mode: current.mode,
      assignedAgent,
    });
  }
}

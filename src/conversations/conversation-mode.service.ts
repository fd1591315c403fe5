import type { ConversationMode } from '../contracts/enums.js';
import type { ConversationRow } from '../db/schema.js';
import { AppError } from '../errors/app-error.js';
import type { ReplyCancellation } from '../realtime/reply-cancellation.js';
import type { RoomPublisher } from '../realtime/room-publisher.js';
import type { ConversationRepository } from './conversation.repository.js';
import { modesLeadingTo } from './conversation-mode.js';

export interface ConversationModeServiceDeps {
  conversations: Pick<ConversationRepository, 'compareAndSetMode' | 'findById'>;
  cancellation: Pick<ReplyCancellation, 'cancel'>;
  rooms: RoomPublisher;
}

export interface ModeChangeRequest {
  to: ConversationMode;
  /** Only from these modes (each must be allowed to reach `to`); default: every mode that may. */
  from?: readonly ConversationMode[];
}

/**
 * The one way a conversation's mode changes. The change is a compare-and-set on the row, so of two
 * concurrent changes from the same state one wins and the other gets `CONVERSATION_CONFLICT`, never a
 * second writer. Leaving `bot` aborts a bot reply in flight on whichever worker holds it.
 */
export class ConversationModeService {
  constructor(private readonly deps: ConversationModeServiceDeps) {}

  async change(conversationId: string, request: ModeChangeRequest): Promise<ConversationRow> {
    const allowed = modesLeadingTo(request.to);
    const from = request.from ? allowed.filter((mode) => request.from!.includes(mode)) : allowed;
    const updated = await this.deps.conversations.compareAndSetMode(conversationId, from, request.to);
    if (!updated) throw await this.whyNot(conversationId, request.to);
    if (request.to !== 'bot') await this.deps.cancellation.cancel(conversationId);
    this.deps.rooms.publish(conversationId, 'conversation:mode', { conversationId, mode: request.to });
    return updated;
  }

  private async whyNot(conversationId: string, to: ConversationMode): Promise<AppError> {
    const current = await this.deps.conversations.findById(conversationId);
    if (!current) return new AppError('NOT_FOUND', 'No such conversation.');
    return new AppError('CONVERSATION_CONFLICT', `The conversation is ${current.mode}; it cannot become ${to} from there.`, {
      mode: current.mode,
    });
  }
}

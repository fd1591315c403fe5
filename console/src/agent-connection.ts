import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../src/contracts/ack.js';
import type { AgentClientEvents, AgentPayload, AgentResult, AgentServerEvents } from '../../src/contracts/agent-events.js';
import type { ErrorBody } from '../../src/contracts/payloads.js';

export type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;
type AckedEvent = Exclude<keyof AgentClientEvents, 'typing'>;

/** An event refused in its ack. */
export class AckError extends Error {
  override readonly name = 'AckError';
  constructor(readonly body: ErrorBody) {
    super(body.message);
  }
}

const ACK_TIMEOUT_MS = 10_000;

/** The `/agent` socket of this page (the HttpOnly session cookie authenticates it). */
export class AgentConnection {
  readonly socket: AgentSocket;

  constructor() {
    this.socket = io('/agent', { transports: ['websocket'], withCredentials: true }) as AgentSocket;
  }

  /** Sends an event and resolves with its ack's result, or rejects with an {@link AckError}. */
  async call<E extends AckedEvent>(event: E, payload: AgentPayload<E>): Promise<AgentResult<E>> {
    const sender = this.socket.timeout(ACK_TIMEOUT_MS) as unknown as {
      emitWithAck(event: E, payload: AgentPayload<E>): Promise<Ack<AgentResult<E>>>;
    };
    const ack = await sender.emitWithAck(event, payload);
    if (!ack.ok) throw new AckError(ack.error);
    return ack as AgentResult<E>;
  }

  typing(conversationId: string, typing: boolean): void {
    this.socket.emit('typing', { conversationId, typing });
  }

  close(): void {
    this.socket.disconnect();
  }
}

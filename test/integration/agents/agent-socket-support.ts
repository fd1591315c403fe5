import { io as connect, type Socket } from 'socket.io-client';
import type { Ack } from '../../../src/contracts/ack.js';
import type { AgentClientEvents, AgentServerEvents } from '../../../src/contracts/agent-events.js';
import type { AgentRole } from '../../../src/contracts/enums.js';
import type { ErrorBody } from '../../../src/contracts/payloads.js';
import { sessionResponseSchema } from '../../../src/contracts/auth.js';
import type { TestStack } from '../../support/test-app.js';
import { createAgent, login } from './agent-support.js';

export type AgentClient = Socket<AgentServerEvents, AgentClientEvents>;
/** The events answered through an ack (all but `typing`). */
type AckedEvent = Exclude<keyof AgentClientEvents, 'typing'>;

/** Same origin as the stack's own URL: what the console served by the gateway sends. */
export function ownOrigin(stack: TestStack): string {
  return new URL(stack.url).origin;
}

/** A fresh account logged in over HTTP: its id, name, bearer token and session id. */
export async function agentSession(
  stack: TestStack,
  options: { siteIds?: string[]; role?: AgentRole; name?: string } = {},
): Promise<{ id: string; name: string; token: string; sessionId: string }> {
  const name = options.name ?? `Agent ${Math.random().toString(36).slice(2, 7)}`;
  const account = await createAgent(stack, { ...options, name });
  const response = await login(stack, account.email, account.password);
  if (response.status !== 200) throw new Error(`login failed: ${JSON.stringify(response.json)}`);
  const body = sessionResponseSchema.parse(response.json);
  return { id: account.id, name, token: body.token, sessionId: body.session.id };
}

const opened: AgentClient[] = [];

/** Connects to `/agent`; resolves once connected, rejects with the refusal's `{code, message}`. */
export async function connectAgent(
  url: string,
  token: string | undefined,
  options: { origin?: string | null; headers?: Record<string, string> } = {},
): Promise<AgentClient> {
  const origin = options.origin === undefined ? new URL(url).origin : options.origin;
  const socket: AgentClient = connect(`${url}/agent`, {
    transports: ['websocket'],
    auth: token ? { token } : {},
    extraHeaders: { ...(origin ? { origin } : {}), ...options.headers },
    reconnection: false,
    forceNew: true,
  });
  opened.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error: Error & { data?: ErrorBody }) => reject(error.data ?? error));
  });
  return socket;
}

export function closeAgentSockets(): void {
  for (const socket of opened.splice(0)) socket.disconnect();
}

/** Sends an acked event and returns the ack (typed by the contract). */
export function request<E extends AckedEvent>(
  socket: AgentClient,
  event: E,
  payload: Parameters<AgentClientEvents[E]>[0],
): Promise<Parameters<Parameters<AgentClientEvents[E]>[1]>[0]> {
  return (socket.timeout(10_000).emitWithAck as (event: string, payload: unknown) => Promise<never>)(event, payload);
}

/** Like {@link request} but throws on `{ok:false}`. */
export async function ok<E extends AckedEvent>(
  socket: AgentClient,
  event: E,
  payload: Parameters<AgentClientEvents[E]>[0],
): Promise<Extract<Parameters<Parameters<AgentClientEvents[E]>[1]>[0], { ok: true }>> {
  const ack = (await request(socket, event, payload)) as Ack<object>;
  if (!ack.ok) throw new Error(`${event} refused: ${ack.error.code} ${ack.error.message}`);
  return ack as never;
}

/** Collects every event a socket receives, in order, and waits for one that matches. */
export class EventLog {
  readonly events: Array<{ event: string; payload: any; at: number }> = [];

  constructor(socket: Socket) {
    socket.onAny((event: string, payload: unknown) => this.events.push({ event, payload, at: Date.now() }));
  }

  of(event: string): any[] {
    return this.events.filter((entry) => entry.event === event).map((entry) => entry.payload);
  }

  /** The text of the `reply:delta`s seen for the reply to `replyTo`, in the order they came. */
  streamedText(replyTo: string): string {
    return this.of('reply:delta')
      .filter((delta) => delta.replyTo === replyTo)
      .map((delta) => delta.text)
      .join('');
  }

  async waitFor(event: string, predicate: (payload: any) => boolean = () => true, timeoutMs = 5000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find((entry) => entry.event === event && predicate(entry.payload));
      if (found) return found.payload;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${event}; got ${this.events.map((e) => e.event).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

/** A conversation of its own on the site (a visitor and a bot conversation), without a widget. */
export async function newConversation(stack: TestStack, siteId: string): Promise<string> {
  const visitor = await stack.database.pool.query<{ id: string }>('INSERT INTO visitors (site_id) VALUES ($1) RETURNING id', [
    siteId,
  ]);
  const conversation = await stack.database.pool.query<{ id: string }>(
    'INSERT INTO conversations (site_id, visitor_id) VALUES ($1, $2) RETURNING id',
    [siteId, visitor.rows[0]!.id],
  );
  return conversation.rows[0]!.id;
}

/** A visitor's widget socket (a new site) and a signed-in agent watching its conversation, logging every event it gets. */
export async function watchedVisitor(stack: TestStack) {
  const site = await stack.createSite();
  const { socket, session } = await stack.connectWidget(site);
  const conversationId = session.conversation.id;
  const agent = await connectAgent(stack.url, (await agentSession(stack, { siteIds: [site.id] })).token);
  const log = new EventLog(agent);
  await ok(agent, 'conversation:watch', { conversationId });
  return { site, socket, session, conversationId, log };
}

import { randomUUID } from 'node:crypto';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionPayload } from '../../../src/contracts/payloads.js';
import type { SiteRow } from '../../../src/db/schema.js';
import { ReplyCollector } from '../../support/reply-collector.js';
import { slowClientDropped, stalledPollingClient } from '../../support/stalled-polling-client.js';
import { TestStack, type WidgetClient } from '../../support/test-app.js';

const ORIGIN = 'https://shop.example';

describe('abuse limits at the widget handshake', () => {
  const stack = new TestStack({
    label: 'abuse',
    simulator: { firstTokenDelayMs: 5, tokensPerSecond: 500, replyTokens: 120 },
    env: {
      // The test plays many addresses through one trusted proxy hop.
      TRUST_PROXY_HOPS: '1',
      WIDGET_CONNECTIONS_PER_IP: '3',
      WIDGET_HANDSHAKES_PER_IP_PER_MINUTE: '12',
      NEW_CONVERSATIONS_PER_IP: '2',
      MAX_SOCKETS_PER_VISITOR: '2',
      SLOW_CLIENT_MAX_BUFFERED_PACKETS: '20',
      REPLY_DELTA_WINDOW_MS: '0',
    },
  });
  const sockets: WidgetClient[] = [];
  let site: SiteRow;

  beforeAll(async () => {
    await stack.start();
    site = await stack.createSite({ allowedOrigins: [ORIGIN] });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await stack.close();
  });

  /** Resolves with the session, or with the refusal's error body. */
  async function widget(ip: string, visitorToken?: string) {
    const socket: WidgetClient = connect(`${stack.url}/widget`, {
      transports: ['websocket'],
      auth: { siteKey: site.widgetKey, ...(visitorToken ? { visitorToken } : {}) },
      extraHeaders: { origin: ORIGIN, 'x-forwarded-for': ip },
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    return new Promise<{ socket: WidgetClient; session?: SessionPayload; refusal?: { code: string; retryAfterMs?: number } }>(
      (resolve) => {
        socket.once('session', (session) => resolve({ socket, session }));
        socket.once('connect_error', (error) =>
          resolve({ socket, refusal: (error as Error & { data: { code: string; retryAfterMs?: number } }).data }),
        );
      },
    );
  }

  it('refuses a fourth open socket from one address, and admits it again once one closes', async () => {
    // Two visitors (two new conversations, the address's budget), two sockets each at most.
    const first = await widget('10.0.0.1');
    const second = await widget('10.0.0.1', first.session!.visitorToken);
    const third = await widget('10.0.0.1');
    expect([first, second, third].every((other) => other.session)).toBe(true);
    const token = third.session!.visitorToken;
    const refused = await widget('10.0.0.1', token);
    expect(refused.refusal?.code).toBe('RATE_LIMITED');
    expect((await widget('10.0.0.99')).session).toBeDefined();

    first.socket.disconnect();
    let admitted: Awaited<ReturnType<typeof widget>> | undefined;
    for (let tries = 0; tries < 50 && !admitted?.session; tries++) admitted = await widget('10.0.0.1', token);
    expect(admitted?.session).toBeDefined();
  });

  it('lets one address start two new conversations per window; a returning visitor still gets in', async () => {
    const first = await widget('10.0.0.2');
    const second = await widget('10.0.0.2');
    expect(first.session && second.session).toBeTruthy();
    const third = await widget('10.0.0.2');
    expect(third.refusal?.code).toBe('RATE_LIMITED');
    expect(third.refusal?.retryAfterMs).toBeGreaterThan(60_000);
    first.socket.disconnect();
    const back = await widget('10.0.0.2', first.session!.visitorToken);
    expect(back.session?.conversation.id).toBe(first.session!.conversation.id);
  });

  it('refuses handshakes past the per-minute budget of an address', async () => {
    const { session } = await widget('10.0.0.3');
    let refusal: { code: string } | undefined;
    for (let tries = 0; tries < 20 && !refusal; tries++) {
      const attempt = await widget('10.0.0.3', session!.visitorToken);
      attempt.socket.disconnect();
      refusal = attempt.refusal;
    }
    expect(refusal?.code).toBe('RATE_LIMITED');
  });

  it("closes a visitor's oldest socket past the per-visitor limit", async () => {
    const first = await widget('10.0.0.4');
    const token = first.session!.visitorToken;
    const dropped = new Promise<string>((resolve) => first.socket.once('disconnect', resolve));
    await widget('10.0.0.4', token);
    const third = await widget('10.0.0.4', token);
    expect(third.session).toBeDefined();
    expect(await dropped).toBe('io server disconnect');
  });

  it('drops a client that stops reading (a polling client that never polls), and only that one', async () => {
    const reader = await widget('10.0.0.5');
    const token = reader.session!.visitorToken;
    const slow = await stalledPollingClient(stack.url, {
      namespace: '/widget',
      auth: { siteKey: site.widgetKey, visitorToken: token },
      headers: { origin: ORIGIN, 'x-forwarded-for': '10.0.0.5' },
    });

    const replies = new ReplyCollector(reader.socket);
    const ack = await reader.socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'a long answer' });
    if (!ack.ok) throw new Error(ack.error.message);
    await replies.waitForEnd(ack.message.id);

    // The sweep counts the drop; only then is the session asked after (a poll would drain its buffer).
    await slowClientDropped(stack.url);
    expect(await slow.poll()).toBe(400);
    expect(reader.socket.connected).toBe(true);
  });
});

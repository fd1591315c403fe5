import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplyCollector } from '../../support/reply-collector.js';
import { TestStack } from '../../support/test-app.js';

describe('bad input gets a clear error and the server keeps serving', () => {
  const stack = new TestStack({ label: 'badinput', env: { RATE_LIMIT_VISITOR_PER_MINUTE: '5' } });
  beforeAll(() => stack.start());
  afterAll(() => stack.close());

  async function expectStillServing(siteKey: string) {
    const { socket } = await stack.connectWidget({ widgetKey: siteKey });
    const replies = new ReplyCollector(socket);
    const ack = await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'still there?' });
    expect(ack.ok).toBe(true);
    if (ack.ok) await replies.waitForEnd(ack.message.id);
  }

  it('refuses an unknown site key at the handshake', async () => {
    await expect(stack.connectWidget({ widgetKey: 'no-such-key' })).rejects.toMatchObject({
      data: { code: 'UNKNOWN_SITE' },
    });
  });

  it('refuses a foreign Origin', async () => {
    const site = await stack.createSite({ allowedOrigins: ['https://shop.example'] });
    await expect(stack.connectWidget(site, { origin: 'https://evil.example' })).rejects.toMatchObject({
      data: { code: 'FORBIDDEN_ORIGIN' },
    });
    await expectStillServing(site.widgetKey);
  });

  it('rejects wrong payload types with BAD_REQUEST', async () => {
    const site = await stack.createSite();
    const { socket } = await stack.connectWidget(site);
    // What a client that ignores the contract sends: the typed emit would not compile with these.
    const emitRaw = socket.emitWithAck.bind(socket) as (event: string, payload: unknown) => Promise<unknown>;
    for (const payload of [null, 42, 'text', { clientMessageId: 7, text: 'x' }, { clientMessageId: 'a' }, { text: 'x' }]) {
      const ack = await emitRaw('message:send', payload);
      expect(ack).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    const sync = await socket.emitWithAck('sync', { afterSeq: -1 });
    expect(sync).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    await expectStillServing(site.widgetKey);
  });

  it('rejects a message over the site limit with TOO_LONG and stores nothing', async () => {
    const site = await stack.createSite({ maxMessageChars: 50 });
    const { socket, session } = await stack.connectWidget(site);
    const ack = await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'x'.repeat(51) });
    expect(ack).toMatchObject({ ok: false, error: { code: 'TOO_LONG' } });
    const count = await stack.database.pool.query('SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1', [
      session.conversation.id,
    ]);
    expect(count.rows[0].n).toBe(0);
  });

  it('drops a 1 MB payload at the transport without harming other clients', async () => {
    const site = await stack.createSite();
    const { socket } = await stack.connectWidget(site);
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    socket.emit('message:send', { clientMessageId: randomUUID(), text: 'x'.repeat(1024 * 1024) }, () => undefined);
    // Socket.IO closes a connection whose packet exceeds maxHttpBufferSize.
    expect(await disconnected).toMatch(/transport (close|error)/);
    await expectStillServing(site.widgetKey);
  });

  it('limits messages per visitor with RATE_LIMITED and a retry-after', async () => {
    const site = await stack.createSite();
    const { socket } = await stack.connectWidget(site);
    const acks = [];
    for (let index = 0; index < 6; index += 1) {
      acks.push(await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text: `msg ${index}` }));
    }
    expect(acks.slice(0, 5).every((ack) => ack.ok)).toBe(true);
    const limited = acks[5]!;
    expect(limited.ok).toBe(false);
    if (limited.ok) return;
    expect(limited.error.code).toBe('RATE_LIMITED');
    expect(limited.error.retryAfterMs).toBeGreaterThan(0);
  });

  it('answers bad REST input with a problem body', async () => {
    const auth = { authorization: 'Bearer test-admin-token-0123456789', 'content-type': 'application/json' };
    const badId = await fetch(`${stack.url}/api/v1/conversations/not-a-uuid/mode`, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify({ mode: 'human' }),
    });
    expect(badId.status).toBe(400);
    expect(badId.headers.get('content-type')).toContain('application/problem+json');
    expect(await badId.json()).toMatchObject({ code: 'BAD_REQUEST', status: 400 });

    const badJson = await fetch(`${stack.url}/api/v1/conversations/${randomUUID()}/mode`, {
      method: 'PUT',
      headers: auth,
      body: '{not json',
    });
    expect(await badJson.json()).toMatchObject({ code: 'BAD_REQUEST' });

    const noToken = await fetch(`${stack.url}/api/v1/conversations/${randomUUID()}/messages`);
    expect(noToken.status).toBe(401);

    const huge = await fetch(`${stack.url}/api/v1/conversations/${randomUUID()}/mode`, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify({ mode: 'x'.repeat(200_000) }),
    });
    expect(await huge.json()).toMatchObject({ code: 'TOO_LONG', status: 413 });
  });
});

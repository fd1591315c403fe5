import { randomUUID } from 'node:crypto';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStack } from '../../support/test-app.js';

/** Inputs found from outside that used to answer INTERNAL or go wrong silently: each gets a clear code. */
describe('hostile input: a clear code, never INTERNAL, nothing stored', () => {
  const stack = new TestStack({ label: 'hostile' });
  beforeAll(() => stack.start());
  afterAll(() => stack.close());

  const ADMIN = { authorization: 'Bearer test-admin-token-0123456789' };
  const storedCount = async (conversationId: string) =>
    (await stack.database.pool.query('SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1', [conversationId]))
      .rows[0].n as number;

  it('refuses NUL characters and lone surrogates in a message or its client id with BAD_REQUEST', async () => {
    const site = await stack.createSite();
    const { socket, session } = await stack.connectWidget(site);
    for (const payload of [
      { clientMessageId: randomUUID(), text: 'hello\u0000world' },
      { clientMessageId: `id-\u0000-${randomUUID()}`, text: 'hello' },
      { clientMessageId: randomUUID(), text: 'broken \ud83d pair' },
    ]) {
      expect(await socket.emitWithAck('message:send', payload)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(await storedCount(session.conversation.id)).toBe(0);
  });

  it('refuses a message that is only invisible characters', async () => {
    const site = await stack.createSite();
    const { socket, session } = await stack.connectWidget(site);
    const ack = await socket.emitWithAck('message:send', {
      clientMessageId: randomUUID(),
      text: '\u200b\u200c\u200d\u2060\ufeff \u0301',
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await storedCount(session.conversation.id)).toBe(0);
  });

  it('refuses a NUL in the site key at the handshake with BAD_REQUEST', async () => {
    const site = await stack.createSite();
    await expect(stack.connectWidget({ widgetKey: `${site.widgetKey}\u0000` })).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST' },
    });
  });

  it('answers a sync or REST afterSeq beyond a Postgres integer with BAD_REQUEST', async () => {
    const site = await stack.createSite();
    const { socket, session } = await stack.connectWidget(site);
    expect(await socket.emitWithAck('sync', { afterSeq: 2 ** 31 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await socket.emitWithAck('sync', { afterSeq: 2 ** 53 - 1 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await socket.emitWithAck('sync', { afterSeq: 2 ** 31 - 1 })).toEqual({ ok: true, messages: [] });
    const response = await fetch(`${stack.url}/api/v1/conversations/${session.conversation.id}/messages?afterSeq=${2 ** 40}`, {
      headers: ADMIN,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('answers 404 for the messages of a conversation that does not exist', async () => {
    const response = await fetch(`${stack.url}/api/v1/conversations/${randomUUID()}/messages`, { headers: ADMIN });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers a send with extra arguments through its ack with BAD_REQUEST, and stores nothing', async () => {
    const site = await stack.createSite();
    const { socket, session } = await stack.connectWidget(site);
    const emitRaw = socket.emit.bind(socket) as (event: string, ...args: unknown[]) => void;
    const ack = await new Promise<unknown>((resolve) =>
      emitRaw('message:send', { clientMessageId: randomUUID(), text: 'hello' }, 'extra', resolve),
    );
    expect(ack).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await storedCount(session.conversation.id)).toBe(0);
  });

  it('keeps serving after all of it', async () => {
    const site = await stack.createSite();
    const socket = connect(`${stack.url}/widget`, {
      transports: ['websocket'],
      auth: { siteKey: site.widgetKey },
      extraHeaders: { origin: 'https://shop.example' },
      forceNew: true,
    });
    try {
      await new Promise((resolve, reject) => {
        socket.once('session', resolve);
        socket.once('connect_error', reject);
      });
      expect(await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'still here?' })).toMatchObject({
        ok: true,
      });
    } finally {
      socket.disconnect();
    }
  });
});

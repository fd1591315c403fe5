import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_TOKEN_AUDIENCE, SESSION_TOKEN_ISSUER, SessionTokens } from '../../../src/agents/session-token.js';
import { AGENT_SESSION_COOKIE } from '../../../src/api/agent-auth-middleware.js';
import { TestStack } from '../../support/test-app.js';
import { call, TEST_SESSION_SECRET } from './agent-support.js';
import { agentSession, closeAgentSockets, connectAgent, EventLog, ok, request } from './agent-socket-support.js';

describe('/agent handshake: session and Origin, re-checked on every event', () => {
  const stack = new TestStack({
    label: 'agent_handshake',
    env: { AGENT_SESSION_SECRET: TEST_SESSION_SECRET, CONSOLE_ALLOWED_ORIGINS: 'https://console.example' },
  });
  beforeAll(() => stack.start());
  afterAll(async () => {
    closeAgentSockets();
    await stack.close();
  });

  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'connected',
      (error: { code?: string }) => error.code,
    );

  it('admits a live session from the gateway origin, a configured console origin, or no Origin (a script)', async () => {
    const { token } = await agentSession(stack);
    for (const origin of [undefined, 'https://console.example', null]) {
      const socket = await connectAgent(stack.url, token, { origin });
      expect(socket.connected).toBe(true);
    }
    // The console in a browser: the HttpOnly cookie instead of auth.token.
    const viaCookie = await connectAgent(stack.url, undefined, { headers: { cookie: `${AGENT_SESSION_COOKIE}=${token}` } });
    expect(viaCookie.connected).toBe(true);
  });

  it('refuses a foreign Origin even with a good session: FORBIDDEN_ORIGIN', async () => {
    const { token } = await agentSession(stack);
    expect(await refusal(connectAgent(stack.url, token, { origin: 'https://evil.example' }))).toBe('FORBIDDEN_ORIGIN');
    expect(await refusal(connectAgent(stack.url, token, { origin: 'null' }))).toBe('FORBIDDEN_ORIGIN');
  });

  it('refuses no session, a forged one (alg none, wrong key) and an expired one, each with its code', async () => {
    const { id, sessionId } = await agentSession(stack);
    expect(await refusal(connectAgent(stack.url, undefined))).toBe('UNAUTHORIZED');
    expect(await refusal(connectAgent(stack.url, 'not-a-token'))).toBe('UNAUTHORIZED');

    const now = Math.floor(Date.now() / 1000);
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const claims = { sid: sessionId, sub: id, iss: SESSION_TOKEN_ISSUER, aud: SESSION_TOKEN_AUDIENCE, iat: now, exp: now + 600 };
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
    expect(await refusal(connectAgent(stack.url, unsigned))).toBe('UNAUTHORIZED');
    const wrongKey = await new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(id)
      .setIssuer(SESSION_TOKEN_ISSUER)
      .setAudience(SESSION_TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('another-secret-of-sufficient-length-0123456789'));
    expect(await refusal(connectAgent(stack.url, wrongKey))).toBe('UNAUTHORIZED');

    const expired = await new SessionTokens(TEST_SESSION_SECRET).sign({
      agentId: id,
      sessionId,
      issuedAt: new Date(Date.now() - 7200_000),
      expiresAt: new Date(Date.now() - 3600_000),
    });
    expect(await refusal(connectAgent(stack.url, expired))).toBe('SESSION_EXPIRED');
  });

  it('refuses a session revoked by logout, at the handshake and on the next event of an open socket', async () => {
    const { token } = await agentSession(stack);
    const socket = await connectAgent(stack.url, token);
    const log = new EventLog(socket);
    await ok(socket, 'presence:heartbeat', {});
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    expect((await call(stack, 'POST', '/api/auth/logout', { bearer: token })).status).toBe(204);
    const ack = await request(socket, 'conversations:list', {});
    expect(ack).toMatchObject({ ok: false, error: { code: 'SESSION_REVOKED' } });
    expect(await disconnected).toBe('io server disconnect');
    expect(log.of('session:ended')).toMatchObject([{ error: { code: 'SESSION_REVOKED' } }]);
    expect(await refusal(connectAgent(stack.url, token))).toBe('SESSION_REVOKED');
  });

  it('ends an idle socket when its session runs out, without waiting for an event', async () => {
    const { token, sessionId } = await agentSession(stack);
    await stack.database.pool.query(`UPDATE agent_sessions SET expires_at = now() + interval '300 milliseconds' WHERE id = $1`, [
      sessionId,
    ]);
    // The socket learns its expiry at the handshake, so connect after the row changed.
    const socket = await connectAgent(stack.url, token);
    const log = new EventLog(socket);
    const reason = await new Promise<string>((resolve) => socket.once('disconnect', resolve));
    expect(reason).toBe('io server disconnect');
    expect(log.of('session:ended')).toMatchObject([{ error: { code: 'SESSION_EXPIRED' } }]);
  });

  it('validates payloads and bounds their sizes', async () => {
    const { token } = await agentSession(stack);
    const socket = await connectAgent(stack.url, token);
    expect(await request(socket, 'conversations:list', { limit: 101 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await request(socket, 'conversation:watch', { conversationId: 'nope' } as never)).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    const conversationId = '00000000-0000-4000-8000-000000000000';
    for (const text of ['x'.repeat(20_001), 'a\u0000b', '\ud800']) {
      expect(await request(socket, 'message:send', { conversationId, clientMessageId: 'c1', text })).toMatchObject({
        ok: false,
        error: { code: text.length > 20_000 ? 'TOO_LONG' : 'BAD_REQUEST' },
      });
    }
    // Extra arguments are refused through the ack; an event without its ack is not run at all.
    const extra = await (socket.timeout(5000).emitWithAck as (...args: unknown[]) => Promise<unknown>)(
      'presence:heartbeat',
      {},
      'extra',
    );
    expect(extra).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await request(socket, 'conversations:list', { cursor: 'garbage' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });
});

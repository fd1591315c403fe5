import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  SESSION_TOKEN_AUDIENCE,
  SESSION_TOKEN_ISSUER,
  SessionTokenError,
  SessionTokens,
} from '../../../src/agents/session-token.js';

const SECRET = 'unit-test-session-secret-0123456789abcdef';
const tokens = new SessionTokens(SECRET);
const key = new TextEncoder().encode(SECRET);
const agentId = randomUUID();
const sessionId = randomUUID();
const inAnHour = () => new Date(Date.now() + 3_600_000);

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A token with every claim right, signed however the test says. */
function forge(options: {
  alg?: 'HS256' | 'HS512';
  key?: Uint8Array;
  iss?: string;
  aud?: string;
  exp?: number;
  sid?: string | null;
}) {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(options.sid === null ? {} : { sid: options.sid ?? sessionId })
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setSubject(agentId)
    .setIssuer(options.iss ?? SESSION_TOKEN_ISSUER)
    .setAudience(options.aud ?? SESSION_TOKEN_AUDIENCE)
    .setIssuedAt(now - 10)
    .setExpirationTime(options.exp ?? now + 3600);
  return jwt.sign(options.key ?? key);
}

async function refusal(token: string): Promise<string> {
  const error = await tokens.verify(token).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SessionTokenError);
  return (error as SessionTokenError).reason;
}

describe('SessionTokens', () => {
  it('round-trips agent, session, issue and expiry times', async () => {
    const expiresAt = inAnHour();
    const token = await tokens.sign({ agentId, sessionId, expiresAt });
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString());
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = await tokens.verify(token);
    expect(claims).toMatchObject({ agentId, sessionId });
    expect(Math.abs(claims.expiresAt.getTime() - expiresAt.getTime())).toBeLessThan(1000);
    expect(Math.abs(claims.issuedAt.getTime() - Date.now())).toBeLessThan(2000);
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      sub: agentId,
      sid: sessionId,
      iss: SESSION_TOKEN_ISSUER,
      aud: SESSION_TOKEN_AUDIENCE,
      iat: now,
      exp: now + 3600,
    };
    expect(await refusal(`${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`)).toBe('invalid');
    // The same claims with a signature copied from a genuine token do not pass either.
    const genuine = await tokens.sign({ agentId, sessionId, expiresAt: inAnHour() });
    expect(await refusal(`${base64url({ alg: 'none' })}.${base64url(payload)}.${genuine.split('.')[2]}`)).toBe('invalid');
  });

  it('refuses a token signed with another key', async () => {
    expect(await refusal(await forge({ key: new TextEncoder().encode('another-secret-of-at-least-32-chars!!') }))).toBe(
      'invalid',
    );
  });

  it('refuses another HMAC algorithm even with the right key', async () => {
    expect(await refusal(await forge({ alg: 'HS512' }))).toBe('invalid');
  });

  it('refuses a wrong issuer or audience', async () => {
    expect(await refusal(await forge({ iss: 'someone-else' }))).toBe('invalid');
    expect(await refusal(await forge({ aud: 'switchboard:visitor' }))).toBe('invalid');
  });

  it('refuses a token without a session id', async () => {
    expect(await refusal(await forge({ sid: null }))).toBe('invalid');
  });

  it('says "expired" only for a genuine token past its exp', async () => {
    const past = Math.floor(Date.now() / 1000) - 5;
    expect(await refusal(await forge({ exp: past }))).toBe('expired');
    expect(await refusal(await tokens.sign({ agentId, sessionId, expiresAt: new Date(Date.now() - 5000) }))).toBe('expired');
    // Expired and forged: forged wins, nothing about the claims is trusted.
    expect(
      await refusal(await forge({ exp: past, key: new TextEncoder().encode('another-secret-of-at-least-32-chars!!') })),
    ).toBe('invalid');
  });

  it('refuses a tampered payload and garbage', async () => {
    const token = await tokens.sign({ agentId, sessionId, expiresAt: inAnHour() });
    const [header, , signature] = token.split('.');
    const otherPayload = base64url({
      sub: randomUUID(),
      sid: sessionId,
      iss: SESSION_TOKEN_ISSUER,
      aud: SESSION_TOKEN_AUDIENCE,
      iat: 1,
      exp: 9e9,
    });
    expect(await refusal(`${header}.${otherPayload}.${signature}`)).toBe('invalid');
    expect(await refusal('not.a.token')).toBe('invalid');
    expect(await refusal('')).toBe('invalid');
  });

  it('insists on a secret of at least 32 characters', () => {
    expect(() => new SessionTokens('short')).toThrowError(/32/);
  });
});

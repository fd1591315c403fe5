import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseCookies } from '../../../src/api/cookies.js';
import { CsrfTokens } from '../../../src/api/csrf-token.js';

describe('CsrfTokens', () => {
  const csrf = new CsrfTokens('unit-test-session-secret-0123456789abcdef');
  const sessionId = randomUUID();
  const token = csrf.issue(sessionId);

  it('accepts the header and cookie when both carry this session token', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrf.matches(sessionId, token, token)).toBe(true);
  });

  it('refuses a missing, mismatched or foreign token', () => {
    expect(csrf.matches(sessionId, undefined, token)).toBe(false);
    expect(csrf.matches(sessionId, token, undefined)).toBe(false);
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(csrf.matches(sessionId, tampered, token)).toBe(false);
    expect(csrf.matches(sessionId, 'short', 'short')).toBe(false);
    // A pair planted by someone else (their own session's token) does not fit this session.
    const planted = csrf.issue(randomUUID());
    expect(csrf.matches(sessionId, planted, planted)).toBe(false);
  });

  it('depends on the secret', () => {
    expect(new CsrfTokens('another-session-secret-0123456789abcdef').issue(sessionId)).not.toBe(token);
  });
});

describe('parseCookies', () => {
  it('reads names and decoded values, first occurrence wins', () => {
    const cookies = parseCookies('a=1; sb_csrf=x%2Fy; a=2; quoted="v"; junk; =nameless');
    expect(cookies.get('a')).toBe('1');
    expect(cookies.get('sb_csrf')).toBe('x/y');
    expect(cookies.get('quoted')).toBe('v');
    expect(cookies.size).toBe(3);
    expect(parseCookies(undefined).size).toBe(0);
  });
});

import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertSiteAccess } from '../../../src/agents/authenticated-agent.js';
import { SESSION_TOKEN_AUDIENCE, SESSION_TOKEN_ISSUER, SessionTokens } from '../../../src/agents/session-token.js';
import { AGENT_SESSION_COOKIE, CSRF_COOKIE } from '../../../src/api/agent-auth-middleware.js';
import { meResponseSchema, sessionResponseSchema } from '../../../src/contracts/auth.js';
import { AppError } from '../../../src/errors/app-error.js';
import { TestStack } from '../../support/test-app.js';
import { accountsOf, call, createAgent, login, runAgentCreate, TEST_SESSION_SECRET, type HttpResult } from './agent-support.js';

function expectProblem(response: HttpResult, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.json).toMatchObject({ status, code });
}

/** The value a `Set-Cookie` line sets. */
function cookieValue(line: string | undefined): string {
  return decodeURIComponent(/^[^=]+=([^;]*)/.exec(line ?? '')?.[1] ?? '');
}

describe('agent auth over HTTP', () => {
  const stack = new TestStack({
    label: 'agent_auth',
    env: { AGENT_SESSION_SECRET: TEST_SESSION_SECRET, LOGIN_RATE_LIMIT_PER_MINUTE: '10', LOGIN_IP_RATE_LIMIT_PER_MINUTE: '1000' },
  });
  beforeAll(() => stack.start());
  afterAll(() => stack.close());

  /** A logged-in agent: bearer token, the cookies a browser would hold, the CSRF token. */
  async function session(options: Parameters<typeof createAgent>[1] = {}) {
    const account = await createAgent(stack, options);
    const response = await login(stack, account.email, account.password);
    expect(response.status).toBe(200);
    const body = sessionResponseSchema.parse(response.json);
    const cookies = {
      [AGENT_SESSION_COOKIE]: cookieValue(response.setCookies.get(AGENT_SESSION_COOKIE)),
      [CSRF_COOKIE]: cookieValue(response.setCookies.get(CSRF_COOKIE)),
    };
    return { account, body, response, cookies };
  }

  const tokens = new SessionTokens(TEST_SESSION_SECRET);

  it('logs in: HttpOnly SameSite cookie for the console, bearer token for scripts, CSRF token', async () => {
    const site = await stack.createSite();
    const { account, body, response, cookies } = await session({ siteIds: [site.id] });
    expect(body).toMatchObject({
      tokenType: 'Bearer',
      agent: { id: account.id, email: account.email, role: 'agent', siteIds: [site.id] },
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
    const expiresIn = Date.parse(body.session.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(59 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(60 * 60_000);

    const sessionCookie = response.setCookies.get(AGENT_SESSION_COOKIE)!;
    expect(sessionCookie).toMatch(/; HttpOnly/);
    expect(sessionCookie).toMatch(/; SameSite=Lax/);
    expect(sessionCookie).toMatch(/; Path=\//);
    expect(sessionCookie).toMatch(/; Max-Age=(3599|3600)/);
    expect(sessionCookie).not.toMatch(/; Secure/); // plain http here; see the https stack below
    expect(cookies[AGENT_SESSION_COOKIE]).toBe(body.token);
    const csrfCookie = response.setCookies.get(CSRF_COOKIE)!;
    expect(csrfCookie).not.toMatch(/HttpOnly/);
    expect(cookies[CSRF_COOKIE]).toBe(body.csrfToken);

    for (const credentials of [{ bearer: body.token }, { cookies }]) {
      const me = await call(stack, 'GET', '/api/auth/me', credentials);
      expect(me.status).toBe(200);
      expect(meResponseSchema.parse(me.json)).toEqual({ agent: body.agent, session: body.session });
    }
    // E-mail addresses match whatever their case.
    expect((await login(stack, account.email.toUpperCase(), account.password)).status).toBe(200);
  });

  it('refuses a wrong password and an unknown e-mail with the same answer', async () => {
    const account = await createAgent(stack);
    const wrong = await login(stack, account.email, `${account.password}x`);
    const unknown = await login(stack, 'nobody-here@example.com', account.password);
    expectProblem(wrong, 401, 'UNAUTHORIZED');
    expectProblem(unknown, 401, 'UNAUTHORIZED');
    expect(unknown.json.detail).toBe(wrong.json.detail);
    expect(wrong.setCookies.size).toBe(0);
    expectProblem(await call(stack, 'POST', '/api/auth/login', { body: { email: account.email } }), 400, 'BAD_REQUEST');
  });

  it('refuses requests without a session', async () => {
    expectProblem(await call(stack, 'GET', '/api/auth/me'), 401, 'UNAUTHORIZED');
    expectProblem(await call(stack, 'GET', '/api/auth/me', { bearer: 'garbage' }), 401, 'UNAUTHORIZED');
    expectProblem(await call(stack, 'POST', '/api/auth/logout'), 401, 'UNAUTHORIZED');
  });

  it('refuses a disabled agent at login and their open sessions at once', async () => {
    const { account, body } = await session();
    await accountsOf(stack).disable(account.id);
    expectProblem(await call(stack, 'GET', '/api/auth/me', { bearer: body.token }), 403, 'ACCOUNT_DISABLED');
    expectProblem(await login(stack, account.email, account.password), 403, 'ACCOUNT_DISABLED');
    // Without the right password nothing tells that the account exists or is disabled.
    expectProblem(await login(stack, account.email, 'not-the-password'), 401, 'UNAUTHORIZED');
    await accountsOf(stack).enable(account.id);
    // Enabling again does not bring the revoked sessions back.
    expectProblem(await call(stack, 'GET', '/api/auth/me', { bearer: body.token }), 401, 'SESSION_REVOKED');
    expect((await login(stack, account.email, account.password)).status).toBe(200);
  });

  it('refuses an expired session: past the session row, or past the token exp', async () => {
    const first = await session();
    await stack.database.pool.query(`UPDATE agent_sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      first.body.session.id,
    ]);
    expectProblem(await call(stack, 'GET', '/api/auth/me', { bearer: first.body.token }), 401, 'SESSION_EXPIRED');
    expectProblem(await call(stack, 'POST', '/api/auth/refresh', { bearer: first.body.token }), 401, 'SESSION_EXPIRED');

    // A genuine token whose exp has passed, naming a session that is still live.
    const second = await session();
    const stale = await tokens.sign({
      agentId: second.account.id,
      sessionId: second.body.session.id,
      issuedAt: new Date(Date.now() - 7200_000),
      expiresAt: new Date(Date.now() - 3600_000),
    });
    expectProblem(await call(stack, 'GET', '/api/auth/me', { bearer: stale }), 401, 'SESSION_EXPIRED');
    expectProblem(
      await call(stack, 'GET', '/api/auth/me', { cookies: { [AGENT_SESSION_COOKIE]: stale } }),
      401,
      'SESSION_EXPIRED',
    );
  });

  it('refuses forged tokens: alg none, wrong key, wrong audience, another agent', async () => {
    const { account, body } = await session();
    const claims = { sid: body.session.id };
    const now = Math.floor(Date.now() / 1000);
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...claims, sub: account.id, iss: SESSION_TOKEN_ISSUER, aud: SESSION_TOKEN_AUDIENCE, iat: now, exp: now + 600 })}.`;
    const signed = (key: string, audience = SESSION_TOKEN_AUDIENCE, subject = account.id) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(subject)
        .setIssuer(SESSION_TOKEN_ISSUER)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode(key));
    const forged = [
      unsigned,
      await signed('a-different-secret-that-is-long-enough-0123'),
      await signed(TEST_SESSION_SECRET, 'switchboard:visitor'),
      // Right key, but the session belongs to someone else.
      await signed(TEST_SESSION_SECRET, SESSION_TOKEN_AUDIENCE, (await createAgent(stack)).id),
    ];
    for (const token of forged) {
      expectProblem(await call(stack, 'GET', '/api/auth/me', { bearer: token }), 401, 'UNAUTHORIZED');
      expectProblem(
        await call(stack, 'GET', '/api/auth/me', { cookies: { [AGENT_SESSION_COOKIE]: token } }),
        401,
        'UNAUTHORIZED',
      );
    }
    // The genuine token still works: nothing above touched the session.
    expect((await call(stack, 'GET', '/api/auth/me', { bearer: body.token })).status).toBe(200);
  });

  it('revokes the session at logout: the token and the cookie are refused from then on', async () => {
    const { body, cookies } = await session();
    const bystander = await session();
    const out = await call(stack, 'POST', '/api/auth/logout', { cookies, csrf: body.csrfToken });
    expect(out.status).toBe(204);
    expect(out.setCookies.get(AGENT_SESSION_COOKIE)).toMatch(/Expires=Thu, 01 Jan 1970/);
    expectProblem(await call(stack, 'GET', '/api/auth/me', { bearer: body.token }), 401, 'SESSION_REVOKED');
    expectProblem(await call(stack, 'GET', '/api/auth/me', { cookies }), 401, 'SESSION_REVOKED');
    expectProblem(await call(stack, 'POST', '/api/auth/refresh', { bearer: body.token }), 401, 'SESSION_REVOKED');
    // Only that session: the agent's other sessions and other agents are untouched.
    expect((await call(stack, 'GET', '/api/auth/me', { bearer: bystander.body.token })).status).toBe(200);

    const { body: scripted } = await session();
    expect((await call(stack, 'POST', '/api/auth/logout', { bearer: scripted.token })).status).toBe(204);
    expectProblem(await call(stack, 'GET', '/api/auth/me', { bearer: scripted.token }), 401, 'SESSION_REVOKED');
  });

  it('refreshes a live session: same session, later expiry, a new token and cookie', async () => {
    const { body } = await session();
    // As if the session were about to end.
    await stack.database.pool.query(`UPDATE agent_sessions SET expires_at = now() + interval '5 minutes' WHERE id = $1`, [
      body.session.id,
    ]);
    const refreshed = await call(stack, 'POST', '/api/auth/refresh', { bearer: body.token });
    expect(refreshed.status).toBe(200);
    const next = sessionResponseSchema.parse(refreshed.json);
    expect(next.session.id).toBe(body.session.id);
    expect(next.csrfToken).toBe(body.csrfToken);
    expect(Date.parse(next.session.expiresAt) - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(cookieValue(refreshed.setCookies.get(AGENT_SESSION_COOKIE))).toBe(next.token);
    const me = await call(stack, 'GET', '/api/auth/me', { bearer: next.token });
    expect(me.json.session.expiresAt).toBe(next.session.expiresAt);
  });

  it('never refreshes a session past 12 hours after its login', async () => {
    const { body } = await session();
    // Logged in 11 h 55 min ago, refreshed since, a minute left: a refresh may add only up to the 12 hours.
    await stack.database.pool.query(
      `UPDATE agent_sessions SET created_at = now() - interval '11 hours 55 minutes', expires_at = now() + interval '1 minute' WHERE id = $1`,
      [body.session.id],
    );
    const capped = await call(stack, 'POST', '/api/auth/refresh', { bearer: body.token });
    expect(capped.status).toBe(200);
    const left = Date.parse(capped.json.session.expiresAt) - Date.now();
    expect(left).toBeGreaterThan(4 * 60_000);
    expect(left).toBeLessThanOrEqual(5 * 60_000);

    const old = await session();
    await stack.database.pool.query(`UPDATE agent_sessions SET created_at = now() - interval '13 hours' WHERE id = $1`, [
      old.body.session.id,
    ]);
    expectProblem(await call(stack, 'POST', '/api/auth/refresh', { bearer: old.body.token }), 401, 'SESSION_EXPIRED');
  });

  it('asks cookie sessions for the CSRF token on writes; bearer requests need none', async () => {
    const { body, cookies } = await session();
    const other = await session();
    expectProblem(await call(stack, 'POST', '/api/auth/refresh', { cookies }), 403, 'FORBIDDEN');
    expectProblem(
      await call(stack, 'POST', '/api/auth/refresh', { cookies, csrf: `${body.csrfToken.slice(0, -2)}xx` }),
      403,
      'FORBIDDEN',
    );
    expectProblem(await call(stack, 'POST', '/api/auth/refresh', { cookies, csrf: other.body.csrfToken }), 403, 'FORBIDDEN');
    // Header without the matching cookie (a page that learnt the token but cannot set the cookie).
    expectProblem(
      await call(stack, 'POST', '/api/auth/refresh', { cookies: { [AGENT_SESSION_COOKIE]: body.token }, csrf: body.csrfToken }),
      403,
      'FORBIDDEN',
    );
    expectProblem(await call(stack, 'POST', '/api/auth/logout', { cookies }), 403, 'FORBIDDEN');
    // The refused logout did not log out.
    expect((await call(stack, 'GET', '/api/auth/me', { cookies })).status).toBe(200);

    expect((await call(stack, 'POST', '/api/auth/refresh', { cookies, csrf: body.csrfToken })).status).toBe(200);
    expect((await call(stack, 'POST', '/api/auth/refresh', { bearer: body.token })).status).toBe(200);
  });

  it('answers the eleventh wrong password in a minute with RATE_LIMITED and Retry-After', async () => {
    const account = await createAgent(stack);
    const bystander = await createAgent(stack);
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      expectProblem(await login(stack, account.email, `wrong-${attempt}`), 401, 'UNAUTHORIZED');
    }
    const eleventh = await login(stack, account.email, 'wrong-11');
    expectProblem(eleventh, 429, 'RATE_LIMITED');
    const retryAfter = Number(eleventh.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(eleventh.json.retryAfterMs).toBeGreaterThan(0);
    // The right password does not get through the limit either; other accounts are not affected.
    expectProblem(await login(stack, account.email, account.password), 429, 'RATE_LIMITED');
    expectProblem(await login(stack, account.email.toUpperCase(), account.password), 429, 'RATE_LIMITED');
    expect((await login(stack, bystander.email, bystander.password)).status).toBe(200);
  });

  it('forgets failed attempts after a successful login', async () => {
    const account = await createAgent(stack);
    for (let attempt = 1; attempt <= 9; attempt += 1) await login(stack, account.email, `wrong-${attempt}`);
    expect((await login(stack, account.email, account.password)).status).toBe(200);
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      expectProblem(await login(stack, account.email, `wrong-again-${attempt}`), 401, 'UNAUTHORIZED');
    }
    expectProblem(await login(stack, account.email, 'wrong-again-11'), 429, 'RATE_LIMITED');
  });

  it("scopes an agent to their sites: another site's id is NOT_FOUND", async () => {
    const siteA = await stack.createSite();
    const siteB = await stack.createSite();
    const { body } = await session({ siteIds: [siteA.id] });
    const me = meResponseSchema.parse((await call(stack, 'GET', '/api/auth/me', { bearer: body.token })).json);
    expect(me.agent.siteIds).toEqual([siteA.id]);
    expect(() => assertSiteAccess(me.agent, siteA.id)).not.toThrow();
    const refusal = (() => {
      try {
        assertSiteAccess(me.agent, siteB.id);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe('NOT_FOUND');
  });

  it('`npm run agent:create` runs migrations and creates an admin who can log in', async () => {
    const site = await stack.createSite();
    const email = `first-admin-${Date.now()}@example.com`;
    const created = await runAgentCreate(
      stack,
      ['--email', email, '--name', 'Lin', '--role', 'admin', '--site', site.widgetKey],
      {
        AGENT_PASSWORD: 'a-long-admin-password',
      },
    );
    expect(created.output).toContain(`Created admin Lin <${email}>`);
    expect(created.output).not.toContain('a-long-admin-password');
    expect(created.code).toBe(0);

    const response = await login(stack, email, 'a-long-admin-password');
    expect(response.status).toBe(200);
    expect(response.json.agent).toMatchObject({ email, name: 'Lin', role: 'admin', siteIds: [site.id] });

    const again = await runAgentCreate(stack, [
      '--email',
      email.toUpperCase(),
      '--name',
      'Lin',
      '--role',
      'admin',
      '--password',
      'another-password',
    ]);
    expect(again.code).toBe(1);
    expect(again.output).toContain('exists');
    // No password given, no terminal to ask on.
    expect((await runAgentCreate(stack, ['--email', 'x@example.com', '--name', 'X'])).code).toBe(2);
  });
});

describe('agent auth behind https, per-IP login limit', () => {
  const stack = new TestStack({
    label: 'agent_auth_ip',
    env: { AGENT_SESSION_SECRET: TEST_SESSION_SECRET, PUBLIC_URL: 'https://chat.example', LOGIN_IP_RATE_LIMIT_PER_MINUTE: '3' },
  });
  beforeAll(() => stack.start());
  afterAll(() => stack.close());

  it('marks cookies Secure when the public URL is https', async () => {
    const account = await createAgent(stack);
    const response = await login(stack, account.email, account.password);
    expect(response.status).toBe(200);
    expect(response.setCookies.get(AGENT_SESSION_COOKIE)).toMatch(/; Secure/);
    expect(response.setCookies.get(CSRF_COOKIE)).toMatch(/; Secure/);
  });

  it('limits failed logins per IP across accounts', async () => {
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      expectProblem(await login(stack, `nobody-${attempt}@example.com`, 'wrong'), 401, 'UNAUTHORIZED');
    }
    expectProblem(await login(stack, 'nobody-4@example.com', 'wrong'), 429, 'RATE_LIMITED');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oauthErrorSchema, tokenResponseSchema } from '../../../src/contracts/integration-auth.js';
import { TestStack } from '../../support/test-app.js';
import { api, createClient, eventually, requestToken } from './integration-support.js';

/** A call that needs only a valid token: the conversation list (any scope-less failure is 401). */
const probe = (stack: TestStack, token: string) => api(stack, 'GET', '/api/v1/conversations', { token });

describe('OAuth 2.0 client credentials', () => {
  const stack = new TestStack({ label: 'oauth_token', env: { INTEGRATION_RATE_LIMIT_PER_MINUTE: '20' } });
  beforeAll(() => stack.start());
  afterAll(() => stack.close());

  it('issues a short-lived bearer token to client_secret_post and to HTTP Basic, with the scopes asked for', async () => {
    const site = await stack.createSite();
    const client = await createClient(stack, site.id, { scopes: ['conversations:read', 'messages:write'] });
    expect(client.clientSecret).toMatch(/^sbs_/);

    const post = await requestToken(stack, client);
    expect(post.status).toBe(200);
    expect(post.headers.get('cache-control')).toBe('no-store');
    const body = tokenResponseSchema.parse(post.json);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: 'conversations:read messages:write' });

    const basic = await requestToken(stack, client, { basic: true, scope: 'conversations:read' });
    expect(basic.status).toBe(200);
    expect(basic.json.scope).toBe('conversations:read');
    expect((await probe(stack, basic.json.access_token)).status).toBe(200);

    // The secret is shown once: the admin API never returns it again.
    const listed = await api(stack, 'GET', `/api/v1/sites/${site.id}/integration-clients`, { token: stack.env.ADMIN_API_TOKEN });
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.json)).not.toContain(client.clientSecret);
  });

  it('answers RFC 6749 errors: invalid_client with WWW-Authenticate, invalid_scope, unsupported_grant_type, invalid_request', async () => {
    const site = await stack.createSite();
    const client = await createClient(stack, site.id, { scopes: ['conversations:read'] });

    const wrong = await requestToken(stack, { ...client, clientSecret: `${client.clientSecret}x` });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect(oauthErrorSchema.parse(wrong.json).error).toBe('invalid_client');
    expect((await requestToken(stack, { clientId: 'sbc_nobody', clientSecret: 'x' })).json.error).toBe('invalid_client');

    const scope = await requestToken(stack, client, { scope: 'messages:write' });
    expect(scope.status).toBe(400);
    expect(scope.json.error).toBe('invalid_scope');

    const grant = await requestToken(stack, client, { grantType: 'password' });
    expect(grant.status).toBe(400);
    expect(grant.json.error).toBe('unsupported_grant_type');

    const json = await api(stack, 'POST', '/oauth/token', { body: { grant_type: 'client_credentials' } });
    expect(json.status).toBe(415);
    expect(json.json.error).toBe('invalid_request');
  });

  it('refuses a client from an address outside its IP allowlist, at the token endpoint and for tokens already issued', async () => {
    const site = await stack.createSite();
    const outside = await createClient(stack, site.id, { ipAllowlist: ['10.0.0.0/8', '2001:db8::/32'] });
    const refused = await requestToken(stack, outside);
    expect(refused.status).toBe(401);
    expect(refused.json.error).toBe('invalid_client');

    const inside = await createClient(stack, site.id, { ipAllowlist: ['127.0.0.0/8', '::1/128'] });
    const issued = await requestToken(stack, inside);
    expect(issued.status).toBe(200);
    const token = issued.json.access_token as string;
    expect((await probe(stack, token)).status).toBe(200);

    const narrowed = await api(stack, 'PATCH', `/api/v1/sites/${site.id}/integration-clients/${inside.id}`, {
      token: stack.env.ADMIN_API_TOKEN,
      body: { ipAllowlist: ['192.0.2.0/24'] },
    });
    expect(narrowed.status).toBe(200);
    const forbidden = await probe(stack, token);
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.code).toBe('FORBIDDEN');

    const bad = await api(stack, 'POST', `/api/v1/sites/${site.id}/integration-clients`, {
      token: stack.env.ADMIN_API_TOKEN,
      body: { name: 'x', scopes: ['conversations:read'], ipAllowlist: ['10.0.0.0/99'] },
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(bad.json.code).toBe('UNPROCESSABLE');
  });

  it('rotates a secret with an overlap: the old one works until the overlap ends, then only the new one', async () => {
    const site = await stack.createSite();
    const client = await createClient(stack, site.id);
    const path = `/api/v1/sites/${site.id}/integration-clients/${client.id}/rotate-secret`;
    const rotated = await api(stack, 'POST', path, { token: stack.env.ADMIN_API_TOKEN, body: { overlapSeconds: 1 } });
    expect(rotated.status).toBe(200);
    expect(rotated.json.client.previousSecretValidUntil).toEqual(expect.any(String));
    const fresh = { clientId: client.clientId, clientSecret: rotated.json.clientSecret as string };
    expect((await requestToken(stack, client)).status).toBe(200);
    expect((await requestToken(stack, fresh)).status).toBe(200);
    await eventually(async () => (await requestToken(stack, client)).status === 401, 4000);
    expect((await requestToken(stack, fresh)).status).toBe(200);

    const cut = await api(stack, 'POST', path, { token: stack.env.ADMIN_API_TOKEN, body: { overlapSeconds: 0 } });
    expect((await requestToken(stack, fresh)).status).toBe(401);
    expect((await requestToken(stack, { clientId: client.clientId, clientSecret: cut.json.clientSecret })).status).toBe(200);
  });

  it('revokes a token (RFC 7009) and a deleted client’s tokens stop at once', async () => {
    const site = await stack.createSite();
    const client = await createClient(stack, site.id);
    const token = (await requestToken(stack, client)).json.access_token as string;
    const other = (await requestToken(stack, client)).json.access_token as string;
    const form = new URLSearchParams({ token, client_id: client.clientId, client_secret: client.clientSecret });
    const revoked = await fetch(`${stack.url}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(revoked.status).toBe(200);
    const after = await probe(stack, token);
    expect(after.status).toBe(401);
    expect(after.json.code).toBe('UNAUTHORIZED');
    expect((await probe(stack, other)).status).toBe(200);

    const deleted = await api(stack, 'DELETE', `/api/v1/sites/${site.id}/integration-clients/${client.id}`, {
      token: stack.env.ADMIN_API_TOKEN,
    });
    expect(deleted.status).toBe(204);
    expect((await probe(stack, other)).status).toBe(401);
  });

  it('limits requests per client with 429 and Retry-After', async () => {
    const site = await stack.createSite();
    const client = await createClient(stack, site.id);
    let limited: Awaited<ReturnType<typeof requestToken>> | undefined;
    for (let i = 0; i < 25 && !limited; i += 1) {
      const answer = await requestToken(stack, client);
      if (answer.status === 429) limited = answer;
    }
    expect(limited?.json.error).toBe('slow_down');
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('keeps the client admin API behind the bootstrap token or an admin session', async () => {
    const site = await stack.createSite();
    const anonymous = await api(stack, 'GET', `/api/v1/sites/${site.id}/integration-clients`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.code).toBe('UNAUTHORIZED');
  });
});

describe('an access token expires', () => {
  const stack = new TestStack({ label: 'oauth_expiry', env: { OAUTH_TOKEN_TTL_SECONDS: '1' } });
  beforeAll(() => stack.start());
  afterAll(() => stack.close());

  it('works until expires_in has passed, then answers 401', async () => {
    const site = await stack.createSite();
    const issued = await requestToken(stack, await createClient(stack, site.id));
    expect(issued.json.expires_in).toBe(1);
    expect((await probe(stack, issued.json.access_token)).status).toBe(200);
    await eventually(async () => (await probe(stack, issued.json.access_token)).status === 401, 4000);
  });
});

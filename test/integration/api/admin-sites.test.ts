import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cannedReplyListResponseSchema, siteListResponseSchema, siteResponseSchema } from '../../../src/contracts/admin-api.js';
import { TestStack } from '../../support/test-app.js';
import { AGENT_SESSION_COOKIE, CSRF_COOKIE } from '../../../src/api/agent-auth-middleware.js';
import { call, createAgent, login } from '../agents/agent-support.js';
import { ADMIN_TOKEN, as, expectProblem, signedIn } from './admin-support.js';
import { closedNowHours } from '../../support/business-hours.js';

const NEW_SITE = {
  name: 'Tea House',
  systemPrompt: 'You answer questions about tea.',
  allowedOrigins: ['https://tea.example'],
  language: 'zh-CN',
  model: 'deepseek-chat',
  historyWindow: 6,
  generation: { temperature: 0.3, max_tokens: 400 },
  botSettings: { confidenceThreshold: 0.5 },
  handoffSettings: {},
  businessHours: { timeZone: 'Asia/Shanghai', days: { mon: [{ open: '09:00', close: '18:00' }] } },
};

describe('admin API: sites and canned replies', () => {
  const stack = new TestStack({ label: 'admin_sites' });
  beforeAll(() => stack.start());
  afterAll(() => stack.close());

  it('an admin creates a site (generated widget key and identity secret), reads, updates and lists it', async () => {
    const admin = await signedIn(stack, { role: 'admin' });
    const api = as(stack, admin.token);
    const created = await api('POST', '/api/v1/sites', NEW_SITE);
    expect(created.status).toBe(201);
    const { site } = siteResponseSchema.parse(created.json);
    expect(site).toMatchObject({
      name: 'Tea House',
      language: 'zh-CN',
      historyWindow: 6,
      allowedOrigins: ['https://tea.example'],
    });
    expect(site.widgetKey).toMatch(/^sb_[\w-]{24}$/);
    expect(site.identitySecret).toMatch(/^[0-9a-f]{64}$/);
    expect(site.businessHours?.timeZone).toBe('Asia/Shanghai');

    // The creator now belongs to the site.
    expect(siteResponseSchema.parse((await api('GET', `/api/v1/sites/${site.id}`)).json).site.id).toBe(site.id);
    const updated = await api('PATCH', `/api/v1/sites/${site.id}`, { historyWindow: 12, systemPrompt: 'Tea only.' });
    expect(updated.status).toBe(200);
    expect(updated.json.site).toMatchObject({ historyWindow: 12, systemPrompt: 'Tea only.', name: 'Tea House' });
    const list = siteListResponseSchema.parse((await api('GET', '/api/v1/sites')).json);
    expect(list.sites.map((s) => s.id)).toEqual([site.id]);

    // A widget connects with the generated key from an allowed origin.
    const { session } = await stack.connectWidget(site, { origin: 'https://tea.example' });
    expect(session.conversation.mode).toBe('bot');
  });

  it('a greeting and suggested questions reach the widget with the agents’ hours now; too many or too long is a 413', async () => {
    const api = as(stack, ADMIN_TOKEN);
    const { site } = siteResponseSchema.parse((await api('POST', '/api/v1/sites', NEW_SITE)).json);
    expect(site).toMatchObject({ greeting: null, suggestedQuestions: [] });
    const closed = closedNowHours();
    const changes = {
      greeting: '  Hi! Ask us about tea.  ',
      suggestedQuestions: ['Which tea for mornings?', ' Do you ship abroad? '],
      businessHours: closed.hours,
    };
    const updated = siteResponseSchema.parse((await api('PATCH', `/api/v1/sites/${site.id}`, changes)).json).site;
    expect(updated).toMatchObject({
      greeting: 'Hi! Ask us about tea.',
      suggestedQuestions: ['Which tea for mornings?', 'Do you ship abroad?'],
    });
    const { session } = await stack.connectWidget(updated, { origin: 'https://tea.example' });
    expect(session.site).toEqual({
      greeting: 'Hi! Ask us about tea.',
      suggestedQuestions: ['Which tea for mornings?', 'Do you ship abroad?'],
      agentHours: { open: false, nextOpenAt: closed.nextOpenAt },
    });

    const five = ['a', 'b', 'c', 'd', 'e'];
    // Over a size limit is TOO_LONG (413), like every other bound of the admin API; a blank question is a 400.
    expectProblem(expect, await api('PATCH', `/api/v1/sites/${site.id}`, { suggestedQuestions: five }), 413, 'TOO_LONG');
    const long = await api('PATCH', `/api/v1/sites/${site.id}`, { suggestedQuestions: ['x'.repeat(121)] });
    expectProblem(expect, long, 413, 'TOO_LONG');
    expectProblem(expect, await api('PATCH', `/api/v1/sites/${site.id}`, { suggestedQuestions: [' '] }), 400, 'BAD_REQUEST');
    const cleared = await api('PATCH', `/api/v1/sites/${site.id}`, { greeting: null, businessHours: null });
    expect(cleared.json.site).toMatchObject({ greeting: null, businessHours: null });
  });

  it('rotates the widget key and the identity secret', async () => {
    const admin = await signedIn(stack, { role: 'admin' });
    const api = as(stack, admin.token);
    const { site } = siteResponseSchema.parse((await api('POST', '/api/v1/sites', NEW_SITE)).json);
    const rotated = siteResponseSchema.parse((await api('POST', `/api/v1/sites/${site.id}/widget-key/rotate`)).json).site;
    expect(rotated.widgetKey).not.toBe(site.widgetKey);
    expect(rotated.identitySecret).toBe(site.identitySecret);
    const secret = siteResponseSchema.parse((await api('POST', `/api/v1/sites/${site.id}/identity-secret/rotate`)).json).site;
    expect(secret.identitySecret).not.toBe(site.identitySecret);
    expect(secret.widgetKey).toBe(rotated.widgetKey);
  });

  it('deletes a site with its data only after its name is confirmed', async () => {
    const api = as(stack, ADMIN_TOKEN);
    const { site } = siteResponseSchema.parse((await api('POST', '/api/v1/sites', NEW_SITE)).json);
    await stack.connectWidget(site, { origin: 'https://tea.example' });
    expectProblem(expect, await api('DELETE', `/api/v1/sites/${site.id}`, { confirm: 'tea house' }), 400, 'BAD_REQUEST');
    expect((await api('DELETE', `/api/v1/sites/${site.id}`, { confirm: 'Tea House' })).status).toBe(204);
    expectProblem(expect, await api('GET', `/api/v1/sites/${site.id}`), 404, 'NOT_FOUND');
    const left = await stack.database.pool.query('SELECT count(*)::int AS n FROM visitors WHERE site_id = $1', [site.id]);
    expect(left.rows[0].n).toBe(0);
  });

  it('refuses bad settings with stable codes', async () => {
    const api = as(stack, ADMIN_TOKEN);
    expectProblem(expect, await api('POST', '/api/v1/sites', { name: 'x' }), 400, 'BAD_REQUEST');
    expectProblem(
      expect,
      await api('POST', '/api/v1/sites', { ...NEW_SITE, allowedOrigins: ['https://a.example/path'] }),
      400,
      'BAD_REQUEST',
    );
    expectProblem(expect, await api('POST', '/api/v1/sites', { ...NEW_SITE, historyWindow: -1 }), 400, 'BAD_REQUEST');
    expectProblem(expect, await api('POST', '/api/v1/sites', { ...NEW_SITE, unknown: 1 }), 400, 'BAD_REQUEST');
    expectProblem(
      expect,
      await api('POST', '/api/v1/sites', { ...NEW_SITE, botSettings: { confidenceThreshold: 5 } }),
      400,
      'BAD_REQUEST',
    );
    const zone = await api('POST', '/api/v1/sites', { ...NEW_SITE, businessHours: { timeZone: 'Mars/Base', days: {} } });
    expectProblem(expect, zone, 400, 'BAD_REQUEST');
    expect(zone.json.detail).toContain('businessHours.timeZone');
    expectProblem(expect, await api('POST', '/api/v1/sites', { ...NEW_SITE, systemPrompt: 'x'.repeat(20_001) }), 413, 'TOO_LONG');
  });

  it('an agent (not admin) reads its site but may not change it: 403; another site is 404', async () => {
    const site = await stack.createSite();
    const other = await stack.createSite({ name: 'Other tenant' });
    const agent = await signedIn(stack, { role: 'agent', siteIds: [site.id] });
    const api = as(stack, agent.token);
    expect((await api('GET', `/api/v1/sites/${site.id}`)).status).toBe(200);
    expect((await api('GET', `/api/v1/sites/${site.id}`)).json.site.identitySecret).toBeUndefined();
    expectProblem(expect, await api('PATCH', `/api/v1/sites/${site.id}`, { name: 'Mine now' }), 403, 'FORBIDDEN');
    expectProblem(expect, await api('POST', '/api/v1/sites', NEW_SITE), 403, 'FORBIDDEN');
    expectProblem(expect, await api('POST', `/api/v1/sites/${site.id}/widget-key/rotate`), 403, 'FORBIDDEN');

    const admin = await signedIn(stack, { role: 'admin', siteIds: [site.id] });
    const adminApi = as(stack, admin.token);
    expectProblem(expect, await adminApi('GET', `/api/v1/sites/${other.id}`), 404, 'NOT_FOUND');
    expectProblem(expect, await adminApi('PATCH', `/api/v1/sites/${other.id}`, { name: 'x' }), 404, 'NOT_FOUND');
    expectProblem(expect, await adminApi('DELETE', `/api/v1/sites/${other.id}`, { confirm: 'Other tenant' }), 404, 'NOT_FOUND');
    expectProblem(expect, await adminApi('GET', `/api/v1/sites/${other.id}/canned-replies`), 404, 'NOT_FOUND');
    expectProblem(expect, await adminApi('GET', '/api/v1/sites/not-a-uuid'), 404, 'NOT_FOUND');
    expect((await api('GET', '/api/v1/sites')).json.sites.map((s: { id: string }) => s.id)).toEqual([site.id]);
  });

  it('needs a session or the admin token; a cookie session needs the CSRF header to write', async () => {
    expectProblem(expect, await call(stack, 'GET', '/api/v1/sites'), 401, 'UNAUTHORIZED');
    expectProblem(expect, await call(stack, 'GET', '/api/v1/sites', { bearer: 'wrong' }), 401, 'UNAUTHORIZED');
    const account = await createAgent(stack, { role: 'admin' });
    const session = await login(stack, account.email, account.password);
    const cookies = {
      [AGENT_SESSION_COOKIE]: session.json.token as string,
      [CSRF_COOKIE]: session.json.csrfToken as string,
    };
    expectProblem(expect, await call(stack, 'POST', '/api/v1/sites', { cookies, body: NEW_SITE }), 403, 'FORBIDDEN');
    const ok = await call(stack, 'POST', '/api/v1/sites', { cookies, csrf: session.json.csrfToken, body: NEW_SITE });
    expect(ok.status).toBe(201);
  });

  it('canned replies: members read them, admins create, change and delete them; shortcuts are unique per site', async () => {
    const site = await stack.createSite();
    const admin = as(stack, (await signedIn(stack, { role: 'admin', siteIds: [site.id] })).token);
    const agent = as(stack, (await signedIn(stack, { role: 'agent', siteIds: [site.id] })).token);
    const path = `/api/v1/sites/${site.id}/canned-replies`;
    const created = await admin('POST', path, { shortcut: 'hello', text: 'Hi {{visitor.name}}, {{agent.name}} here.' });
    expect(created.status).toBe(201);
    expectProblem(expect, await admin('POST', path, { shortcut: 'hello', text: 'again' }), 409, 'CONFLICT');
    expectProblem(expect, await admin('POST', path, { shortcut: 'has space', text: 'x' }), 400, 'BAD_REQUEST');
    expectProblem(expect, await agent('POST', path, { shortcut: 'mine', text: 'x' }), 403, 'FORBIDDEN');
    const id = created.json.cannedReply.id as string;
    const changed = await admin('PUT', `${path}/${id}`, { shortcut: 'hi', text: 'Hello!' });
    expect(changed.json.cannedReply).toMatchObject({ shortcut: 'hi', text: 'Hello!' });
    const list = cannedReplyListResponseSchema.parse((await agent('GET', path)).json);
    expect(list.cannedReplies.map((reply) => reply.shortcut)).toEqual(['hi']);
    expect((await admin('DELETE', `${path}/${id}`)).status).toBe(204);
    expectProblem(expect, await admin('DELETE', `${path}/${id}`), 404, 'NOT_FOUND');
  });

  it("word lists and filter policy: a site admin manages its own, an agent reads nothing, another site is 404, the default list is the operator's", async () => {
    const site = await stack.createSite();
    const other = await stack.createSite();
    const admin = as(stack, (await signedIn(stack, { role: 'admin', siteIds: [site.id] })).token);
    const agent = as(stack, (await signedIn(stack, { role: 'agent', siteIds: [site.id] })).token);
    const added = await admin('POST', `/api/v1/sites/${site.id}/words`, { word: 'scamword', category: 'custom' });
    expect(added.status).toBe(201);
    expect((await admin('GET', `/api/v1/sites/${site.id}/words`)).json.words.map((w: { word: string }) => w.word)).toEqual([
      'scamword',
    ]);
    expect((await admin('GET', `/api/v1/sites/${site.id}/filter-policy`)).status).toBe(200);
    expectProblem(expect, await agent('GET', `/api/v1/sites/${site.id}/words`), 403, 'FORBIDDEN');
    expectProblem(expect, await admin('GET', `/api/v1/sites/${other.id}/words`), 404, 'NOT_FOUND');
    expectProblem(expect, await admin('GET', '/api/v1/sites/default/words'), 404, 'NOT_FOUND');
    expect((await as(stack, ADMIN_TOKEN)('GET', '/api/v1/sites/default/words')).status).toBe(200);
    expectProblem(expect, await call(stack, 'GET', `/api/v1/sites/${site.id}/words`), 401, 'UNAUTHORIZED');
  });
});

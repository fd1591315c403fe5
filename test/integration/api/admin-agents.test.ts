import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentListResponseSchema, agentResponseSchema, teamListResponseSchema } from '../../../src/contracts/admin-api.js';
import { TestStack } from '../../support/test-app.js';
import { call, login } from '../agents/agent-support.js';
import { ADMIN_TOKEN, as, expectProblem, signedIn } from './admin-support.js';

const email = (name: string) => `${name}-${crypto.randomUUID()}@example.com`;

describe('admin API: agents and teams', () => {
  const stack = new TestStack({ label: 'admin_agents' });
  beforeAll(() => stack.start());
  afterAll(() => stack.close());

  it('an admin creates an agent with a password, in its site and a team; the agent logs in', async () => {
    const site = await stack.createSite();
    const admin = as(stack, (await signedIn(stack, { role: 'admin', siteIds: [site.id] })).token);
    const team = await admin('POST', '/api/v1/teams', { name: `Billing ${crypto.randomUUID()}` });
    expect(team.status).toBe(201);
    const address = email('wang');
    const created = await admin('POST', '/api/v1/agents', {
      name: 'Wang',
      email: address,
      password: 'a-long-password',
      siteIds: [site.id],
      teamIds: [team.json.team.id],
    });
    expect(created.status).toBe(201);
    const { agent, setPasswordToken } = agentResponseSchema.parse(created.json);
    expect(agent).toMatchObject({
      name: 'Wang',
      role: 'agent',
      disabled: false,
      siteIds: [site.id],
      teamIds: [team.json.team.id],
    });
    expect(setPasswordToken).toBeUndefined();
    expect((await login(stack, address, 'a-long-password')).status).toBe(200);
    const teams = teamListResponseSchema.parse((await admin('GET', '/api/v1/teams')).json);
    expect(teams.teams.find((t) => t.id === team.json.team.id)?.memberIds).toEqual([agent.id]);
  });

  it('invites without a password: a one-time set-password token', async () => {
    const site = await stack.createSite();
    const admin = as(stack, (await signedIn(stack, { role: 'admin', siteIds: [site.id] })).token);
    const address = email('li');
    const invited = agentResponseSchema.parse(
      (await admin('POST', '/api/v1/agents', { name: 'Li', email: address, siteIds: [site.id] })).json,
    );
    expect(invited.setPasswordToken).toMatch(/^[\w-]{43}$/);
    const set = await call(stack, 'POST', '/api/auth/set-password', {
      body: { token: invited.setPasswordToken, password: 'my-own-password' },
    });
    expect(set.status).toBe(204);
    expect((await login(stack, address, 'my-own-password')).status).toBe(200);
    const again = await call(stack, 'POST', '/api/auth/set-password', {
      body: { token: invited.setPasswordToken, password: 'another-password' },
    });
    expectProblem(expect, again, 401, 'UNAUTHORIZED');
    expectProblem(
      expect,
      await call(stack, 'POST', '/api/auth/set-password', { body: { token: 'short', password: 'x' } }),
      400,
      'BAD_REQUEST',
    );
  });

  it('changes role, sites and teams; disabling ends the sessions at once', async () => {
    const site = await stack.createSite();
    const second = await stack.createSite();
    const admin = as(stack, (await signedIn(stack, { role: 'admin', siteIds: [site.id, second.id] })).token);
    const colleague = await signedIn(stack, { role: 'agent', siteIds: [site.id] });
    const changed = await admin('PATCH', `/api/v1/agents/${colleague.id}`, { role: 'admin', siteIds: [second.id], name: 'Zhao' });
    expect(changed.json.agent).toMatchObject({ role: 'admin', siteIds: [second.id], name: 'Zhao' });
    expect((await as(stack, colleague.token)('GET', '/api/v1/sites')).json.sites.map((s: { id: string }) => s.id)).toEqual([
      second.id,
    ]);
    const disabled = await admin('PATCH', `/api/v1/agents/${colleague.id}`, { disabled: true });
    expect(disabled.json.agent.disabled).toBe(true);
    expectProblem(expect, await as(stack, colleague.token)('GET', '/api/v1/sites'), 403, 'ACCOUNT_DISABLED');
  });

  it('lists only agents of the admin own sites; another site agent is 404; foreign site ids are 404', async () => {
    const site = await stack.createSite();
    const other = await stack.createSite();
    const adminSession = await signedIn(stack, { role: 'admin', siteIds: [site.id] });
    const admin = as(stack, adminSession.token);
    const mine = await signedIn(stack, { siteIds: [site.id] });
    const theirs = await signedIn(stack, { siteIds: [other.id] });
    const list = agentListResponseSchema.parse((await admin('GET', '/api/v1/agents')).json);
    expect(list.agents.map((a) => a.id).sort()).toEqual([adminSession.id, mine.id].sort());
    expectProblem(expect, await admin('GET', `/api/v1/agents/${theirs.id}`), 404, 'NOT_FOUND');
    expectProblem(expect, await admin('PATCH', `/api/v1/agents/${theirs.id}`, { disabled: true }), 404, 'NOT_FOUND');
    expectProblem(expect, await admin('PATCH', `/api/v1/agents/${mine.id}`, { siteIds: [other.id] }), 404, 'NOT_FOUND');
    const body = { name: 'X', email: email('x'), password: 'a-long-password', siteIds: [other.id] };
    expectProblem(expect, await admin('POST', '/api/v1/agents', body), 404, 'NOT_FOUND');
    // The operator token sees everyone.
    const all = agentListResponseSchema.parse((await as(stack, ADMIN_TOKEN)('GET', '/api/v1/agents')).json);
    expect(all.agents.map((a) => a.id)).toContain(theirs.id);
  });

  it('refuses agents (not admins) with 403 and bad bodies with 400/409', async () => {
    const site = await stack.createSite();
    const agent = as(stack, (await signedIn(stack, { siteIds: [site.id] })).token);
    expectProblem(expect, await agent('GET', '/api/v1/agents'), 403, 'FORBIDDEN');
    expectProblem(expect, await agent('POST', '/api/v1/teams', { name: 'Mine' }), 403, 'FORBIDDEN');
    expect((await agent('GET', '/api/v1/teams')).status).toBe(200);

    const adminSession = await signedIn(stack, { role: 'admin', siteIds: [site.id] });
    const admin = as(stack, adminSession.token);
    expectProblem(
      expect,
      await admin('POST', '/api/v1/agents', { name: 'Y', email: 'not-an-email', siteIds: [site.id] }),
      400,
      'BAD_REQUEST',
    );
    expectProblem(expect, await admin('POST', '/api/v1/agents', { name: 'Y', email: email('y') }), 400, 'BAD_REQUEST');
    expectProblem(
      expect,
      await admin('POST', '/api/v1/agents', { name: 'Y', email: adminSession.email, siteIds: [site.id] }),
      409,
      'CONFLICT',
    );
    expectProblem(expect, await admin('PATCH', `/api/v1/agents/${adminSession.id}`, { disabled: true }), 400, 'BAD_REQUEST');
    const name = `Team ${crypto.randomUUID()}`;
    const team = await admin('POST', '/api/v1/teams', { name });
    expectProblem(expect, await admin('POST', '/api/v1/teams', { name }), 409, 'CONFLICT');
    expect((await admin('PATCH', `/api/v1/teams/${team.json.team.id}`, { name: `${name} 2` })).json.team.name).toBe(`${name} 2`);
    expect((await admin('DELETE', `/api/v1/teams/${team.json.team.id}`)).status).toBe(204);
    expectProblem(expect, await admin('DELETE', `/api/v1/teams/${team.json.team.id}`), 404, 'NOT_FOUND');
  });
});

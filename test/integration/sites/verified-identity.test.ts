import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStack } from '../../support/test-app.js';
import { TEST_SESSION_SECRET } from '../agents/agent-support.js';
import { agentSession, closeAgentSockets, connectAgent, ok } from '../agents/agent-socket-support.js';

const SECRET = 'site-identity-secret-0123456789abcdef';
const hashOf = (userId: string, secret = SECRET) => createHmac('sha256', secret).update(userId).digest('hex');

describe('verified identity (Switchboard.setUser with a hash)', () => {
  const stack = new TestStack({ label: 'identity' });
  beforeAll(() => stack.start());
  afterAll(() => stack.close());

  const visitorRow = async (visitorId: string) =>
    (
      await stack.database.pool.query('SELECT external_user_id, name, email, verified, attributes FROM visitors WHERE id = $1', [
        visitorId,
      ])
    ).rows[0];

  it('gives a verified user their conversation back on another device, and keeps their name and e-mail as verified', async () => {
    const site = await stack.createSite({ identitySecret: SECRET });
    const user = { id: `u-${randomUUID()}`, name: 'Ana Li', email: 'ana@example.com', hash: '' };
    user.hash = hashOf(user.id);
    const laptop = await stack.connectWidget(site, { auth: { user, attributes: { plan: 'gold', orders: 3 } } });
    expect(laptop.session.verified).toBe(true);
    const sent = await laptop.socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'Hello from my laptop' });
    expect(sent.ok).toBe(true);

    // Another device: no visitor token, only the same verified user.
    const phone = await stack.connectWidget(site, { auth: { user } });
    expect(phone.session.visitorId).toBe(laptop.session.visitorId);
    expect(phone.session.conversation.id).toBe(laptop.session.conversation.id);
    expect(await visitorRow(laptop.session.visitorId)).toEqual({
      external_user_id: user.id,
      name: 'Ana Li',
      email: 'ana@example.com',
      verified: true,
      attributes: { plan: 'gold', orders: 3 },
    });
  });

  it('never lets an unverified setUser reach another user: no hash, a wrong hash or another site secret', async () => {
    const site = await stack.createSite({ identitySecret: SECRET });
    const user = { id: `u-${randomUUID()}`, name: 'Ana Li' };
    const owner = await stack.connectWidget(site, { auth: { user: { ...user, hash: hashOf(user.id) } } });
    for (const claim of [user, { ...user, hash: '0'.repeat(64) }, { ...user, hash: hashOf(user.id, 'another-secret') }]) {
      const intruder = await stack.connectWidget(site, { auth: { user: claim } });
      expect(intruder.session.verified).toBe(false);
      expect(intruder.session.visitorId).not.toBe(owner.session.visitorId);
      expect(intruder.session.conversation.id).not.toBe(owner.session.conversation.id);
      expect(await visitorRow(intruder.session.visitorId)).toMatchObject({
        external_user_id: null,
        verified: false,
        name: 'Ana Li',
      });
    }
  });

  it('treats every user as unverified on a site without an identity secret', async () => {
    const site = await stack.createSite({ identitySecret: null });
    const user = { id: 'u-1', hash: hashOf('u-1') };
    const first = await stack.connectWidget(site, { auth: { user } });
    const second = await stack.connectWidget(site, { auth: { user } });
    expect([first.session.verified, second.session.verified]).toEqual([false, false]);
    expect(second.session.visitorId).not.toBe(first.session.visitorId);
  });

  it('refuses malformed claims at the handshake with BAD_REQUEST', async () => {
    const site = await stack.createSite({ identitySecret: SECRET });
    await expect(stack.connectWidget(site, { auth: { user: { id: '' } } })).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST' },
    });
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`k${index}`, index]));
    await expect(stack.connectWidget(site, { auth: { attributes: tooMany } })).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST' },
    });
  });
});

describe('what agents see of the visitor (conversation:watch)', () => {
  const stack = new TestStack({ label: 'visitor_details', env: { AGENT_SESSION_SECRET: TEST_SESSION_SECRET } });
  beforeAll(() => stack.start());
  afterAll(async () => {
    closeAgentSockets();
    await stack.close();
  });

  it('shows the page, language, verified name and e-mail, attributes, first seen and earlier conversations', async () => {
    const site = await stack.createSite({ identitySecret: SECRET });
    const user = { id: `u-${randomUUID()}`, name: 'Ana Li', email: 'ana@example.com', hash: '' };
    user.hash = hashOf(user.id);
    const auth = { user, attributes: { plan: 'gold' }, page: { url: 'https://shop.example/orders/4471', language: 'zh-CN' } };
    const earlier = await stack.connectWidget(site, { auth });
    await stack.database.pool.query(`UPDATE conversations SET mode = 'resolved' WHERE id = $1`, [
      earlier.session.conversation.id,
    ]);
    const now = await stack.connectWidget(site, { auth });
    expect(now.session.conversation.id).not.toBe(earlier.session.conversation.id);

    const agent = await agentSession(stack, { siteIds: [site.id] });
    const socket = await connectAgent(stack.url, agent.token);
    const watched = await ok(socket, 'conversation:watch', { conversationId: now.session.conversation.id });
    expect(watched.visitor).toMatchObject({
      id: now.session.visitorId,
      name: 'Ana Li',
      email: 'ana@example.com',
      verified: true,
      attributes: { plan: 'gold' },
      pageUrl: 'https://shop.example/orders/4471',
      language: 'zh-CN',
      previousConversations: [{ id: earlier.session.conversation.id, mode: 'resolved' }],
    });
    expect(Date.parse(watched.visitor!.firstSeenAt)).toBeLessThanOrEqual(Date.parse(watched.visitor!.lastSeenAt));
  });
});

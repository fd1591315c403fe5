import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  integrationConversationListSchema,
  visitorListSchema,
  visitorResultSchema,
} from '../../../src/contracts/integration-resources.js';
import { VisitorRepository } from '../../../src/sites/visitor.repository.js';
import { TestStack } from '../../support/test-app.js';
import { api, integrationToken } from './integration-support.js';

describe('the integration API: visitors', () => {
  const stack = new TestStack({ label: 'integration_visitors' });
  beforeAll(() => stack.start());
  afterAll(() => stack.close());

  const restMessage = async (token: string, visitorId: string) => {
    const accepted = await api(stack, 'POST', '/api/v1/channels/rest/messages', {
      token,
      body: { visitorId, text: 'Where is my order?', clientMessageId: randomUUID() },
    });
    expect(accepted.status).toBe(202);
    return accepted.json as { conversationId: string };
  };

  it('finds a REST-channel visitor by its external id, reads it and pages its conversations', async () => {
    const site = await stack.createSite();
    const token = await integrationToken(stack, site.id);
    const externalId = `mail:${randomUUID()}`;
    const first = await restMessage(token, externalId);
    const resolved = await api(stack, 'POST', `/api/v1/conversations/${first.conversationId}/resolve`, { token, body: {} });
    expect(resolved.status).toBe(200);
    const second = await restMessage(token, externalId);
    expect(second.conversationId).not.toBe(first.conversationId);

    const found = visitorListSchema.parse(
      (await api(stack, 'GET', `/api/v1/visitors?externalId=${encodeURIComponent(externalId)}`, { token })).json,
    );
    expect(found.visitors).toHaveLength(1);
    const [visitor] = found.visitors;
    expect(visitor).toMatchObject({ siteId: site.id, externalId, userId: null, verified: false });

    const read = await api(stack, 'GET', `/api/v1/visitors/${visitor!.id}`, { token });
    expect(read.status).toBe(200);
    expect(visitorResultSchema.parse(read.json).visitor).toEqual(visitor);

    const page1 = integrationConversationListSchema.parse(
      (await api(stack, 'GET', `/api/v1/visitors/${visitor!.id}/conversations?limit=1`, { token })).json,
    );
    expect(page1.conversations.map((row) => row.id)).toEqual([second.conversationId]);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = integrationConversationListSchema.parse(
      (
        await api(stack, 'GET', `/api/v1/visitors/${visitor!.id}/conversations?limit=1&cursor=${page1.nextCursor}`, {
          token,
        })
      ).json,
    );
    expect(page2.conversations.map((row) => row.id)).toEqual([first.conversationId]);
    expect(page2.nextCursor).toBeNull();

    const unknown = await api(stack, 'GET', `/api/v1/visitors?externalId=${randomUUID()}`, { token });
    expect(unknown.status).toBe(200);
    expect(unknown.json.visitors).toEqual([]);
  });

  it('finds a verified visitor by the site user id', async () => {
    const site = await stack.createSite();
    const token = await integrationToken(stack, site.id, ['conversations:read']);
    const userId = `user-${randomUUID()}`;
    const visitorId = await new VisitorRepository(stack.database.db).upsertVerified(site.id, userId, {
      name: 'Ana Lima',
      email: 'ana@example.com',
      attributes: { plan: 'pro' },
    });
    const found = visitorListSchema.parse(
      (await api(stack, 'GET', `/api/v1/visitors?userId=${encodeURIComponent(userId)}`, { token })).json,
    );
    expect(found.visitors).toEqual([
      expect.objectContaining({
        id: visitorId,
        userId,
        externalId: null,
        verified: true,
        name: 'Ana Lima',
        email: 'ana@example.com',
        attributes: { plan: 'pro' },
      }),
    ]);
  });

  it("answers 404 for another site's visitor, 403 without conversations:read and 400 for a search without one key", async () => {
    const site = await stack.createSite();
    const other = await stack.createSite();
    const token = await integrationToken(stack, site.id);
    const otherToken = await integrationToken(stack, other.id);
    const externalId = `ivr:${randomUUID()}`;
    await restMessage(otherToken, externalId);
    const theirs = (await api(stack, 'GET', `/api/v1/visitors?externalId=${externalId}`, { token: otherToken })).json.visitors[0];

    for (const path of [`/api/v1/visitors/${theirs.id}`, `/api/v1/visitors/${theirs.id}/conversations`]) {
      const answer = await api(stack, 'GET', path, { token });
      expect(answer.status).toBe(404);
      expect(answer.json.code).toBe('NOT_FOUND');
    }
    expect((await api(stack, 'GET', `/api/v1/visitors?externalId=${externalId}`, { token })).json.visitors).toEqual([]);

    const writeOnly = await integrationToken(stack, site.id, ['messages:write']);
    const refused = await api(stack, 'GET', `/api/v1/visitors/${theirs.id}`, { token: writeOnly });
    expect(refused.status).toBe(403);
    expect(refused.json.code).toBe('INSUFFICIENT_SCOPE');

    for (const query of ['', '?externalId=a&userId=b', '?name=x']) {
      const bad = await api(stack, 'GET', `/api/v1/visitors${query}`, { token });
      expect(bad.status).toBe(400);
      expect(bad.json.code).toBe('BAD_REQUEST');
    }
    expect((await api(stack, 'GET', '/api/v1/visitors/not-a-uuid', { token })).status).toBe(400);
  });
});

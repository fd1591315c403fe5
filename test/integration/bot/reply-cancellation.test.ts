import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplyCollector } from '../../support/reply-collector.js';
import { TestStack } from '../../support/test-app.js';
import { ADMIN_TOKEN, ask, botRows, requestsWith } from './llm-support.js';

describe('aborting the upstream request when nobody needs the reply', () => {
  const stack = new TestStack({ label: 'llm_cancel', env: { REPLY_ABANDON_GRACE_MS: '300' } });
  beforeAll(() => stack.start());
  afterAll(() => stack.close());

  it('stops the model stream when an agent takes over, and stores no bot reply', async () => {
    const site = await stack.createSite();
    const { replies, message, conversationId } = await ask(stack, site, 'Hello [[sim:stall-after=3;stall-ms=5000;id=take1]]');
    await replies.waitFor(() => replies.deltas(message.id).length > 0);

    const response = await fetch(`${stack.url}/api/v1/conversations/${conversationId}/mode`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'human' }),
    });
    expect(response.status).toBe(200);

    const [request] = requestsWith(stack.simulator, 'id=take1');
    expect((await stack.simulator.waitForClose(request!.id, 2000)).outcome).toBe('aborted');
    await replies.waitFor(() => replies.resets(message.id).length > 0, 2000);
    expect(replies.resets(message.id).map((reset) => reset.reason)).toEqual(['cancelled']);
    expect(replies.modes).toContain('human');
    expect(await botRows(stack, conversationId)).toEqual([]);
  });

  it('stops the model stream when the only visitor leaves, after the grace period', async () => {
    const site = await stack.createSite();
    const { socket, replies, message, conversationId } = await ask(
      stack,
      site,
      'Hi [[sim:stall-after=3;stall-ms=5000;id=gone1]]',
    );
    await replies.waitFor(() => replies.deltas(message.id).length > 0);
    const leftAt = Date.now();
    socket.disconnect();

    const [request] = requestsWith(stack.simulator, 'id=gone1');
    const closed = await stack.simulator.waitForClose(request!.id, 3000);
    expect(closed.outcome).toBe('aborted');
    expect(closed.closedAt! - leftAt).toBeGreaterThanOrEqual(250);
    // The worker is done with the job once it settles: anything it would store is stored by then.
    expect(await stack.replyJobSettled(message.id)).toBe('completed');
    expect(await botRows(stack, conversationId)).toEqual([]);
  });

  it('keeps streaming while another tab of the same visitor is still in the room', async () => {
    const site = await stack.createSite();
    const first = await ask(stack, site, 'Hi [[sim:stall-after=3;stall-ms=1000;id=stay1]]');
    const second = await stack.connectWidget(site, { visitorToken: first.session.visitorToken });
    expect(second.session.conversation.id).toBe(first.conversationId);
    const replies = new ReplyCollector(second.socket);
    first.socket.disconnect();

    const end = await replies.waitForEnd(first.message.id, 5000);
    const [request] = requestsWith(stack.simulator, 'id=stay1');
    expect((await stack.simulator.waitForClose(request!.id)).outcome).toBe('completed');
    expect(await botRows(stack, first.conversationId)).toMatchObject([{ text: end.message.text }]);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restChannelAcceptedSchema, taskSchema, type Task } from '../../../src/contracts/integration-resources.js';
import { TestStack } from '../../support/test-app.js';
import { api, eventually, integrationToken } from './integration-support.js';

describe('GET /api/v1/tasks/:id while the reply streams', () => {
  // 60 tokens at 20 a second: the reply streams for about three seconds.
  const stack = new TestStack({
    label: 'task_streaming',
    simulator: { firstTokenDelayMs: 50, tokensPerSecond: 20, replyTokens: 60 },
  });
  beforeAll(() => stack.start());
  afterAll(() => stack.close());

  it('is streaming with a non-empty prefix of the reply that is stored in the end', async () => {
    const site = await stack.createSite();
    const token = await integrationToken(stack, site.id, ['messages:write']);
    const accepted = await api(stack, 'POST', '/api/v1/channels/rest/messages', {
      token,
      body: { visitorId: `mail:${randomUUID()}`, text: 'How do I get a refund?', clientMessageId: randomUUID() },
    });
    expect(accepted.status).toBe(202);
    const { task_id: taskId } = restChannelAcceptedSchema.parse(accepted.json);
    const read = async (path = `/api/v1/tasks/${taskId}`): Promise<Task> =>
      taskSchema.parse((await api(stack, 'GET', path, { token })).json.task);

    let streaming: Task | undefined;
    await eventually(async () => {
      const task = await read();
      if (task.status === 'done') throw new Error('the reply finished before a poll saw it streaming');
      if (task.status === 'streaming' && task.text) streaming = task;
      return streaming !== undefined;
    }, 10_000);

    const done = await read(`/api/v1/tasks/${taskId}?wait=20`);
    expect(done.status).toBe('done');
    expect(streaming!.text!.length).toBeGreaterThan(0);
    expect(streaming!.text!.length).toBeLessThan(done.reply!.text.length);
    expect(done.reply!.text.startsWith(streaming!.text!)).toBe(true);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OwnRedis } from '../../support/own-redis.js';
import { ReplyCollector } from '../../support/reply-collector.js';
import { sendUntilAccepted } from '../../support/send-until-accepted.js';
import { TcpProxy } from '../../support/tcp-proxy.js';
import { TestStack } from '../../support/test-app.js';
import { DATABASE_URL } from '../../support/test-env.js';

/** A send while a dependency is away: a clear `UNAVAILABLE` with a retry hint within a second, not a hang. */
describe('a send while Redis is down', () => {
  const redis = new OwnRedis();
  let stack: TestStack;

  beforeAll(async () => {
    await redis.start();
    stack = new TestStack({
      label: 'noredis',
      env: { REDIS_URL: redis.url, RECONCILE_INTERVAL_MS: '300', RECONCILE_MIN_AGE_MS: '300' },
    });
    await stack.start();
  }, 30_000);
  afterAll(async () => {
    await stack.close();
    await redis.stop();
  });

  it('answers UNAVAILABLE at once, and the same send goes through once Redis is back', async () => {
    const site = await stack.createSite();
    const { socket } = await stack.connectWidget(site);
    const replies = new ReplyCollector(socket);
    await redis.stop();

    const clientMessageId = randomUUID();
    const started = Date.now();
    const refused = await socket.timeout(1000).emitWithAck('message:send', { clientMessageId, text: 'anyone?' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    if (refused.ok) throw new Error('unreachable');
    expect(refused.error.retryAfterMs).toBeGreaterThan(0);

    await redis.start();
    const message = await sendUntilAccepted(socket, 'anyone?', clientMessageId);
    await replies.waitForEnd(message.id, 15_000);
  }, 40_000);
});

describe('a send while Postgres refuses connections', () => {
  const proxy = new TcpProxy({ host: '127.0.0.1', port: Number(new URL(DATABASE_URL).port || 5432) });
  let stack: TestStack;

  beforeAll(async () => {
    await proxy.start();
    const url = new URL(DATABASE_URL);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    stack = new TestStack({ label: 'nopg', env: { DATABASE_URL: url.toString() } });
    await stack.start();
  }, 30_000);
  let cut = false;
  afterAll(async () => {
    if (cut) await proxy.start();
    await stack.close();
    await proxy.cut();
  });

  it('answers UNAVAILABLE within a second, then works again', async () => {
    const site = await stack.createSite();
    const { socket } = await stack.connectWidget(site);
    const replies = new ReplyCollector(socket);
    await proxy.cut();
    cut = true;

    const started = Date.now();
    const refused = await socket.timeout(1000).emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'hello?' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });

    await proxy.start();
    cut = false;
    const message = await sendUntilAccepted(socket, 'hello again');
    await replies.waitForEnd(message.id, 15_000);
  }, 40_000);
});

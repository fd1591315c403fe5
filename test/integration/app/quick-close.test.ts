import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { CONVERSATION_NAMESPACES } from '../../../src/contracts/rooms.js';
import { busChannelKey } from '../../../src/realtime/room-publisher.js';
import { TcpProxy } from '../../support/tcp-proxy.js';
import { TestStack } from '../../support/test-app.js';
import { REDIS_URL } from '../../support/test-env.js';

/**
 * An app closed the moment it has started. The Socket.IO Redis adapter subscribes without a catch
 * (fire and forget); had the start not waited for those subscriptions, a close during the
 * subscriber's handshake would send QUIT ahead of them (ioredis lets QUIT through mid-handshake) and
 * they would fail as unhandled "Connection is closed." rejections. Redis 100 ms away (each way) makes
 * that handshake long enough to look inside.
 */
describe('an app closed right after it started', () => {
  const stack = new TestStack({ label: 'quickclose', startApp: false });
  let redis: TcpProxy;
  const appConfig = () => loadConfig({ ...stack.env, REDIS_URL: `redis://127.0.0.1:${redis.port}` });
  beforeAll(async () => {
    const shared = new URL(REDIS_URL);
    redis = await new TcpProxy({ host: shared.hostname, port: Number(shared.port || 6379) }, { latencyMs: 100 }).start();
    await stack.start();
  });
  afterAll(async () => {
    await redis.cut();
    await stack.close();
  });

  it('is subscribed to the room bus in every namespace once it has started', async () => {
    const app = await createApp(appConfig());
    const probe = new Redis(REDIS_URL);
    try {
      const key = busChannelKey(stack.env.REDIS_PREFIX!);
      const channels = ['/', ...CONVERSATION_NAMESPACES].map((namespace) => `${key}-request#${namespace}#`);
      const counts = (await probe.pubsub('NUMSUB', ...channels)) as Array<string | number>;
      expect(counts).toEqual(channels.flatMap((channel) => [channel, 1]));
    } finally {
      probe.disconnect();
      await app.close();
    }
  }, 60_000);

  it('leaves no unhandled rejection behind after serving one request, 20 times over', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      // Redis next door: the window is the few milliseconds of the subscriber's handshake (it was hit
      // in about one round in ten before the start waited for the subscriptions).
      for (let round = 0; round < 20; round++) {
        const app = await createApp(loadConfig(stack.env), { skipMigrations: true });
        // One request first: the few turns of the event loop it takes let lazy connections reach their handshake.
        expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
        await app.close();
        // Node reports a rejection nobody handled once the microtasks of this turn have run.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      process.off('unhandledRejection', record);
    }
    expect(unhandled.map((reason) => (reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)))).toEqual([]);
  }, 60_000);
});

import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { OwnRedis } from './own-redis.js';
import { TcpProxy } from './tcp-proxy.js';
import type { TestStack } from './test-app.js';

/**
 * A gateway and a worker as two apps on a `redis-server` of the test's own: the worker talks to it
 * directly, the gateway through a proxy the test can cut, so the gateway alone can be kept away from
 * Redis. The stack (started with `startApp: false`) gets the gateway as its app: its URL, its close().
 */
export class SplitStack {
  readonly redis = new OwnRedis();
  gatewayRedis!: TcpProxy;
  worker!: App;

  constructor(private readonly stack: TestStack) {}

  async start(): Promise<this> {
    await this.redis.start();
    this.gatewayRedis = await new TcpProxy({ host: '127.0.0.1', port: this.redis.port }).start();
    await this.stack.start();
    const env = { ...this.stack.env, REDIS_URL: this.redis.url };
    this.stack.app = await createApp(
      loadConfig({ ...env, ROLE: 'gateway', REDIS_URL: `redis://127.0.0.1:${this.gatewayRedis.port}` }),
    );
    this.worker = await createApp(loadConfig({ ...env, ROLE: 'worker' }), { skipMigrations: true });
    return this;
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.stack.close();
    await this.gatewayRedis?.cut();
    await this.redis.stop();
  }
}

import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { io as connect, type Socket } from 'socket.io-client';
import { createApp, type App } from '../../src/app.js';
import { REPLY_QUEUE, replyJobId } from '../../src/contracts/jobs.js';
import type { WidgetClientEvents, WidgetServerEvents } from '../../src/contracts/widget-events.js';
import type { SessionPayload } from '../../src/contracts/payloads.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createDatabase, type DatabaseHandle } from '../../src/db/client.js';
import type { SiteRow } from '../../src/db/schema.js';
import { SiteRepository, type NewSite } from '../../src/sites/site.repository.js';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { DATABASE_URL, deleteRedisKeys, dropSchema, REDIS_URL, uniqueNamespace } from './test-env.js';

export type WidgetClient = Socket<WidgetServerEvents, WidgetClientEvents>;

export interface TestStackOptions {
  label: string;
  env?: Record<string, string>;
  simulator?: SimulatorOptions;
  /** Start the gateway+worker app (default true); false to run them as child processes yourself. */
  startApp?: boolean;
}

/**
 * A real stack for one test file: its own Postgres schema and Redis prefix, a DeepSeek simulator over
 * HTTP, and the app (gateway + worker) on a random port. `close()` removes everything it created.
 */
export class TestStack {
  app!: App;
  simulator!: RunningSimulator;
  database!: DatabaseHandle;
  config!: Config;
  env!: Record<string, string>;
  private readonly sockets: WidgetClient[] = [];
  private replyQueue: Queue | undefined;

  readonly namespace: { schema: string; redisPrefix: string };

  constructor(private readonly options: TestStackOptions) {
    this.namespace = uniqueNamespace(options.label);
  }

  async start(): Promise<this> {
    this.simulator = await startSimulator({ firstTokenDelayMs: 5, tokensPerSecond: 2000, ...this.options.simulator });
    this.env = {
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATABASE_URL,
      DATABASE_SCHEMA: this.namespace.schema,
      REDIS_URL,
      REDIS_PREFIX: this.namespace.redisPrefix,
      DEEPSEEK_API_KEY: 'sk-simulator',
      DEEPSEEK_BASE_URL: this.simulator.url,
      SEED_DEMO_SITE: 'false',
      ADMIN_API_TOKEN: 'test-admin-token-0123456789',
      ...this.options.env,
    };
    this.config = loadConfig(this.env);
    this.database = createDatabase({ ...this.config.database, poolSize: 2 });
    if (this.options.startApp !== false) this.app = await createApp(this.config);
    return this;
  }

  get url(): string {
    if (!this.app?.url) throw new Error('the app is not running in this process');
    return this.app.url;
  }

  /** A site with sensible defaults; pass only what the test is about. */
  async createSite(overrides: Partial<NewSite> = {}): Promise<SiteRow> {
    return new SiteRepository(this.database.db).create({
      widgetKey: `key-${randomUUID()}`,
      name: 'Test site',
      allowedOrigins: ['https://shop.example'],
      systemPrompt: 'You are a helpful test assistant.',
      ...overrides,
    });
  }

  /** Connects a widget and resolves with its session, or rejects with the server's refusal. */
  async connectWidget(
    site: Pick<SiteRow, 'widgetKey'>,
    options: {
      origin?: string;
      visitorToken?: string;
      url?: string;
      transport?: 'websocket' | 'polling';
      /** More handshake fields (`user`, `attributes`: what `Switchboard.setUser` / `setAttributes` send). */
      auth?: Record<string, unknown>;
    } = {},
  ): Promise<{ socket: WidgetClient; session: SessionPayload }> {
    const socket: WidgetClient = connect(`${options.url ?? this.url}/widget`, {
      transports: [options.transport ?? 'websocket'],
      auth: { siteKey: site.widgetKey, ...(options.visitorToken ? { visitorToken: options.visitorToken } : {}), ...options.auth },
      extraHeaders: { origin: options.origin ?? 'https://shop.example' },
      reconnection: false,
      forceNew: true,
    });
    this.sockets.push(socket);
    const session = await new Promise<SessionPayload>((resolve, reject) => {
      socket.once('session', resolve);
      socket.once('connect_error', reject);
    });
    return { socket, session };
  }

  /**
   * State of the reply job for a customer message (`undefined`: none was queued). Read from BullMQ
   * itself, so a test can wait for a worker to be done with a job instead of sleeping.
   */
  async replyJobState(messageId: string): Promise<string | undefined> {
    this.replyQueue ??= new Queue(REPLY_QUEUE, { connection: { url: REDIS_URL }, prefix: `${this.namespace.redisPrefix}:bull` });
    const state = await this.replyQueue.getJobState(replyJobId(messageId));
    return state === 'unknown' ? undefined : state;
  }

  /** Resolves once a worker has finished with the message's reply job (completed or failed for good). */
  async replyJobSettled(messageId: string, timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await this.replyJobState(messageId);
      if (state === 'completed' || state === 'failed') return state;
      if (Date.now() > deadline) throw new Error(`reply job for ${messageId} still ${state ?? 'missing'} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.disconnect();
    await this.replyQueue?.close();
    await this.app?.close();
    await this.simulator?.close();
    await this.database?.close();
    await dropSchema(this.namespace.schema);
    await deleteRedisKeys(this.namespace.redisPrefix);
  }
}

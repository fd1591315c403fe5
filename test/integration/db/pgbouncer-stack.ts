import { randomUUID } from 'node:crypto';
import { createDatabase, type DatabaseHandle } from '../../../src/db/client.js';
import { OwnPgBouncer } from '../../support/own-pgbouncer.js';
import { TcpProxy } from '../../support/tcp-proxy.js';
import { TestStack, type WidgetClient } from '../../support/test-app.js';
import { DATABASE_URL } from '../../support/test-env.js';

/** PgBouncer's server connections per database: few, so the app's clients really share them. */
export const SERVER_CONNECTIONS = 3;
export const APP_POOL_SIZE = 10;

/**
 * The app (a TestStack in a schema of its own) behind a PgBouncer of the test's own in transaction mode,
 * with migrations over the direct URL, and a TCP proxy between PgBouncer and Postgres so a test can make
 * Postgres refuse connections. PgBouncer's databases: `app` (the schema's search_path set on every server
 * connection, what a role default would do too), `single` (the same on one server connection) and
 * `plain` (nothing sets the search_path).
 */
export class PgBouncerStack {
  readonly stack: TestStack;
  readonly postgres: TcpProxy;
  bouncer!: OwnPgBouncer;
  // Filled in once PgBouncer's port is known; TestStack reads it at start().
  private readonly env: Record<string, string>;
  private postgresCut = false;

  constructor(label: string, env: Record<string, string> = {}) {
    this.env = {
      DATABASE_POOL_MODE: 'transaction',
      DATABASE_DIRECT_URL: DATABASE_URL,
      DATABASE_POOL_SIZE: String(APP_POOL_SIZE),
      ...env,
    };
    this.stack = new TestStack({ label, env: this.env });
    const upstream = new URL(DATABASE_URL);
    this.postgres = new TcpProxy({ host: upstream.hostname, port: Number(upstream.port || 5432) });
  }

  get schema(): string {
    return this.stack.namespace.schema;
  }

  async start(): Promise<this> {
    const upstream = new URL(DATABASE_URL);
    const dbname = upstream.pathname.slice(1);
    const searchPath = `SET search_path TO "${this.schema}"`;
    await this.postgres.start();
    this.bouncer = new OwnPgBouncer({
      upstream: { host: '127.0.0.1', port: this.postgres.port, user: decodeURIComponent(upstream.username) },
      defaultPoolSize: SERVER_CONNECTIONS,
      // PgBouncer waits this long after a failed server login before it tries again (default 15 s).
      settings: { server_login_retry: 1 },
      databases: {
        app: { dbname, connectQuery: searchPath },
        single: { dbname, connectQuery: searchPath, poolSize: 1 },
        plain: { dbname },
      },
    });
    await this.bouncer.start();
    this.env.DATABASE_URL = this.bouncer.url('app');
    await this.stack.start();
    return this;
  }

  /** A client pool of the test's own through PgBouncer's `database`, set up as the app's is in transaction mode. */
  pooledDatabase(database: 'app' | 'single', poolSize: number): DatabaseHandle {
    return createDatabase({ url: this.bouncer.url(database), schema: this.schema, poolSize, poolMode: 'transaction' });
  }

  async cutPostgres(): Promise<void> {
    await this.postgres.cut();
    this.postgresCut = true;
  }

  async restorePostgres(): Promise<void> {
    await this.postgres.start();
    this.postgresCut = false;
  }

  async close(): Promise<void> {
    if (this.postgresCut) await this.restorePostgres();
    await this.stack.close();
    await this.bouncer?.stop();
    await this.postgres.cut();
  }
}

export async function sendOk(socket: WidgetClient, text: string) {
  const ack = await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text });
  if (!ack.ok) throw new Error(`send refused: ${ack.error.code}`);
  return ack.message;
}

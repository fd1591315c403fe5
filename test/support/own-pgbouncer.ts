import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './own-redis.js';

/** One `[databases]` entry: a name clients connect to, forwarded to a database of the shared Postgres. */
export interface PgBouncerDatabase {
  /** The database on the upstream Postgres. */
  dbname: string;
  /** Run on every new server connection (how a per-install `search_path` reaches a transaction pool). */
  connectQuery?: string;
  /** Server connections for this entry; `defaultPoolSize` when absent. */
  poolSize?: number;
}

export interface OwnPgBouncerOptions {
  /** The upstream Postgres (the shared one). */
  upstream: { host: string; port: number; user: string };
  databases: Record<string, PgBouncerDatabase>;
  /** Server connections per database and user; small, so clients really share them. Default 3. */
  defaultPoolSize?: number;
  /** More `[pgbouncer]` settings (`query_wait_timeout`, ...). */
  settings?: Record<string, string | number>;
}

const BINARY = existsSync('/usr/sbin/pgbouncer') ? '/usr/sbin/pgbouncer' : 'pgbouncer';
/** PgBouncer refuses to run as root ("PgBouncer should not run as root"); `-u` makes it drop to this user. */
const UNPRIVILEGED_USER = 'nobody';

/**
 * A PgBouncer of the test's own, in transaction mode, on a free port in front of the shared Postgres,
 * with its config, log and pid file in a temporary directory. `stop()` kills it and removes the directory.
 */
export class OwnPgBouncer {
  private child: ChildProcess | undefined;
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'own-pgbouncer-'));
  port = 0;

  constructor(private readonly options: OwnPgBouncerOptions) {}

  /** A client URL for one of the configured databases. */
  url(database: string): string {
    return `postgres://${this.options.upstream.user}@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<this> {
    this.port = await freePort();
    // trust still wants every user named in the auth file.
    writeFileSync(this.file('users.txt'), `"${this.options.upstream.user}" ""\n`);
    this.writeConfig();
    const asRoot = process.getuid?.() === 0;
    // The unprivileged user writes the log and pid file here.
    if (asRoot) chmodSync(this.dir, 0o777);
    const args = [...(asRoot ? ['-u', UNPRIVILEGED_USER] : []), this.file('pgbouncer.ini')];
    const child = spawn(BINARY, args, { stdio: 'ignore' });
    this.child = child;
    const exited = new Promise<never>((_, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`pgbouncer exited (${code}): ${this.log().slice(-500)}`)));
    });
    exited.catch(() => undefined);
    await Promise.race([this.waitUntilAnswering(), exited]);
    return this;
  }

  /** Changes `[pgbouncer]` settings of the running PgBouncer (rewrites its file, then `RELOAD`). */
  async reconfigure(settings: Record<string, string | number>): Promise<void> {
    this.options.settings = { ...this.options.settings, ...settings };
    this.writeConfig();
    await this.admin('RELOAD');
  }

  /** A command on PgBouncer's admin console (`SHOW SERVERS`, ...); it speaks the simple protocol only. */
  async admin<T extends object>(command: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.url('pgbouncer') });
    await client.connect();
    try {
      return (await client.query<T>(command)).rows;
    } finally {
      await client.end();
    }
  }

  log(): string {
    return existsSync(this.file('pgbouncer.log')) ? readFileSync(this.file('pgbouncer.log'), 'utf8') : '';
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private writeConfig(): void {
    const { upstream } = this.options;
    const databases = Object.entries(this.options.databases).map(([name, entry]) => {
      const settings = [`host=${upstream.host}`, `port=${upstream.port}`, `dbname=${entry.dbname}`];
      if (entry.poolSize !== undefined) settings.push(`pool_size=${entry.poolSize}`);
      if (entry.connectQuery !== undefined) settings.push(`connect_query='${entry.connectQuery.replaceAll("'", "''")}'`);
      return `${name} = ${settings.join(' ')}`;
    });
    const ini = [
      '[databases]',
      ...databases,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${this.port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${this.file('users.txt')}`,
      `admin_users = ${upstream.user}`,
      'pool_mode = transaction',
      `default_pool_size = ${this.options.defaultPoolSize ?? 3}`,
      'max_client_conn = 200',
      `logfile = ${this.file('pgbouncer.log')}`,
      `pidfile = ${this.file('pgbouncer.pid')}`,
      ...Object.entries(this.options.settings ?? {}).map(([key, value]) => `${key} = ${value}`),
    ];
    writeFileSync(this.file('pgbouncer.ini'), `${ini.join('\n')}\n`);
  }

  private file(name: string): string {
    return path.join(this.dir, name);
  }

  private async waitUntilAnswering(): Promise<void> {
    const deadline = Date.now() + 5000;
    for (;;) {
      try {
        await this.admin('SHOW VERSION');
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(`pgbouncer on ${this.port} did not answer: ${(error as Error).message}`, { cause: error });
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }
}

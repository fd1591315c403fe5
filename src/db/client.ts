import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema.js';

export type Database = NodePgDatabase<typeof schema>;

/**
 * `session`: every pool connection is a session of its own (PostgreSQL itself, or PgBouncer in session
 * mode). `transaction`: a transaction pooler hands each transaction whichever server connection is free,
 * so no session state (startup parameters, named prepared statements, session locks) can be relied on.
 */
export type DatabasePoolMode = 'session' | 'transaction';

export interface DatabaseOptions {
  url: string;
  schema: string;
  poolSize: number;
  /** Default `session`. */
  poolMode?: DatabasePoolMode;
}

export interface DatabaseHandle {
  db: Database;
  pool: pg.Pool;
  schema: string;
  poolMode: DatabasePoolMode;
  /** Whether a named prepared statement stays on the connection that prepared it (session pooling only). */
  namedStatements: boolean;
  close(): Promise<void>;
}

/**
 * One pool per process. In session mode every connection gets `search_path` set to the configured
 * schema as a startup option, so tests (and multi-tenant installs) can keep their tables in a schema of
 * their own. A transaction pooler refuses that option (PgBouncer: "unsupported startup parameter"), so in
 * transaction mode the server connections must already resolve the schema (`checkPooledSchema`).
 */
export function createDatabase(options: DatabaseOptions): DatabaseHandle {
  const poolMode = options.poolMode ?? 'session';
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    ...(poolMode === 'session' ? { options: `-c search_path=${options.schema}` } : {}),
    idleTimeoutMillis: 30_000,
    // A database that does not answer fails the query instead of holding it (and the caller) forever.
    connectionTimeoutMillis: 5_000,
  });
  // An idle client losing its connection emits on the pool; without a listener that would crash the process.
  pool.on('error', () => undefined);
  const db = drizzle(pool, { schema });
  return {
    db,
    pool,
    schema: options.schema,
    poolMode,
    namedStatements: poolMode === 'session',
    close: () => pool.end(),
  };
}

/**
 * Behind a transaction pooler the tables are found through the server connections' own `search_path`
 * (the role's or database's default, or the pooler's `connect_query`). Refuses to go on when it does not
 * lead to the configured schema, instead of failing later on every query with "relation does not exist".
 */
export async function checkPooledSchema(database: DatabaseHandle): Promise<void> {
  if (database.poolMode === 'session') return;
  const { rows } = await database.pool.query<{ schema: string | null }>('SELECT current_schema() AS schema');
  const found = rows[0]?.schema ?? null;
  if (found === database.schema) return;
  throw new Error(
    `DATABASE_POOL_MODE=transaction: the pooled connections' search_path leads to ${found === null ? 'no schema' : `"${found}"`}, ` +
      `not DATABASE_SCHEMA "${database.schema}". A transaction pooler cannot carry a per-client search_path: ` +
      `set it where every server connection gets it (ALTER ROLE <user> SET search_path = ${database.schema}, ` +
      `or PgBouncer's connect_query), or keep the tables in "public" (docs/deploy.md, "PgBouncer").`,
  );
}

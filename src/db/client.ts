import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema.js';

export type Database = NodePgDatabase<typeof schema>;

export interface DatabaseHandle {
  db: Database;
  pool: pg.Pool;
  schema: string;
  close(): Promise<void>;
}

/**
 * One pool per process. Every connection gets `search_path` set to the configured schema, so tests (and
 * multi-tenant installs) can keep their tables in a schema of their own.
 */
export function createDatabase(options: { url: string; schema: string; poolSize: number }): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    options: `-c search_path=${options.schema}`,
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
    close: () => pool.end(),
  };
}

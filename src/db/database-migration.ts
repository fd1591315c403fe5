import { createDatabase, type DatabaseHandle } from './client.js';
import { migrate } from './migrator.js';

/**
 * Runs the migrations over a connection that keeps its session, because the migrator holds a
 * session-level advisory lock across its statements: the app's own pool in session mode; behind a
 * transaction pooler, a one-connection pool to PostgreSQL itself (`DATABASE_DIRECT_URL`), closed after.
 */
export async function migrateDatabase(database: DatabaseHandle, directUrl: string | undefined): Promise<string[]> {
  if (database.poolMode === 'session') return migrate(database.pool, database.schema);
  if (!directUrl) {
    throw new Error('DATABASE_POOL_MODE=transaction: migrations need DATABASE_DIRECT_URL (PostgreSQL itself, not the pooler)');
  }
  const direct = createDatabase({ url: directUrl, schema: database.schema, poolSize: 1 });
  try {
    return await migrate(direct.pool, database.schema);
  } finally {
    await direct.close();
  }
}

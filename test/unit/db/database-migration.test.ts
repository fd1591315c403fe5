import { describe, expect, it } from 'vitest';
import { createDatabase } from '../../../src/db/client.js';
import { migrateDatabase } from '../../../src/db/database-migration.js';

describe('migrateDatabase', () => {
  it('refuses to migrate through a transaction pooler without a direct URL, before connecting anywhere', async () => {
    // Port 1: nothing listens there, so a connection attempt would fail differently.
    const database = createDatabase({
      url: 'postgres://root@127.0.0.1:1/test',
      schema: 'public',
      poolSize: 1,
      poolMode: 'transaction',
    });
    try {
      await expect(migrateDatabase(database, undefined)).rejects.toThrow(/migrations need DATABASE_DIRECT_URL/);
      expect(database.pool.totalCount).toBe(0);
    } finally {
      await database.close();
    }
  });
});

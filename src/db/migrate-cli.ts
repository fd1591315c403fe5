import { loadConfig, readEnvFile } from '../config.js';
import { createDatabase } from './client.js';
import { migrateDatabase } from './database-migration.js';

readEnvFile();
const config = loadConfig();
const database = createDatabase({ ...config.database, poolSize: 1 });
try {
  const applied = await migrateDatabase(database, config.database.directUrl);
  console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database is up to date.');
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await database.close();
}

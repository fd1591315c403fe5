import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const app = await createApp(config);
if (config.security.visitorTokenSecretIsDefault) {
  app.logger.warn('VISITOR_TOKEN_SECRET is not set: using a development secret; set one before going live');
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  app.logger.info({ signal }, 'shutting down');
  const deadline = setTimeout(() => {
    app.logger.error('shutdown took too long; exiting');
    process.exit(1);
  }, config!.shutdownTimeoutMs);
  deadline.unref();
  await app.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

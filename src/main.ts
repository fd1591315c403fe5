import { createApp, type App } from './app.js';
import { ConfigError, loadConfig, readEnvFile, type Config } from './config.js';

let config: Config;
try {
  readEnvFile();
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

// Handlers go in before start-up, so a SIGTERM during start-up still closes what was opened.
const starting: Promise<App> = createApp(config);
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  const deadline = setTimeout(() => {
    console.error('shutdown took too long; exiting');
    process.exit(1);
  }, config.shutdownTimeoutMs);
  deadline.unref();
  const app = await starting.catch(() => undefined);
  app?.logger.info({ signal }, 'shutting down');
  await app?.close();
  process.exit(app ? 0 : 1);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

const app = await starting.catch((error: unknown) => {
  console.error('Switchboard failed to start:', (error as Error).message);
  process.exit(1);
});
if (config.security.visitorTokenSecretIsDefault) {
  app.logger.warn('VISITOR_TOKEN_SECRET is not set: using a development secret; set one before going live');
}
if (config.agents.sessionSecretIsDefault && config.role !== 'worker') {
  app.logger.warn(
    'AGENT_SESSION_SECRET is not set: agent sessions are signed with a development secret; set one before going live',
  );
}
if (config.env === 'production' && !config.llm.apiKey) {
  // Production without a key is almost always a deployment mistake: customers would get canned text.
  app.logger.error(
    'DEEPSEEK_API_KEY is NOT SET in production: every reply comes from the bundled simulator, not DeepSeek. Set DEEPSEEK_API_KEY.',
  );
}
if (config.env === 'production' && !config.security.metricsToken) {
  app.logger.warn('METRICS_TOKEN is not set: /metrics is off in production; set it to scrape with a bearer token');
}

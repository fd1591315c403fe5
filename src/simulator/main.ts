// CLI entry for `npm run simulator`. The one simulator file that reads process.env: the simulator is a
// dev/test tool with its own SIMULATOR_* variables, outside the service's config.
import pino from 'pino';
import { z } from 'zod';
import { parseFaultSpec } from './fault-spec.js';
import { startSimulator } from './index.js';

const envSchema = z.object({
  SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  SIMULATOR_HOST: z.string().min(1).default('127.0.0.1'),
  SIMULATOR_API_KEY: z.string().min(1).default('sk-simulator'),
  SIMULATOR_FIRST_TOKEN_MS: z.coerce.number().int().min(0).default(200),
  SIMULATOR_TOKENS_PER_SECOND: z.coerce.number().positive().default(50),
  SIMULATOR_REPLY_TOKENS: z.coerce.number().int().min(0).default(60),
  SIMULATOR_FAULT: z
    .string()
    .optional()
    .superRefine((spec, context) => {
      try {
        if (spec) parseFaultSpec(spec);
      } catch (error) {
        context.addIssue({ code: 'custom', message: `${(error as Error).message} (see docs/simulator.md)` });
      }
    }),
});

const logger = pino({ name: 'simulator' });
const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  console.error(`simulator: invalid environment\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
const env = parsed.data;

const simulator = await startSimulator({
  port: env.SIMULATOR_PORT,
  host: env.SIMULATOR_HOST,
  apiKey: env.SIMULATOR_API_KEY,
  firstTokenDelayMs: env.SIMULATOR_FIRST_TOKEN_MS,
  tokensPerSecond: env.SIMULATOR_TOKENS_PER_SECOND,
  replyTokens: env.SIMULATOR_REPLY_TOKENS,
  ...(env.SIMULATOR_FAULT ? { fault: env.SIMULATOR_FAULT } : {}),
  logger,
}).catch((error: unknown) => {
  logger.error({ err: error }, 'simulator: could not start');
  process.exit(1);
});
logger.info({ url: simulator.url, fault: env.SIMULATOR_FAULT ?? null }, 'DeepSeek simulator ready');

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  logger.info({ signal }, 'simulator: shutting down');
  await simulator.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

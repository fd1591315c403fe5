import { parseArgs } from 'node:util';
import { agentRoleSchema } from '../contracts/enums.js';
import { agentPasswordFromEnv, ConfigError, loadConfig, readEnvFile } from '../config.js';
import { checkPooledSchema, createDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/database-migration.js';
import { isAppError } from '../errors/app-error.js';
import { toAppError } from '../errors/error-mapping.js';
import { ZodError } from 'zod';
import { SiteRepository } from '../sites/site.repository.js';
import { AgentAccountService } from './agent-account.service.js';
import { AgentRepository } from './agent.repository.js';
import { AgentSessionRepository } from './agent-session.repository.js';
import { PasswordHasher } from './password-hasher.js';

/**
 * `npm run agent:create -- --email a@b.c --name Lin --role admin [--password ...] [--site <id|widget key>]...`
 *
 * Applies pending migrations, then creates the account. The password comes from `--password`, else
 * `AGENT_PASSWORD`, else a hidden prompt on a terminal. It is never printed.
 */
const USAGE =
  'Usage: npm run agent:create -- --email <address> --name <name> [--role admin|agent] [--password <password>] [--site <site id or widget key>]...\n' +
  'Without --password the password is read from AGENT_PASSWORD, or asked for on a terminal.';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string', default: 'agent' },
        password: { type: 'string' },
        site: { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const role = agentRoleSchema.safeParse(args.role);
  if (!args.email || !args.name || !role.success) {
    console.error(USAGE);
    return 2;
  }
  readEnvFile();
  const password = args.password ?? agentPasswordFromEnv() ?? (await askPassword());
  if (!password) {
    console.error('No password: pass --password, set AGENT_PASSWORD, or run on a terminal to be asked.');
    return 2;
  }

  const config = loadConfig();
  const database = createDatabase({ ...config.database, poolSize: 1 });
  try {
    await migrateDatabase(database, config.database.directUrl);
    await checkPooledSchema(database);
    const siteIds = await resolveSites(new SiteRepository(database.db), args.site);
    const agents = new AgentRepository(database.db);
    const accounts = new AgentAccountService({
      agents,
      sessions: new AgentSessionRepository(database.db),
      hasher: new PasswordHasher(),
    });
    const agent = await accounts.create({ name: args.name, email: args.email, password, role: role.data, siteIds });
    console.log(
      `Created ${agent.role} ${agent.name} <${agent.email}> (id ${agent.id}); sites: ${siteIds.length ? siteIds.join(', ') : 'none yet'}.`,
    );
    return 0;
  } catch (error) {
    const known =
      isAppError(error) || error instanceof ConfigError ? error : error instanceof ZodError ? toAppError(error) : undefined;
    console.error(known ? known.message : `Failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await database.close();
  }
}

async function resolveSites(sites: SiteRepository, references: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const reference of references) {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(reference);
    const site = (uuid ? await sites.findById(reference) : undefined) ?? (await sites.findByWidgetKey(reference));
    if (!site) throw new Error(`No site with id or widget key "${reference}".`);
    ids.push(site.id);
  }
  return ids;
}

/** Asks twice without echoing; undefined when stdin is not a terminal. */
async function askPassword(): Promise<string | undefined> {
  if (!process.stdin.isTTY) return undefined;
  const first = await readHidden('Password: ');
  const second = await readHidden('Repeat password: ');
  if (first !== second) {
    console.error('The passwords differ.');
    return undefined;
  }
  return first;
}

function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stdout.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write('\n');
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          done();
          resolve(value);
          return;
        }
        if (char === '\u0003') {
          done();
          reject(new Error('cancelled'));
          return;
        }
        value = char === '\u007f' || char === '\b' ? value.slice(0, -1) : value + char;
      }
    };
    stdin.on('data', onData);
  });
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Failed: ${(error as Error).message}`);
  process.exitCode = 1;
}

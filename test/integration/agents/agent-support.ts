import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { AgentAccountService } from '../../../src/agents/agent-account.service.js';
import { AgentRepository } from '../../../src/agents/agent.repository.js';
import { AgentSessionRepository } from '../../../src/agents/agent-session.repository.js';
import { PasswordHasher } from '../../../src/agents/password-hasher.js';
import type { AgentRole } from '../../../src/contracts/enums.js';
import type { TestStack } from '../../support/test-app.js';

/** A session secret the tests know, so they can sign tokens the server would accept (or almost). */
export const TEST_SESSION_SECRET = 'integration-test-agent-session-secret-0123456789';

export function accountsOf(stack: TestStack): AgentAccountService {
  const agents = new AgentRepository(stack.database.db);
  return new AgentAccountService({
    agents,
    sessions: new AgentSessionRepository(stack.database.db),
    hasher: new PasswordHasher(),
  });
}

/** An account of its own for one test: a fresh e-mail address, a known password. */
export async function createAgent(
  stack: TestStack,
  options: { role?: AgentRole; siteIds?: string[]; name?: string } = {},
): Promise<{ id: string; email: string; password: string }> {
  const email = `agent-${randomUUID()}@example.com`;
  const password = `pw-${randomUUID()}`;
  const agent = await accountsOf(stack).create({
    name: options.name ?? 'Lin',
    email,
    password,
    role: options.role ?? 'agent',
    siteIds: options.siteIds ?? [],
  });
  return { id: agent.id, email, password };
}

export interface HttpResult {
  status: number;
  headers: Headers;
  json: any;
  /** `Set-Cookie` lines by cookie name. */
  setCookies: Map<string, string>;
}

/** One HTTP call to the app, with optional bearer token, cookies and CSRF header. */
export async function call(
  stack: TestStack,
  method: string,
  path: string,
  options: { body?: unknown; bearer?: string; cookies?: Record<string, string>; csrf?: string } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  if (options.cookies) {
    headers.cookie = Object.entries(options.cookies)
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
      .join('; ');
  }
  if (options.csrf !== undefined) headers['x-csrf-token'] = options.csrf;
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  const setCookies = new Map(response.headers.getSetCookie().map((line) => [line.slice(0, line.indexOf('=')), line]));
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined, setCookies };
}

export function login(stack: TestStack, email: string, password: string): Promise<HttpResult> {
  return call(stack, 'POST', '/api/auth/login', { body: { email, password } });
}

/** Runs `npm run agent:create -- ...args` against the stack's schema; resolves with its exit code and output. */
export function runAgentCreate(
  stack: TestStack,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  const child = spawn('npm', ['run', '-s', 'agent:create', '--', ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: stack.env.DATABASE_URL!,
      DATABASE_SCHEMA: stack.env.DATABASE_SCHEMA!,
      ENV_FILE: '/dev/null',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr.on('data', (data: Buffer) => (output += data.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

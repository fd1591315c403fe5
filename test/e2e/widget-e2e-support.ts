import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AgentAccountService } from '../../src/agents/agent-account.service.js';
import { AgentRepository } from '../../src/agents/agent.repository.js';
import { AgentSessionRepository } from '../../src/agents/agent-session.repository.js';
import { PasswordHasher } from '../../src/agents/password-hasher.js';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { sessionResponseSchema } from '../../src/contracts/auth.js';
import { createDatabase, type Database } from '../../src/db/client.js';
import type { SiteRow } from '../../src/db/schema.js';
import { SiteRepository, type NewSite } from '../../src/sites/site.repository.js';
import { parseMarkdown, plainText, type MdBlock } from '../../widget/src/markdown/markdown-tree.js';
import { connectAgent, type AgentClient } from '../integration/agents/agent-socket-support.js';
import { DATABASE_URL, deleteRedisKeys, dropSchema, uniqueNamespace } from '../support/test-env.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
export const AXE_SCRIPT = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`[e2e] SKIPPED: ${CHROMIUM} is missing (install Debian's "chromium" package to run the widget e2e tests).`);

/** Playwright's CSS engine pierces open shadow roots, so these reach inside the widget. */
export const SEL = {
  launcher: 'button.launcher',
  panel: '#sb-panel',
  title: '#sb-title',
  input: 'textarea#sb-input',
  send: 'button.send',
  botReply: '.msg.bot:not(.greeting):not(.streaming) .bubble',
  customer: '.msg.customer .bubble',
  notes: '.note',
  pill: 'button.pill',
  log: 'ol.log',
} as const;

export interface E2eStack {
  app: App;
  /** The app's Postgres schema (tests that create rows of their own, such as agent accounts). */
  schema: string;
  browser: Browser;
  /** A customer's web server on another port (another origin), serving pages set with `pages.set`. */
  host: { url: string; pages: Map<string, string> };
  close(): Promise<void>;
}

/** The real app (Postgres, Redis, the simulator) on its own schema and Redis prefix, and Chromium. */
export async function startStack(env: Record<string, string> = {}): Promise<E2eStack> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const { schema, redisPrefix } = uniqueNamespace('e2e');
  const { DEEPSEEK_API_KEY: _ignored, ...processEnv } = process.env;
  const app = await createApp(
    loadConfig({
      ...processEnv,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_SCHEMA: schema,
      REDIS_PREFIX: redisPrefix,
      LOG_LEVEL: 'silent',
      SIMULATOR_FIRST_TOKEN_MS: '50',
      SIMULATOR_TOKENS_PER_SECOND: '200',
      ...env,
    }),
  );
  const browser = await launchChromium();
  const host = await startHostServer();
  return {
    app,
    schema,
    browser,
    host,
    async close() {
      await host.close();
      await browser.close();
      await app.close();
      await dropSchema(schema);
      await deleteRedisKeys(redisPrefix);
    },
  };
}

/** Debian's Chromium, headless, without the background traffic that would slow a loaded machine. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A customer's web server on a port of its own (another origin), serving pages set with `pages.set`. */
export async function startHostServer(): Promise<E2eStack['host'] & { close(): Promise<void> }> {
  const pages = new Map<string, string>();
  const server = createServer((request, response) => {
    const html = pages.get(new URL(request.url ?? '/', 'http://host').pathname);
    response.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(html ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    pages,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface HostPageOptions {
  /** Base URL of the chat server the tag points to. */
  server: string;
  siteKey?: string;
  lang?: string;
  /** Inline script run before the widget's tag (e.g. `window.SwitchboardSettings = ...`). */
  before?: string;
  style?: string;
  body?: string;
}

/** A customer's page embedding the widget with the one tag. */
export function hostPage(options: HostPageOptions): string {
  return `<!doctype html><html lang="${options.lang ?? 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>Host page</title>
<style>${options.style ?? 'body{font:16px system-ui;margin:40px}'}</style>
${options.before ? `<script>${options.before}</script>` : ''}
</head><body><main><h1>A customer's page</h1><p>Some content of the host page.</p>${options.body ?? ''}</main>
<script src="${options.server}/widget.js" data-site-key="${options.siteKey ?? 'demo-site-key'}" async></script></body></html>`;
}

/** Serves `html` at `path` on the customer's server and returns its URL. */
export function servePage(stack: Pick<E2eStack, 'host'>, path: string, html: string): string {
  stack.host.pages.set(path, html);
  return `${stack.host.url}${path}`;
}

/** The operator token of the stacks whose tests call the admin API (`startStack({ ADMIN_API_TOKEN: E2E_ADMIN_TOKEN })`). */
export const E2E_ADMIN_TOKEN = 'e2e-admin-token-0123456789';

/** One admin API call with the operator token; its JSON answer, or an error naming the status. */
export async function operator<T>(stack: Pick<E2eStack, 'app'>, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${stack.app.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A site of the test's own, "Tea House" on any origin with a widget key of its own, with `overrides`. */
export function createTeaSite(db: Database, overrides: Partial<NewSite> = {}): Promise<SiteRow> {
  return new SiteRepository(db).create({
    widgetKey: `key-${randomUUID()}`,
    name: 'Tea House',
    allowedOrigins: ['*'],
    systemPrompt: 'You answer questions about tea.',
    ...overrides,
  });
}

/** An agent "Lin" of the site (the demo site's when none is named), signed in over HTTP and connected on `/agent`. */
export async function connectSiteAgent(stack: Pick<E2eStack, 'app' | 'schema'>, siteId?: string): Promise<AgentClient> {
  const password = `pw-${randomUUID()}`;
  const email = `lin-${randomUUID()}@example.com`;
  const database = createDatabase({ url: DATABASE_URL, schema: stack.schema, poolSize: 1 });
  try {
    const demo = async () =>
      (await database.pool.query<{ id: string }>("SELECT id FROM sites WHERE widget_key = 'demo-site-key'")).rows[0]!.id;
    await new AgentAccountService({
      agents: new AgentRepository(database.db),
      sessions: new AgentSessionRepository(database.db),
      hasher: new PasswordHasher(),
    }).create({ name: 'Lin', email, password, role: 'agent', siteIds: [siteId ?? (await demo())] });
  } finally {
    await database.close();
  }
  const login = await fetch(`${stack.app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const { token } = sessionResponseSchema.parse(await login.json());
  return connectAgent(stack.app.url, token);
}

/** Signs in to the console at `url` (the gateway) and waits for its top bar. */
export async function signIn(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(`${url}/console`);
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(password);
  await page.locator('form.login button[type=submit]').click();
  await page.locator('.topbar').waitFor();
}

export async function openPanel(page: Page): Promise<void> {
  if ((await page.locator(SEL.launcher).getAttribute('aria-expanded')) !== 'true') await page.locator(SEL.launcher).click();
  await page.locator(SEL.input).waitFor({ state: 'visible' });
}

export async function ask(page: Page, text: string): Promise<void> {
  await page.locator(SEL.input).fill(text);
  await page.locator(SEL.input).press('Enter');
}

/** The text a bubble shows for this Markdown (`textContent`: no separators between blocks, none for a br). */
export function renderedText(markdown: string): string {
  const block = (node: MdBlock): string => {
    switch (node.kind) {
      case 'code':
        return node.text;
      case 'rule':
        return '';
      case 'list':
        return node.items.map((item) => item.map(block).join('')).join('');
      case 'quote':
        return node.children.map(block).join('');
      default:
        return node.children.map((child) => (child.kind === 'br' ? '' : plainText(child))).join('');
    }
  };
  return parseMarkdown(markdown).map(block).join('');
}

/** axe-core's serious and critical violations inside the widget (its shadow root included). */
export async function axeViolations(page: Page): Promise<Array<{ id: string; impact: string; nodes: string[] }>> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SCRIPT });
  // Mid-animation (the panel fades in) colours are blended and contrast is misjudged: let them end.
  await page.evaluate(() =>
    Promise.all(
      document
        .getElementById('switchboard-widget')!
        .shadowRoot!.getAnimations()
        .map((animation) => animation.finished),
    ),
  );
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: unknown,
            options: unknown,
          ): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }>;
        };
      }
    ).axe;
    const result = await axe.run({ include: [['#switchboard-widget']] }, { resultTypes: ['violations'] });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        nodes: violation.nodes.map((node) => JSON.stringify(node.target)),
      }));
  });
}

/**
 * axe-core's serious and critical violations on the whole page, one line each (the console's). Its CSP
 * allows no inline or foreign script, so axe is evaluated as the test's own code.
 */
export async function pageAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(await readFile(AXE_SCRIPT, 'utf8'));
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }> };
      }
    ).axe;
    const result = await axe.run();
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).join(' ')}`);
  });
}

/** Distance in px between the message list's scroll position and its end. */
export async function distanceFromBottom(page: Page): Promise<number> {
  return page.locator(SEL.log).evaluate((list) => list.scrollHeight - list.scrollTop - list.clientHeight);
}

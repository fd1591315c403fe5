import type { IntegrationScope } from '../../../src/contracts/integration-auth.js';
import type { TestStack } from '../../support/test-app.js';
import { ADMIN_TOKEN } from '../bot/llm-support.js';

export interface ApiResult {
  status: number;
  headers: Headers;
  json: any;
}

async function read(response: Response): Promise<ApiResult> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

/** One JSON call to the app with an optional bearer token and extra headers. */
export async function api(
  stack: TestStack,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<ApiResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return read(await fetch(`${stack.url}${path}`, { method, headers, body }));
}

/** A client of the site, made over the admin API with the bootstrap token. */
export async function createClient(
  stack: TestStack,
  siteId: string,
  options: { scopes?: IntegrationScope[]; ipAllowlist?: string[] } = {},
): Promise<{ id: string; clientId: string; clientSecret: string }> {
  const created = await api(stack, 'POST', `/api/v1/sites/${siteId}/integration-clients`, {
    token: ADMIN_TOKEN,
    body: {
      name: 'Helpdesk',
      scopes: options.scopes ?? ['conversations:read', 'conversations:write', 'messages:write'],
      ipAllowlist: options.ipAllowlist ?? [],
    },
  });
  if (created.status !== 201) throw new Error(`client not created: ${created.status} ${JSON.stringify(created.json)}`);
  return { id: created.json.client.id, clientId: created.json.client.clientId, clientSecret: created.json.clientSecret };
}

/** `POST /oauth/token`, client_secret_post unless `basic`. */
export async function requestToken(
  stack: TestStack,
  client: { clientId: string; clientSecret: string },
  options: { scope?: string; basic?: boolean; grantType?: string } = {},
): Promise<ApiResult> {
  const form = new URLSearchParams({ grant_type: options.grantType ?? 'client_credentials' });
  if (options.scope) form.set('scope', options.scope);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (options.basic) {
    const pair = `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
  } else {
    form.set('client_id', client.clientId);
    form.set('client_secret', client.clientSecret);
  }
  return read(await fetch(`${stack.url}/oauth/token`, { method: 'POST', headers, body: form.toString() }));
}

/** A client and a live access token with the given scopes. */
export async function integrationToken(
  stack: TestStack,
  siteId: string,
  scopes: IntegrationScope[] = ['conversations:read', 'conversations:write', 'messages:write'],
): Promise<string> {
  const client = await createClient(stack, siteId, { scopes });
  const issued = await requestToken(stack, client);
  if (issued.status !== 200) throw new Error(`no token: ${issued.status} ${JSON.stringify(issued.json)}`);
  return issued.json.access_token as string;
}

/** Polls `check` until it returns true (a positive signal), failing after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

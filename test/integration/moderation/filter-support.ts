import { randomUUID } from 'node:crypto';
import type { StoredMessage } from '../../../src/contracts/payloads.js';
import type { TestStack, WidgetClient } from '../../support/test-app.js';

export const ADMIN = { authorization: 'Bearer test-admin-token-0123456789' };

/** Calls the admin REST API of `baseUrl` (the stack's own app unless given). */
export async function api(
  stack: TestStack,
  method: string,
  path: string,
  body?: unknown,
  options: { baseUrl?: string; contentType?: string } = {},
): Promise<{ status: number; type: string; json: any; text: string }> {
  const init: RequestInit = { method, headers: { ...ADMIN } };
  if (body !== undefined) {
    const contentType = options.contentType ?? (typeof body === 'string' ? 'text/plain' : 'application/json');
    init.headers = { ...ADMIN, 'content-type': contentType };
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(`${options.baseUrl ?? stack.url}/api/v1${path}`, init);
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, type, text, json: type.includes('json') && text ? JSON.parse(text) : undefined };
}

export async function addWord(stack: TestStack, list: string, word: string, category: string, baseUrl?: string) {
  const response = await api(stack, 'POST', `/sites/${list}/words`, { word, category }, { baseUrl });
  if (response.status !== 201) throw new Error(`adding ${word}: ${response.status} ${response.text}`);
  return response.json.word as { id: string; word: string };
}

export async function send(socket: WidgetClient, text: string) {
  return socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text });
}

export async function sendOk(socket: WidgetClient, text: string): Promise<StoredMessage> {
  const ack = await send(socket, text);
  if (!ack.ok) throw new Error(`send failed: ${ack.error.code} ${ack.error.message}`);
  return ack.message;
}

/** Percent-encodes every character, so a simulator marker never contains the word it carries. */
export function encodeAll(text: string): string {
  return [...new TextEncoder().encode(text)].map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`).join('');
}

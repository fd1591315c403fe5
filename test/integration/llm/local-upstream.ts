import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A throwaway HTTP server for client tests that need precise control over bytes on the wire. */
export interface LocalUpstream {
  url: string;
  requests: Array<{ headers: http.IncomingHttpHeaders; body: Record<string, unknown> }>;
  closedConnections: () => number;
  close: () => Promise<void>;
}

export async function startLocalUpstream(
  handler: (request: http.IncomingMessage, response: http.ServerResponse, body: Record<string, unknown>) => void,
): Promise<LocalUpstream> {
  const requests: LocalUpstream['requests'] = [];
  let closed = 0;
  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      requests.push({ headers: request.headers, body });
      response.on('close', () => closed++);
      handler(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    closedConnections: () => closed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function chunk(delta: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', model: 'deepseek-chat', choices: [{ index: 0, delta, finish_reason: null }], ...extra })}\n\n`;
}

export function finalChunk(
  usage = { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7, prompt_cache_hit_tokens: 1, prompt_cache_miss_tokens: 4 },
): string {
  return `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', model: 'deepseek-chat', choices: [{ index: 0, delta: { content: '' }, finish_reason: 'stop' }], usage })}\n\ndata: [DONE]\n\n`;
}

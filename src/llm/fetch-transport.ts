import type { UpstreamResponse, UpstreamTransport } from './upstream-transport.js';

/** A transport over a `fetch` implementation (tests script responses with one). */
export function fetchTransport(fetchImpl: typeof fetch): UpstreamTransport {
  return async (url, request) => {
    const response = await fetchImpl(url, request);
    const body = response.body;
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    return {
      status: response.status,
      headers: response.headers,
      pieces: async function* () {
        if (!body) return;
        reader = body.getReader();
        const decoder = new TextDecoder();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          yield decoder.decode(value, { stream: true });
        }
        const rest = decoder.decode();
        if (rest) yield rest;
      },
      text: () => response.text(),
      cancel: () => void (reader ?? body)?.cancel().catch(() => undefined),
    } satisfies UpstreamResponse;
  };
}

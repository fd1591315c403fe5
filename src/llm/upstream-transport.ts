/** What the DeepSeek client needs of one HTTP exchange, whatever carries it (`node:http` or `fetch`). */
export interface UpstreamRequest {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  /** Aborting it closes the connection at once, before or after the response has started. */
  signal: AbortSignal;
}

export interface UpstreamResponse {
  status: number;
  headers: Pick<Headers, 'get'>;
  /** The body as text, piece by piece as it arrives. Throws when the connection breaks. */
  pieces(): AsyncIterable<string>;
  /** The whole body as text (error bodies). */
  text(): Promise<string>;
  /** Stops reading; a body not read to its end closes the connection. */
  cancel(): void;
}

/** Sends one request and resolves once the response's status and headers are in. */
export type UpstreamTransport = (url: string, request: UpstreamRequest) => Promise<UpstreamResponse>;

import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPublicAddress } from './address-policy.js';

/** What one HTTP attempt came to. `statusCode` is absent when no response arrived. */
export interface SendResult {
  statusCode?: number;
  latencyMs: number;
  /** At most `maxResponseBytes` of the body, as text. */
  responseExcerpt?: string;
  error?: string;
  /** From `Retry-After` (seconds or an HTTP date), when the response had one. */
  retryAfterMs?: number;
  /** The URL or its address was refused before connecting (SSRF policy, scheme): retrying will not help. */
  refused?: boolean;
}

export interface WebhookHttpSenderOptions {
  /** Allow loopback, private and link-local addresses (tests, a receiver on the same network). */
  allowPrivate: boolean;
  /** Allow `http:` URLs (development); otherwise only `https:`. */
  allowHttp: boolean;
  timeoutMs: number;
  maxResponseBytes: number;
  /** Resolves a host name to every address it has (default: the system resolver). */
  resolve?: (host: string) => Promise<Array<{ address: string; family: number }>>;
}

class RefusedUrl extends Error {}

/**
 * POSTs a signed webhook. The host is resolved once, every address it has is checked, and the
 * connection goes to the address that was checked (a custom `lookup`), so a DNS answer that changes
 * between the check and the connect (rebinding) cannot steer it to an internal address.
 */
export class WebhookHttpSender {
  private readonly resolve: NonNullable<WebhookHttpSenderOptions['resolve']>;

  constructor(private readonly options: WebhookHttpSenderOptions) {
    this.resolve = options.resolve ?? ((host) => dnsLookup(host, { all: true, verbatim: true }));
  }

  /** Throws with a reason a person can read when the URL may not be used; resolves the address to use. */
  async check(rawUrl: string): Promise<{ url: URL; address: string; family: number }> {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw new RefusedUrl('not a valid URL');
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.options.allowHttp)) {
      throw new RefusedUrl('only https URLs are allowed');
    }
    if (url.username || url.password) throw new RefusedUrl('credentials in the URL are not allowed');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    let addresses: Array<{ address: string; family: number }>;
    if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
    else {
      try {
        addresses = await this.resolve(host);
      } catch (error) {
        throw new Error(`cannot resolve ${host}: ${(error as Error).message}`, { cause: error });
      }
    }
    if (addresses.length === 0) throw new Error(`cannot resolve ${host}`);
    if (!this.options.allowPrivate) {
      const internal = addresses.find((entry) => !isPublicAddress(entry.address));
      if (internal) throw new RefusedUrl(`${host} resolves to ${internal.address}, a private or reserved address`);
    }
    return { url, ...addresses[0]! };
  }

  async send(rawUrl: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let target: Awaited<ReturnType<WebhookHttpSender['check']>>;
    try {
      target = await this.check(rawUrl);
    } catch (error) {
      return { latencyMs: elapsed(), error: (error as Error).message, refused: error instanceof RefusedUrl };
    }
    try {
      return { ...(await this.post(target, headers, body)), latencyMs: elapsed() };
    } catch (error) {
      return { latencyMs: elapsed(), error: (error as Error).message };
    }
  }

  private post(
    target: { url: URL; address: string; family: number },
    headers: Record<string, string>,
    body: string,
  ): Promise<Omit<SendResult, 'latencyMs'>> {
    const { url, address, family } = target;
    const pinned: LookupFunction = (_host, options, callback) => {
      if ((options as { all?: boolean }).all) (callback as (e: null, a: object[]) => void)(null, [{ address, family }]);
      else callback(null, address, family);
    };
    const client = url.protocol === 'https:' ? https : http;
    const limit = this.options.maxResponseBytes;
    return new Promise((resolve, reject) => {
      const request = client.request(
        url,
        {
          method: 'POST',
          lookup: pinned,
          agent: false,
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'user-agent': 'Switchboard-Webhooks/1',
          },
          timeout: this.options.timeoutMs,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const finish = () => {
            response.destroy();
            resolve({
              statusCode: response.statusCode ?? 0,
              responseExcerpt: Buffer.concat(chunks).subarray(0, limit).toString('utf8'),
              ...retryAfter(response.headers['retry-after']),
            });
          };
          response.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            size += chunk.length;
            // A receiver that answers with megabytes gets read no further than the excerpt.
            if (size >= limit) finish();
          });
          response.on('end', finish);
          response.on('error', finish);
        },
      );
      // One deadline for the whole attempt, not only for an idle socket.
      const deadline = setTimeout(
        () => request.destroy(new Error(`timed out after ${this.options.timeoutMs} ms`)),
        this.options.timeoutMs,
      );
      request.on('timeout', () => request.destroy(new Error(`timed out after ${this.options.timeoutMs} ms`)));
      request.on('error', (error) => {
        clearTimeout(deadline);
        reject(error);
      });
      request.on('close', () => clearTimeout(deadline));
      request.end(body);
    });
  }
}

function retryAfter(header: string | undefined): { retryAfterMs?: number } {
  if (!header) return {};
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return { retryAfterMs: seconds * 1000 };
  const at = Date.parse(header);
  return Number.isNaN(at) ? {} : { retryAfterMs: Math.max(0, at - Date.now()) };
}

/** True for an error `check` raised because the URL itself is not allowed. */
export function isRefusedUrl(error: unknown): boolean {
  return error instanceof RefusedUrl;
}

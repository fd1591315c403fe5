import type { MeResponse, SessionResponse } from '../../src/contracts/auth.js';
import type { ErrorBody } from '../../src/contracts/payloads.js';

/** A refused request: the problem body's stable `code` and its text. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ErrorBody['code'] | 'NETWORK',
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const SESSION_LOST = new Set(['SESSION_EXPIRED', 'SESSION_REVOKED', 'UNAUTHORIZED', 'ACCOUNT_DISABLED']);

function parseProblem(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function csrfToken(): string | undefined {
  const match = /(?:^|;\s*)sb_csrf=([^;]*)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

/**
 * The console's HTTP client: the session cookie rides along, writes echo the CSRF cookie in
 * `X-CSRF-Token`, the session is refreshed before it ends, and a lost session calls `onSessionLost`.
 */
export class ApiClient {
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  onSessionLost: (error: ApiError) => void = () => undefined;

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const text = await this.send(method, path, body === undefined ? undefined : JSON.stringify(body), 'application/json');
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** A text/plain exchange (word-list import and export). */
  async text(method: string, path: string, body?: string): Promise<string> {
    return this.send(method, path, body, 'text/plain; charset=utf-8');
  }

  private async send(method: string, path: string, body: string | undefined, type: string): Promise<string> {
    const headers: Record<string, string> = { accept: 'application/json, text/plain' };
    if (body !== undefined) headers['content-type'] = type;
    const csrf = csrfToken();
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body !== undefined ? { body } : {}),
      });
    } catch (error) {
      throw new ApiError('NETWORK', error instanceof Error ? error.message : String(error), 0);
    }
    const text = await response.text();
    if (!response.ok) {
      const problem = (parseProblem(text) ?? {}) as {
        code?: ErrorBody['code'];
        detail?: string;
        errors?: Array<{ line: number; message: string }>;
      };
      const lines = problem.errors?.map((error) => `${error.line}: ${error.message}`).join('; ');
      const detail = [problem.detail ?? response.statusText, lines].filter(Boolean).join(' ');
      const error = new ApiError(problem.code ?? 'INTERNAL', detail, response.status);
      if (SESSION_LOST.has(error.code) && !path.startsWith('/api/auth/login')) this.sessionLost(error);
      throw error;
    }
    return text;
  }

  async login(email: string, password: string): Promise<SessionResponse> {
    const session = await this.request<SessionResponse>('POST', '/api/auth/login', { email, password });
    this.scheduleRefresh(session.session.expiresAt);
    return session;
  }

  /** The signed-in agent, or undefined when there is no live session. */
  async me(): Promise<MeResponse | undefined> {
    try {
      const me = await this.request<MeResponse>('GET', '/api/auth/me');
      this.scheduleRefresh(me.session.expiresAt);
      return me;
    } catch (error) {
      if (error instanceof ApiError && SESSION_LOST.has(error.code)) return undefined;
      throw error;
    }
  }

  async logout(): Promise<void> {
    clearTimeout(this.refreshTimer);
    await this.request('POST', '/api/auth/logout').catch(() => undefined);
  }

  /** Refreshes a minute before the end (or halfway for short sessions). */
  private scheduleRefresh(expiresAt: string): void {
    clearTimeout(this.refreshTimer);
    const left = Date.parse(expiresAt) - Date.now();
    const inMs = Math.max(1000, Math.min(left - 60_000, left / 2));
    this.refreshTimer = setTimeout(() => {
      this.request<SessionResponse>('POST', '/api/auth/refresh')
        .then((session) => this.scheduleRefresh(session.session.expiresAt))
        .catch(() => undefined);
    }, inMs);
  }

  private sessionLost(error: ApiError): void {
    clearTimeout(this.refreshTimer);
    this.onSessionLost(error);
  }
}

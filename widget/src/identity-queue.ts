/** What `Switchboard.setUser` accepts; `hash` is the HMAC-SHA256 of `id` with the site's identity secret. */
export interface HostUser {
  id: string;
  name?: string;
  email?: string;
  hash?: string;
}

export type HostAttributes = Record<string, string | number | boolean>;

/**
 * The visitor's identity and attributes as the page declared them, sent with every handshake (a change
 * reconnects). With a valid `hash` the server treats the user as verified (docs/widget.md).
 */
export class IdentityQueue {
  private currentUser: HostUser | undefined;
  private currentAttributes: HostAttributes = {};

  get user(): HostUser | undefined {
    return this.currentUser;
  }

  get attributes(): HostAttributes {
    return { ...this.currentAttributes };
  }

  setUser(value: unknown): void {
    if (!value || typeof value !== 'object') throw new TypeError('setUser expects {id, name?, email?, hash?}');
    const input = value as Record<string, unknown>;
    if (typeof input.id !== 'string' || !input.id) throw new TypeError('setUser needs a non-empty string id');
    const user: HostUser = { id: input.id };
    for (const field of ['name', 'email', 'hash'] as const) {
      const raw = input[field];
      if (typeof raw === 'string') user[field] = raw;
      else if (raw !== undefined) throw new TypeError(`setUser: ${field} must be a string`);
    }
    this.currentUser = user;
  }

  /** Merged into what was set before; `null` removes a key. */
  setAttributes(value: unknown): void {
    if (!value || typeof value !== 'object') throw new TypeError('setAttributes expects an object');
    for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
      if (raw === null) delete this.currentAttributes[key];
      else if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') this.currentAttributes[key] = raw;
      else throw new TypeError(`setAttributes: ${key} must be a string, number, boolean or null`);
    }
  }

  /** The fields the handshake carries. */
  claims(): { user?: HostUser; attributes?: HostAttributes } {
    return {
      ...(this.currentUser ? { user: this.currentUser } : {}),
      ...(Object.keys(this.currentAttributes).length > 0 ? { attributes: this.attributes } : {}),
    };
  }

  clear(): void {
    this.currentUser = undefined;
    this.currentAttributes = {};
  }
}

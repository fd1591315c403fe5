/**
 * Storage that never throws: Safari's private mode, blocked third-party storage and full quotas all
 * make `localStorage` throw, and the chat must still work (it just forgets the visitor on reload).
 */
export interface KeyValueStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export function browserStore(kind: 'local' | 'session'): KeyValueStore {
  const memory = new Map<string, string>();
  const storage = (): Storage | undefined => {
    try {
      return kind === 'local' ? window.localStorage : window.sessionStorage;
    } catch {
      return undefined;
    }
  };
  return {
    get(key) {
      try {
        return storage()?.getItem(key) ?? memory.get(key);
      } catch {
        return memory.get(key);
      }
    },
    set(key, value) {
      memory.set(key, value);
      try {
        storage()?.setItem(key, value);
      } catch {
        // memory copy above is the fallback
      }
    },
    remove(key) {
      memory.delete(key);
      try {
        storage()?.removeItem(key);
      } catch {
        // nothing stored there then
      }
    },
  };
}

/** Keys are per site key: two sites embedded on one origin keep separate visitors. */
export function visitorTokenKey(siteKey: string): string {
  return `switchboard:${siteKey}:visitor-token`;
}

export function panelOpenKey(siteKey: string): string {
  return `switchboard:${siteKey}:open`;
}

import type { ModeChange, StoredMessage } from '../../src/contracts/payloads.js';

/** What `Switchboard.on(name, listener)` calls each listener with. */
export interface HostEventMap {
  /** The widget is mounted and the API usable. A listener added later is called at once. */
  ready: [];
  open: [];
  close: [];
  /** A new message in this page view: the visitor's (once stored), the assistant's or an agent's. */
  message: [message: StoredMessage];
  /** The conversation is waiting for an agent (`waiting`) or an agent took it (`human`). */
  handoff: [change: ModeChange];
}

export type HostEventName = keyof HostEventMap;
type Listener<E extends HostEventName> = (...args: HostEventMap[E]) => void;

const NAMES: ReadonlySet<string> = new Set<HostEventName>(['ready', 'open', 'close', 'message', 'handoff']);

export function isHostEventName(name: unknown): name is HostEventName {
  return typeof name === 'string' && NAMES.has(name);
}

/** Listeners of the host page. One that throws is reported and does not stop the others or the widget. */
export class HostEvents {
  private readonly listeners = new Map<HostEventName, Set<(...args: never[]) => void>>();
  private isReady = false;

  on<E extends HostEventName>(name: E, listener: Listener<E>): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener as (...args: never[]) => void);
    this.listeners.set(name, set);
    if (name === 'ready' && this.isReady) queueMicrotask(() => this.call(listener as Listener<'ready'>, []));
    return () => this.off(name, listener);
  }

  off<E extends HostEventName>(name: E, listener: Listener<E>): void {
    this.listeners.get(name)?.delete(listener as (...args: never[]) => void);
  }

  emit<E extends HostEventName>(name: E, ...args: HostEventMap[E]): void {
    if (name === 'ready') this.isReady = true;
    for (const listener of [...(this.listeners.get(name) ?? [])]) this.call(listener as Listener<E>, args);
  }

  private call<E extends HostEventName>(listener: Listener<E>, args: HostEventMap[E]): void {
    try {
      listener(...args);
    } catch (error) {
      console.error('[switchboard] an event listener of the page threw:', error);
    }
  }
}

import type { ChatWidget } from './chat-widget.js';
import { isLanguage } from './strings.js';
import { isHostEventName, type HostEventMap, type HostEventName, type HostEvents } from './host-events.js';

/** `window.Switchboard`: what the host page can do with the widget. Documented in docs/widget.md. */
export interface SwitchboardApi {
  open(): void;
  close(): void;
  toggle(): void;
  /** `en` or `zh`; rebuilds the panel's texts, keeps the conversation. */
  setLocale(language: string): void;
  /** Held client-side until the server verifies identities (see docs/widget.md). */
  setUser(user: { id: string; name?: string; email?: string; hash?: string }): void;
  /** Held client-side until the server accepts attributes (see docs/widget.md). */
  setAttributes(attributes: Record<string, string | number | boolean | null>): void;
  /** Sign-out: forgets the visitor; the next chat is a new visitor with a new conversation. */
  reset(): void;
  /** Returns a function that removes the listener. */
  on<E extends HostEventName>(event: E, listener: (...args: HostEventMap[E]) => void): () => void;
  off<E extends HostEventName>(event: E, listener: (...args: HostEventMap[E]) => void): void;
}

export function createHostApi(widget: ChatWidget, events: HostEvents): SwitchboardApi {
  const checkEvent = (event: unknown) => {
    if (!isHostEventName(event)) throw new TypeError(`Switchboard.on: unknown event ${String(event)}`);
  };
  return Object.freeze<SwitchboardApi>({
    open: () => widget.open(),
    close: () => widget.close(),
    toggle: () => (widget.isOpen ? widget.close() : widget.open()),
    setLocale: (language) => {
      const wanted = String(language).toLowerCase().split('-')[0] ?? '';
      if (!isLanguage(wanted)) throw new TypeError(`Switchboard.setLocale: unsupported language ${String(language)} (en, zh)`);
      widget.setLocale(wanted);
    },
    setUser: (user) => {
      widget.identity.setUser(user);
      widget.identityChanged();
    },
    setAttributes: (attributes) => {
      widget.identity.setAttributes(attributes);
      widget.identityChanged();
    },
    reset: () => widget.reset(),
    on: (event, listener) => {
      checkEvent(event);
      if (typeof listener !== 'function') throw new TypeError('Switchboard.on: the listener must be a function');
      return events.on(event, listener);
    },
    off: (event, listener) => events.off(event, listener),
  });
}

import { WIDGET_NAMESPACE } from '../../src/contracts/rooms.js';
import type { HostSettings } from './host-settings.js';
import { isLanguage, type Language } from './strings.js';

/** What the embed tag and `window.SwitchboardSettings` tell the widget: where its server is and how to look. */
export interface EmbedOptions {
  siteKey: string;
  /** Socket.io URL of the widget namespace, e.g. `https://chat.example.com/widget`. */
  namespaceUrl: string;
  /** Socket.io path; follows the script's directory so a server mounted under a prefix works. */
  socketPath: string;
  title: string | undefined;
  color: string | undefined;
  lang: Language;
  position: 'left' | 'right';
  greeting: string | undefined;
  hideLauncher: boolean;
}

export class EmbedError extends Error {
  override readonly name = 'EmbedError';
}

/**
 * `document.currentScript` is only set while the script first runs (async included), so the caller
 * captures it at load; the selector is a fallback for loaders that inject the tag differently.
 */
export function findEmbedScript(current: Element | null): HTMLScriptElement | null {
  if (current instanceof HTMLScriptElement && current.src) return current;
  return document.querySelector<HTMLScriptElement>('script[data-site-key][src*="widget.js"]');
}

/** Settings from the page's script win over the tag's `data-*` attributes. */
export function readEmbedOptions(script: HTMLScriptElement, settings: HostSettings = {}): EmbedOptions {
  const siteKey = script.dataset.siteKey?.trim();
  if (!siteKey) throw new EmbedError('the script tag needs a data-site-key attribute');
  const src = new URL(script.src, document.baseURI);
  const directory = src.pathname.slice(0, src.pathname.lastIndexOf('/') + 1);
  return {
    siteKey,
    namespaceUrl: `${src.origin}${WIDGET_NAMESPACE}`,
    socketPath: `${directory}socket.io`,
    title: settings.title ?? (script.dataset.title?.trim() || undefined),
    color: safeColor(settings.color) ?? safeColor(script.dataset.color),
    lang: pickLanguage(settings.language ?? script.dataset.lang),
    position: settings.position ?? 'right',
    greeting: settings.greeting,
    hideLauncher: settings.hideLauncher ?? false,
  };
}

/** Only a value the browser parses as a colour reaches the stylesheet, so the setting cannot inject CSS. */
function safeColor(value: string | undefined): string | undefined {
  const color = value?.trim();
  return color && CSS.supports('color', color) ? color : undefined;
}

/** `en`, `zh`, `zh-CN`... to a supported language; English when there is none. */
export function pickLanguage(value: string | undefined): Language {
  const wanted = (value ?? document.documentElement.lang ?? navigator.language ?? 'en').toLowerCase().split('-')[0];
  return wanted && isLanguage(wanted) ? wanted : 'en';
}

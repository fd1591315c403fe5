import { ChatWidget } from './chat-widget.js';
import { EmbedError, findEmbedScript, readEmbedOptions } from './embed-options.js';
import { createHostApi } from './host-api.js';
import { HostEvents } from './host-events.js';
import { readHostSettings } from './host-settings.js';

// Captured now: `document.currentScript` is null once this first synchronous run is over.
const script = findEmbedScript(document.currentScript);
const MOUNTED = '__switchboardWidget';

function mount(): void {
  const registry = window as unknown as Record<string, unknown>;
  // A page that includes the tag twice still gets one widget.
  if (registry[MOUNTED]) return;
  try {
    if (!script) throw new EmbedError('cannot find its own <script> tag');
    const embed = readEmbedOptions(script, readHostSettings(registry.SwitchboardSettings));
    const host = document.createElement('div');
    host.id = 'switchboard-widget';
    document.body.append(host);
    const events = new HostEvents();
    const widget = new ChatWidget(host.attachShadow({ mode: 'open' }), embed, events);
    registry[MOUNTED] = widget;
    const api = createHostApi(widget, events);
    registry.Switchboard = api;
    performance.mark('switchboard:mounted');
    // The frame after this one has painted the launcher: the figure the load-time budget is about.
    requestAnimationFrame(() => setTimeout(() => performance.mark('switchboard:painted'), 0));
    events.emit('ready');
    window.dispatchEvent(new CustomEvent('switchboard:ready', { detail: api }));
  } catch (error) {
    console.error('[switchboard] widget not started:', error instanceof Error ? error.message : error);
  }
}

if (document.body) mount();
else document.addEventListener('DOMContentLoaded', mount, { once: true });

import { ChatWidget } from './chat-widget.js';
import { EmbedError, findEmbedScript, readEmbedOptions } from './embed-options.js';

// Captured now: `document.currentScript` is null once this first synchronous run is over.
const script = findEmbedScript(document.currentScript);
const MOUNTED = '__switchboardWidget';

function mount(): void {
  const registry = window as unknown as Record<string, unknown>;
  // A page that includes the tag twice still gets one widget.
  if (registry[MOUNTED]) return;
  try {
    if (!script) throw new EmbedError('cannot find its own <script> tag');
    const embed = readEmbedOptions(script);
    const host = document.createElement('div');
    host.id = 'switchboard-widget';
    document.body.append(host);
    registry[MOUNTED] = new ChatWidget(host, embed);
  } catch (error) {
    console.error('[switchboard] widget not started:', error instanceof Error ? error.message : error);
  }
}

if (document.body) mount();
else document.addEventListener('DOMContentLoaded', mount, { once: true });

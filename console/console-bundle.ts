import { fileURLToPath } from 'node:url';
import { builtAsset, bundleBrowserEntry, sharedOnce, type BuiltAsset } from '../widget/browser-bundle.js';
import { CONSOLE_STYLES } from './src/console-styles.js';

/** One built asset, held in memory, pre-compressed, with a strong ETag. */
export type ConsoleAsset = BuiltAsset;

export interface ConsoleBundle {
  script: ConsoleAsset;
  styles: ConsoleAsset;
}

const ENTRY = fileURLToPath(new URL('./src/main.ts', import.meta.url));

/** The console's JavaScript budget (gzipped): above it the build fails, and `/console` with it. */
export const MAX_CONSOLE_GZIPPED_BYTES = 150 * 1024;

export class ConsoleBundleTooLargeError extends Error {
  override readonly name = 'ConsoleBundleTooLargeError';
}

/** Starts the build on first call; later calls share it. A failed build is retried on the next call. */
export const consoleBundle = sharedOnce(() => buildConsoleBundle());

/** One fresh build; throws `ConsoleBundleTooLargeError` when the gzipped script is over the budget. */
export async function buildConsoleBundle(maxGzippedBytes: number = MAX_CONSOLE_GZIPPED_BYTES): Promise<ConsoleBundle> {
  const script = await bundleBrowserEntry(ENTRY, 'console', maxGzippedBytes, ConsoleBundleTooLargeError);
  return { script, styles: builtAsset(Buffer.from(CONSOLE_STYLES)) };
}

/** The console's one HTML page: no inline script or style, so the CSP can forbid both. */
export function consolePage(lang: 'en' | 'zh'): string {
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Switchboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/console/console.css">
<script src="/console/console.js" defer></script>
</head>
<body><div id="app" aria-live="polite"></div></body>
</html>`;
}

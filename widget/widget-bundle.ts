import { fileURLToPath } from 'node:url';
import { bundleBrowserEntry, sharedOnce, type BuiltAsset } from './browser-bundle.js';

/** The embeddable widget, built once per process and held in memory. */
export type WidgetBundle = BuiltAsset;

const ENTRY = fileURLToPath(new URL('./src/main.ts', import.meta.url));

/** The widget loads on every page of every customer's site: above this (gzipped), the build fails. */
export const MAX_GZIPPED_BYTES = 40 * 1024;

export class WidgetBundleTooLargeError extends Error {
  override readonly name = 'WidgetBundleTooLargeError';
}

/** Starts the build on first call; later calls share it. A failed build is retried on the next call. */
export const widgetBundle = sharedOnce(() => buildWidgetBundle());

/** One fresh build; throws `WidgetBundleTooLargeError` when the gzipped code is over `maxGzippedBytes`. */
export function buildWidgetBundle(maxGzippedBytes: number = MAX_GZIPPED_BYTES): Promise<WidgetBundle> {
  return bundleBrowserEntry(ENTRY, 'widget', maxGzippedBytes, WidgetBundleTooLargeError);
}

/**
 * `getBrowserDetails()` (seed 000): the browser and its version, from webrtc-adapter's browser
 * detection alone. The full adapter shim is an opt-in entry (`@switchboard/media/shim`).
 */
import { detectBrowser } from 'webrtc-adapter/src/js/utils.js';
import type { BrowserDetails } from './types';

/**
 * Detects the browser. A defined browser means basic WebRTC scenarios are supported.
 * @example
 * ```ts
 * const { browser, version } = client.getBrowserDetails()
 * ```
 * @public
 */
export function getBrowserDetails(win: unknown = (globalThis as { window?: unknown }).window): BrowserDetails {
  const { browser, version } = detectBrowser(win);
  return { browser, version: typeof version === 'number' && !Number.isNaN(version) ? version : null };
}

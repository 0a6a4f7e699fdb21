// webrtc-adapter ships no types for its utils module; only `detectBrowser` is used (2 KB,
// without the 13 KB shim).
declare module 'webrtc-adapter/src/js/utils.js' {
  export function detectBrowser(window: unknown): { browser: string | null; version: number | null; [key: string]: unknown };
}

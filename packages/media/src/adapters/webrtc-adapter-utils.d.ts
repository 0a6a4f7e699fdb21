// webrtc-adapter ships no types for its utils module; only `detectBrowser` is used (2 KB,
// without the 13 KB shim). Every path of it names a browser ('Not a browser.', 'Not a supported
// browser.' or the browser's name): `browser` is never null.
declare module 'webrtc-adapter/src/js/utils.js' {
  export function detectBrowser(window: unknown): { browser: string; version: number | null; [key: string]: unknown };
}

// The factory behind the default export of `webrtc-adapter` (used by the Safari unit tests to run
// the shims against a fake Safari window).
declare module 'webrtc-adapter/src/js/adapter_factory.js' {
  export function adapterFactory(
    deps: { window: unknown },
    options?: { shimChrome?: boolean; shimFirefox?: boolean; shimSafari?: boolean },
  ): { browserDetails: { browser: string | null; version: number | null; [key: string]: unknown }; browserShim?: unknown };
}

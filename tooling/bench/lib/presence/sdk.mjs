/**
 * The SDK the presence bench drives, bundled for Node by `worker.mjs` from the packages' sources:
 * core, connectivity (over the `ws` WebSocket) and `@switchboard/presence`.
 */
export { createClient } from '@switchboard/core';
export { connectivityPlugin } from '@switchboard/connectivity';
export { presencePlugin } from '@switchboard/presence';

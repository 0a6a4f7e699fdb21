/**
 * The SDK the messaging SDK bench drives, bundled for Node by `sdkWorker.mjs` from the packages'
 * sources: core, connectivity (over the `ws` WebSocket) and `@switchboard/messaging`.
 */
export { createClient } from '@switchboard/core';
export { connectivityPlugin } from '@switchboard/connectivity';
export { messagingPlugin } from '@switchboard/messaging';

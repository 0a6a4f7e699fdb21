/**
 * Messaging SDK bench (issue 11 point 8, with `@switchboard/messaging`): Node SDK clients (core +
 * connectivity + `messagingPlugin()`) against the reference gateway (a child process through its
 * CLI, `--message-rate 1000000`). Prints, never asserts times:
 *
 * - a conversation of 10,000 messages, fed as the gateway's `IM` notifications into the client's
 *   socket: the time to store them, `getMessages()` and `getMessage(id)` (medians), the heap before
 *   and after (forced GCs) and the bytes per message;
 * - SDK→SDK throughput: alice's SDK sends 2,000 messages to bob's SDK through the gateway, one in
 *   flight and as one burst: messages/s and p50/p99 from `send()` to bob's `messages:change`,
 *   next to raw Link clients (one pair, one in flight) of the same run as a ratio.
 *
 * It fails (exit code 1) only when a message is lost, duplicated, out of order or a
 * `messages:error` is emitted. The measuring runs in a child process of its own
 * (`node --expose-gc lib/messaging/sdkWorker.mjs`), so that its heap holds only the clients.
 *
 *   node tooling/bench/messagingSdk.mjs
 *   SB_BENCH_CONVERSATION_MESSAGES=50000 SB_BENCH_SDK_SENDS=500 node tooling/bench/messagingSdk.mjs
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAsMain, runGcWorker } from './lib/nodeWorker.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** Builds the gateway, runs the worker and resolves its exit code (run.mjs reads `process.exitCode`). */
export const run = () => runGcWorker(join(here, 'lib', 'messaging', 'sdkWorker.mjs'));

runAsMain(import.meta.url, run);

/**
 * Presence bench (issue 11 point 8): one Node SDK client (core + connectivity + `presencePlugin()`)
 * watching 5,000 users of the reference gateway (a child process started through its CLI, with a
 * generated users file). Prints, never asserts times:
 *
 * - watching the 5,000 users: `presence.subscribe(users)` until the gateway's 5,000
 *   `presenceWatcher` notifications have all been applied;
 * - 1,000 presence updates arriving on the client's WebSocket (median and p90 over rounds), each
 *   a `presenceWatcher` frame handed to the client's socket as `ws` hands a received frame over:
 *   the SDK's own cost from the frame to `presence:change`, without the gateway's;
 * - `presence.getAll()`, `get(5,000 ids)` and 5,000 × `get(id)`;
 * - the client process's heap (after forced GCs) before watching, with 5,000 watched, and after
 *   the update rounds.
 *
 * It fails (exit code 1) only when an update is lost or the watch does not load every user.
 * The measuring runs in a child process of its own (`node --expose-gc lib/presence/worker.mjs`),
 * so that its heap holds only the SDK client.
 *
 *   node tooling/bench/presence.mjs                       # 5,000 watched users, 20 rounds
 *   SB_BENCH_PRESENCE_USERS=10000 SB_BENCH_PRESENCE_ROUNDS=5 node tooling/bench/presence.mjs
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAsMain, runGcWorker } from './lib/nodeWorker.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** Builds the gateway, runs the worker and resolves its exit code (run.mjs reads `process.exitCode`). */
export const run = () => runGcWorker(join(here, 'lib', 'presence', 'worker.mjs'));

runAsMain(import.meta.url, run);

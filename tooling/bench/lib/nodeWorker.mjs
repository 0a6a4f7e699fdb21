/**
 * The launcher shared by the Node SDK benches (presence.mjs, messagingSdk.mjs): builds the
 * gateway, runs the bench's measuring process with `--expose-gc` (so that its heap holds only the
 * SDK clients) and maps its exit code; `runAsMain` runs a bench file as a script.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { buildGateway } from './gateway/gatewayProcess.mjs';

/**
 * Builds the gateway, runs `worker` under `node --expose-gc` and resolves its exit code
 * (`process.exitCode` is 1 when it is not 0; run.mjs reads it).
 * @param {string} worker absolute path of the measuring process
 */
export async function runGcWorker(worker) {
  buildGateway();
  const child = spawn(process.execPath, ['--expose-gc', worker], { stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: '' } });
  const [code] = await once(child, 'exit');
  if (code !== 0) process.exitCode = 1;
  return { code };
}

/**
 * Runs `run` when `moduleUrl` is the script node was started with; exit 2 on an error.
 * @param {string} moduleUrl the bench's `import.meta.url`
 * @param {() => Promise<unknown>} run
 */
export function runAsMain(moduleUrl, run) {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  run().then(
    () => process.exit(process.exitCode ?? 0),
    (error) => {
      console.error(error);
      process.exit(2);
    },
  );
}

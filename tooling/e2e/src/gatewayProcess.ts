/**
 * The reference gateway as a child process (its built CLI) on a fixed port and data directory,
 * for tests that kill and restart it: `kill()` sends SIGKILL and waits for the exit, `start()`
 * starts it again on the same port and data directory.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import * as path from 'node:path';

const GATEWAY_DIR = path.join(__dirname, '..', '..', 'gateway');
/** Our own build output (not dist/cli.js itself, which another test rebuilds concurrently). */
const OUT_DIR = path.join('dist', 'e2e-process');

/** A gateway child process. */
export interface GatewayProcess {
  url: string;
  wsUrl: string;
  port: number;
  /** Starts the process (again); resolves once it prints its listening line. */
  start(): Promise<void>;
  /** SIGKILL; resolves once the process has exited. */
  kill(): Promise<void>;
  /** Stops the process if it runs (SIGKILL: nothing to flush, writes are synchronous). */
  close(): Promise<void>;
  /** What the process wrote to stderr so far (for failure messages). */
  stderr(): string;
}

/** A port that was free a moment ago (the gateway must keep the same one across restarts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Options of {@link gatewayProcess}. */
export interface GatewayProcessOptions {
  /** Serve https + wss too (its self-signed certificate in `dataDir/tls/`); by default `--no-tls`. */
  tls?: boolean;
  /** More CLI flags, e.g. `['--static', dir, '--https-port', '8443']` or `['--turn-secret', S]`. */
  args?: readonly string[];
  /** Build output folder under tooling/gateway, one per test file that builds concurrently. @default 'dist/e2e-process' */
  outDir?: string;
  /** More environment variables of the process, e.g. `{ SB_GATEWAY_ADMIN_TOKEN: T }` (the admin token is never argv). */
  env?: Readonly<Record<string, string>>;
}

/** Builds the gateway CLI (esbuild, ~1 s) and prepares a process on `port` and `dataDir`; call `start()`. */
export function gatewayProcess(port: number, dataDir: string, options: GatewayProcessOptions = {}): GatewayProcess {
  const outDir = options.outDir ?? OUT_DIR;
  execFileSync(process.execPath, ['build.mjs', outDir], { cwd: GATEWAY_DIR });
  const cli = path.join(GATEWAY_DIR, outDir, 'cli.js');
  let child: ChildProcess | undefined;
  let errors = '';
  const kill = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    c.kill('SIGKILL');
    await exited;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    start() {
      return new Promise<void>((resolve, reject) => {
        const args = [cli, '--data', dataDir, '--port', String(port), ...(options.tls ? [] : ['--no-tls']), '--test-endpoints', '--quiet', ...(options.args ?? [])];
        const c = spawn(process.execPath, args, {
          stdio: ['ignore', 'pipe', 'pipe'],
          ...(options.env && { env: { ...process.env, ...options.env } }),
        });
        child = c;
        let out = '';
        c.stderr!.on('data', (d) => (errors += String(d)));
        c.stdout!.on('data', (d) => {
          out += String(d);
          if (out.includes('listening on')) resolve();
        });
        c.once('exit', (code, signal) => reject(new Error(`gateway exited (${code ?? signal}) before listening: ${errors}`)));
      });
    },
    kill,
    close: kill,
    stderr: () => errors,
  };
}

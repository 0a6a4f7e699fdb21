/**
 * The gateway under test as a child process of its own, started through its CLI
 * (`tooling/gateway/dist/cli.js`), so that its memory is measured alone. Its memory is read after
 * a forced GC through the Node inspector (`--inspect`, Chrome DevTools Protocol): no gateway code
 * or endpoint is needed for it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { PASSWORD } from './client.mjs';

const gatewayDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'gateway');
const cli = join(gatewayDir, 'dist', 'cli.js');

/** Builds the gateway with its own `build` script (the bench runs whatever the sources are now). */
export function buildGateway() {
  const r = spawnSync('npm', ['run', '-s', 'build'], { cwd: gatewayDir, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`building the gateway failed (exit ${r.status})`);
}

/**
 * Starts `node --inspect cli.js --port 0 --users FILE --data :memory: --test-endpoints
 * --quiet` (plus `extraArgs`, e.g. `['--message-rate', '1000000']`) under the hard descriptor limit. Resolves
 * `{ url, pid, memory(), close() }`; `memory()` forces a GC in the gateway and resolves its
 * `process.memoryUsage()`.
 */
export async function startGatewayProcess(usernames, extraArgs = []) {
  const dir = mkdtempSync(join(tmpdir(), 'sb-gwbench-'));
  const usersFile = join(dir, 'users.json');
  writeFileSync(usersFile, JSON.stringify({ users: usernames.map((username) => ({ username, password: PASSWORD })) }));
  const args = [cli, '--port', '0', '--host', '127.0.0.1', '--users', usersFile, '--data', ':memory:', '--test-endpoints', '--quiet', ...extraArgs];
  const node = [JSON.stringify(process.execPath), '--inspect=127.0.0.1:0', ...args.map((a) => JSON.stringify(a))].join(' ');
  const child = spawn('sh', ['-c', `ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec ${node}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c));
  const exited = once(child, 'exit');
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + 20_000;
    let url;
    let inspector;
    while (!(url && inspector)) {
      if (child.exitCode !== null) throw new Error(`the gateway exited with ${child.exitCode}:\n${stderr}`);
      if (Date.now() > deadline) throw new Error(`the gateway did not start in 20 s:\n${stdout}\n${stderr}`);
      url = (stdout.match(/listening on (http:\/\/\S+)/i) ?? stdout.match(/(http:\/\/127\.0\.0\.1:\d+)/))?.[1]?.replace(/\/$/, '');
      inspector = stderr.match(/Debugger listening on (ws:\/\/\S+)/)?.[1];
      await delay(20);
    }
    const cdp = await connectInspector(inspector);
    return {
      url,
      pid: child.pid,
      memory: () => cdp.memory(),
      close: async () => {
        cdp.close();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A minimal Chrome DevTools Protocol session: forced GC and `process.memoryUsage()`. */
async function connectInspector(wsUrl) {
  const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
  await once(ws, 'open');
  let nextId = 1;
  const pending = new Map();
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data));
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.error) p.reject(new Error(`inspector: ${msg.error.message}`));
    else p.resolve(msg.result);
  });
  const call = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, params }));
    });
  return {
    async memory() {
      // Two collections: the first may leave weak/finalizer garbage for the second.
      await call('HeapProfiler.collectGarbage');
      await call('HeapProfiler.collectGarbage');
      const r = await call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
      return JSON.parse(r.result.value);
    },
    close: () => ws.close(),
  };
}

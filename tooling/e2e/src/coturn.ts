/**
 * A real coturn (Debian's `coturn` package, binary `turnserver`) on loopback for the TURN tests,
 * in the shared-secret mode the gateway's `turnCredentials` are made for (`use-auth-secret` +
 * `static-auth-secret`, the TURN REST API scheme). No configuration file is read (`-n`) and
 * nothing is written outside its temporary folder (SQLite db, pid file; the log goes to stdout).
 * `npm test` installs the package when it is missing (scripts/run.mjs). Flags: docs/testing.md §8.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from './gatewayProcess';

/** Where Debian's coturn package puts the server. */
export const TURNSERVER = '/usr/bin/turnserver';

/** A running coturn. */
export interface Coturn {
  /** Its listening port (UDP and TCP) on 127.0.0.1. */
  port: number;
  /** `turn:127.0.0.1:<port>?transport=udp`, the URL the tests configure. */
  url: string;
  /** What it logged so far (block-buffered: for failure messages only). */
  log(): string;
  /** SIGTERM (SIGKILL after 5 s); resolves once it exited and its folder is removed. */
  close(): Promise<void>;
}

/** How long coturn may take to open its listeners. */
const START_TIMEOUT_MS = 10_000;

/** The command line (besides the port and the folder), documented in docs/testing.md §8. */
export function coturnArgs(secret: string, port: number, dir: string): string[] {
  return [
    '-n', // no configuration file
    '--listening-ip=127.0.0.1',
    '--relay-ip=127.0.0.1',
    `--listening-port=${port}`,
    '--use-auth-secret',
    `--static-auth-secret=${secret}`,
    '--realm=switchboard.test',
    // Both peers' relay addresses are 127.0.0.1: coturn refuses loopback peers unless allowed.
    '--allow-loopback-peers',
    '--no-cli',
    '--no-tls',
    '--no-dtls',
    '--fingerprint',
    '--no-software-attribute',
    `--db=${path.join(dir, 'turndb')}`,
    `--pidfile=${path.join(dir, 'turnserver.pid')}`,
    '--log-file=stdout',
    '--simple-log',
  ];
}

/** Starts coturn with `secret` (on `port`, default a free one); resolves once it answers STUN on its UDP port. */
export async function startCoturn(secret: string, port?: number): Promise<Coturn> {
  if (!fs.existsSync(TURNSERVER)) throw new Error(`${TURNSERVER} is missing: install Debian's coturn package (npm test does)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-coturn-'));
  port ??= await freePort();
  const child: ChildProcess = spawn(TURNSERVER, coturnArgs(secret, port, dir), { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  try {
    // Its log is block-buffered on a pipe, so readiness is a STUN Binding answered on the port.
    await Promise.race([
      stunAnswered(port, START_TIMEOUT_MS),
      new Promise<never>((_, reject) => child.once('exit', (code, signal) => reject(new Error(`coturn exited (${code ?? signal}):\n${output}`)))),
    ]);
  } catch (error) {
    await close();
    throw new Error(`coturn did not start: ${(error as Error).message}\n${output}`);
  }
  return { port, url: `turn:127.0.0.1:${port}?transport=udp`, log: () => output, close };
}

/** Resolves once a STUN Binding request (RFC 5389) to 127.0.0.1:`port` over UDP is answered; sent every 50 ms. */
function stunAnswered(port: number, timeoutMs: number): Promise<void> {
  const socket = createSocket('udp4');
  const id = randomBytes(12);
  // Binding request: type 0x0001, length 0, magic cookie, transaction id.
  const request = Buffer.concat([Buffer.from([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]), id]);
  let timer: NodeJS.Timeout | undefined;
  let deadline: NodeJS.Timeout | undefined;
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      clearInterval(timer);
      clearTimeout(deadline);
      socket.close();
      if (error) reject(error);
      else resolve();
    };
    socket.on('message', (msg) => {
      // A Binding success response (0x0101) for our transaction.
      if (msg.length >= 20 && msg.readUInt16BE(0) === 0x0101 && msg.subarray(8, 20).equals(id)) done();
    });
    socket.on('error', () => undefined); // ICMP port unreachable before coturn listens
    const send = () => socket.send(request, port, '127.0.0.1', () => undefined);
    timer = setInterval(send, 50);
    send();
    deadline = setTimeout(() => done(new Error(`no STUN answer on 127.0.0.1:${port} within ${timeoutMs} ms`)), timeoutMs);
  });
}

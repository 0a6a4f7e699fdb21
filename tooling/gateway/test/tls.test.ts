/** TLS out of the box (issue 7 point 5): a self-signed certificate created once, http and https serving one state, the CLI's output. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { certificatePaths, ensureCertificate } from '../src/certificate';
import type { Gateway } from '../src/index';
import { ALICE, basic, startTestGateway, subscribeBody, userPath } from './helpers';

const root = join(__dirname, '..');
let dir: string;
let gw: Gateway | undefined;
let child: ChildProcess | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-tls-'));
  execFileSync(process.execPath, ['build.mjs'], { cwd: root });
});
afterAll(async () => {
  child?.kill('SIGTERM');
  await gw?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An https request trusting `ca` (the self-signed certificate). */
function httpsJson(url: string, ca: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: new Agent({ ca }), headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** Opens a WebSocket trusting `ca`; resolves with it once open. */
function openWss(url: string, ca: string): Promise<{ ws: WebSocket; frames: any[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { ca });
    const frames: any[] = [];
    ws.on('message', (data) => frames.push(JSON.parse(String(data))));
    ws.once('open', () => resolve({ ws, frames }));
    ws.once('error', reject);
  });
}

describe('the self-signed certificate of a data directory', () => {
  it('is created once (0600, SANs for localhost and 127.0.0.1) and reused on the next start', async () => {
    const data = join(dir, 'once');
    const first = await ensureCertificate(data);
    expect(first.created).toBe(true);
    const { cert, key } = certificatePaths(data);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(statSync(cert).mode & 0o777).toBe(0o600);
    const x509 = new X509Certificate(readFileSync(cert));
    expect(x509.subjectAltName).toContain('DNS:localhost');
    expect(x509.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(x509.checkHost('localhost')).toBe('localhost');
    const second = await ensureCertificate(data);
    expect(second.created).toBe(false);
    expect(second.cert).toBe(first.cert);
    expect(second.key).toBe(first.key);
  });
});

describe('http and https together', () => {
  it('serve the same state: subscribe over http, open the channel over wss and get its notifications', async () => {
    const tls = await ensureCertificate(join(dir, 'both'));
    gw = await startTestGateway({ tls });
    expect(gw.httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(gw.httpsPort).not.toBe(gw.port);
    const sub = await fetch(`${gw.url}${userPath(ALICE)}/subscription`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...basic(ALICE) },
      body: JSON.stringify(subscribeBody()),
    }).then((r) => r.json());
    const channel = sub.subscribeResponse.subscriptionParams.notificationChannel;
    const { ws, frames } = await openWss(gw.wssUrl + channel, tls.cert);
    ws.send(JSON.stringify({ message_type: 'ping' }));
    // The subscription made over http is visible over https, and a notification reaches the wss socket.
    const refresh = await httpsJson(`${gw.httpsUrl}${sub.subscribeResponse.subscription}`, tls.cert, 'PUT', { subscribeRequest: { expires: 600, service: ['call'] } }, basic(ALICE));
    expect(refresh.status).toBe(200);
    expect(gw.hooks.sendNotification(ALICE, { eventType: 'custom', customParams: { hello: 'tls' } })).toBe(1);
    await new Promise<void>((resolve) => {
      const check = () => (frames.some((f) => f.notificationMessage?.eventType === 'custom') ? resolve() : setTimeout(check, 10));
      check();
    });
    ws.close();
  });
});

describe('CLI', () => {
  it('creates the certificate in --data, prints both URLs and says which one to use; https and wss work with it', async () => {
    const data = join(dir, 'cli');
    child = spawn(process.execPath, [join(root, 'dist/cli.js'), '--port', '0', '--https-port', '0', '--data', data, '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const lines = await new Promise<string[]>((resolve, reject) => {
      child!.stdout!.on('data', (d) => {
        stdout += d;
        const all = stdout.split('\n');
        if (all.length > 3) resolve(all.slice(0, 3));
      });
      child!.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    expect(lines[0]).toMatch(/^Switchboard gateway listening on http:\/\/127\.0\.0\.1:\d+$/);
    const https = /^Switchboard gateway listening on (https:\/\/127\.0\.0\.1:\d+)$/.exec(lines[1])?.[1];
    expect(https).toBeDefined();
    expect(lines[2]).toContain(`must use ${https}`);
    expect(lines[2]).toContain(`notifications on ${https!.replace('https', 'wss')}`);
    expect(lines[2]).toContain(certificatePaths(data).cert);
    const ca = readFileSync(certificatePaths(data).cert, 'utf8');
    const sub = await httpsJson(`${https}${userPath(ALICE)}/subscription`, ca, 'POST', subscribeBody(), basic(ALICE));
    expect(sub.status).toBe(200);
    const { ws } = await openWss(https!.replace('https', 'wss') + sub.body.subscribeResponse.subscriptionParams.notificationChannel, ca);
    ws.close();
    child!.kill('SIGTERM');
  });

  it('keeps the certificate of --data :memory: in memory (nothing written) and still serves https', async () => {
    const cwd = join(dir, 'memory');
    mkdirSync(cwd);
    child = spawn(process.execPath, [join(root, 'dist/cli.js'), '--port', '0', '--data', ':memory:', '--quiet'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const https = await new Promise<string>((resolve, reject) => {
      child!.stdout!.on('data', (d) => {
        stdout += d;
        const hit = /listening on (https:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
        if (hit) resolve(hit[1]);
      });
      child!.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    expect(stdout).not.toContain('self-signed: trust');
    const res = await new Promise<number>((resolve, reject) => {
      request(`${https}/rest/version/1/localization`, { agent: new Agent({ rejectUnauthorized: false }) }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      }).on('error', reject).end();
    });
    expect(res).toBe(200);
    expect(readdirSync(cwd)).toEqual([]);
    expect(existsSync(join(cwd, ':memory:'))).toBe(false);
  });
});

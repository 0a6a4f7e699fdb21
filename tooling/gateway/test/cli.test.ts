import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request, type AgentOptions } from 'node:https';
import { WebSocket } from 'ws';
import { startGateway, type Gateway } from '../src/index';

const root = join(__dirname, '..');
let dir: string;
let child: ChildProcess | undefined;
let tlsGateway: Gateway | undefined;
let stdout = '';
let stderr = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-'));
  execFileSync(process.execPath, ['build.mjs'], { cwd: root });
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
});
afterAll(async () => {
  child?.kill('SIGTERM');
  await tlsGateway?.close();
  rmSync(dir, { recursive: true, force: true });
});

function firstLine(proc: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    proc.stderr!.on('data', (d) => (stderr += d));
    proc.stdout!.on('data', (d) => {
      stdout += d;
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]);
    });
    proc.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
}

describe('CLI (built with build.mjs)', () => {
  it('prints the http line first and serves the users file', async () => {
    const users = join(dir, 'users.yaml');
    writeFileSync(users, 'users:\n  - username: dave@corp.test\n    password: pw\n    displayName: Dave\n');
    const args = ['--port', '0', '--https-port', '0', '--data', join(dir, 'data'), '--users', users];
    child = spawn(process.execPath, [join(root, 'dist/cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const line = await firstLine(child);
    const match = /^Switchboard gateway listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
    expect(match).not.toBeNull();
    const auth = `Basic ${Buffer.from('dave@corp.test:pw').toString('base64')}`;
    const res = await fetch(`${match![1]}/rest/version/1/user/dave@corp.test/subscription`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ subscribeRequest: { expires: 60, service: ['call'] } }),
    });
    expect(res.status).toBe(200);
    const alice = await fetch(`${match![1]}/rest/version/1/user/alice@example.com/subscription`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('alice@example.com:alice-secret').toString('base64')}` },
      body: '{}',
    });
    expect(alice.status).toBe(401);
    // The unauthenticated test hooks are off unless --test-endpoints is given.
    const mint = await fetch(`${match![1]}/__test__/tokens`, { method: 'POST', body: JSON.stringify({ username: 'dave@corp.test', kind: 'bearer' }) });
    expect(mint.status).toBe(404);
    const refuse = await fetch(`${match![1]}/__test__/sockets/refuse`, { method: 'POST', body: JSON.stringify({ username: 'dave@corp.test', ms: 1000 }) });
    expect(refuse.status).toBe(404);
    expect(stdout.trim().split('\n')).toHaveLength(3); // http, https, which one to use
    expect(stderr).toContain('subscription');
  });

  it('--max-subscriptions-per-user sets the per-user subscription limit (403 + 19 above it)', async () => {
    const proc = spawn(process.execPath, [join(root, 'dist/cli.js'), '--port', '0', '--no-tls', '--data', ':memory:', '--quiet', '--max-subscriptions-per-user', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        proc.stdout!.on('data', (d) => {
          out += d;
          const m = /listening on (http:\/\/\S+)\n/.exec(out);
          if (m) resolve(m[1]);
        });
        proc.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      const subscribe = () =>
        fetch(`${url}/rest/version/1/user/alice@example.com/subscription`, {
          method: 'POST',
          headers: { Authorization: `Basic ${Buffer.from('alice@example.com:alice-secret').toString('base64')}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ subscribeRequest: { expires: 60, service: ['call'] } }),
        });
      expect((await subscribe()).status).toBe(200);
      const second = await subscribe();
      expect(second.status).toBe(403);
      expect(await second.json()).toMatchObject({ subscribeResponse: { statusCode: 19 } });
    } finally {
      proc.kill('SIGTERM');
    }
  });

  it('SB_GATEWAY_ADMIN_TOKEN enables the /admin/ endpoints (401 without the token, delivered with it)', async () => {
    const token = 'cli-admin-token-5d1e';
    const proc = spawn(process.execPath, [join(root, 'dist/cli.js'), '--port', '0', '--no-tls', '--data', ':memory:', '--quiet'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SB_GATEWAY_ADMIN_TOKEN: token },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        proc.stdout!.on('data', (d) => {
          out += d;
          const m = /listening on (http:\/\/\S+)\n/.exec(out);
          if (m) resolve(m[1]);
        });
        proc.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      const mwi = (headers: Record<string, string>) =>
        fetch(`${url}/admin/mwi`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ username: 'alice@example.com', totalVoice: 1, unheardVoice: 1 }) });
      expect((await mwi({})).status).toBe(401);
      const ok = await mwi({ Authorization: `Bearer ${token}` });
      expect([ok.status, await ok.json()]).toEqual([200, { statusCode: 0, delivered: 0 }]);
      expect((await fetch(`${url}/__test__/health`)).status).toBe(404);
    } finally {
      proc.kill('SIGTERM');
    }
  });

  it('the messaging and SIP events limit flags set their options (--max-message-bytes, --message-rate, --max-contacts-per-user, --max-sip-event-subscriptions-per-user, …)', async () => {
    const flags = ['--max-message-bytes', '5', '--message-rate', '1', '--message-rate-window-ms', '60000', '--max-stored-messages-per-user', '10',
      '--max-group-participants', '2', '--max-groups-per-user', '1', '--max-contacts-per-user', '1', '--max-watches-per-subscription', '1',
      '--presence-notification-rate', '1', '--max-sip-event-subscriptions-per-user', '1'];
    const proc = spawn(process.execPath, [join(root, 'dist/cli.js'), '--port', '0', '--no-tls', '--data', ':memory:', '--quiet', ...flags], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        proc.stdout!.on('data', (d) => {
          out += d;
          const m = /listening on (http:\/\/\S+)\n/.exec(out);
          if (m) resolve(m[1]);
        });
        proc.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      const post = (path: string, body: unknown) =>
        fetch(`${url}/rest/version/1/user/alice@example.com/${path}`, {
          method: 'POST',
          headers: { Authorization: `Basic ${Buffer.from('alice@example.com:alice-secret').toString('base64')}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
      const im = (message: string) => post('instantmessage', { imRequest: { toUrl: 'bob@example.com', message } });
      expect((await im('123456')).status).toBe(413);
      expect((await im('12345')).status).toBe(200);
      expect((await im('12345')).status).toBe(429);
      const contact = (nickname: string) => post('addressbook/contacts/', { addressBookRequest: { addressBookEntries: [{ nickname }] } });
      expect((await contact('a')).status).toBe(200);
      expect((await contact('b')).status).toBe(403);
      const presence = () => post('presence', { presenceRequest: { status: 'open', activity: 'away' } });
      expect((await presence()).status).toBe(200);
      expect((await presence()).status).toBe(429);
      const sip = (eventType: string) => post('eventSubscription', { eventSubscriptionRequest: { eventType, subscribeUserList: ['bob@example.com'] } });
      expect((await sip('event:a')).status).toBe(200);
      expect((await sip('event:b')).status).toBe(403);
    } finally {
      proc.kill('SIGTERM');
    }
  });

  it('rejects bad arguments', () => {
    expect(() => execFileSync(process.execPath, [join(root, 'dist/cli.js'), '--bogus'], { stdio: 'pipe' })).toThrow(/unknown argument/);
    expect(() => execFileSync(process.execPath, [join(root, 'dist/cli.js'), '--turn-ttl', '0'], { stdio: 'pipe' })).toThrow(/invalid --turn-ttl/);
    expect(() => execFileSync(process.execPath, [join(root, 'dist/cli.js'), '--max-subscriptions-per-user', '0'], { stdio: 'pipe' })).toThrow(/invalid --max-subscriptions-per-user/);
    expect(() => execFileSync(process.execPath, [join(root, 'dist/cli.js'), '--max-message-bytes', '1.5'], { stdio: 'pipe' })).toThrow(/invalid --max-message-bytes/);
    expect(() => execFileSync(process.execPath, [join(root, 'dist/cli.js'), '--no-tls', '--port', '0', '--data', ':memory:', '--turn-url', 'stun:x'], { stdio: 'pipe' }))
      .toThrow(/turnUrls must be/);
  });

  it('takes the TURN options: credentials from --turn-secret for --turn-ttl, the URLs printed, the secret never', async () => {
    const secret = 'cli-turn-secret-81f2';
    const args = ['--no-tls', '--port', '0', '--data', ':memory:', '--turn-url', 'turn:127.0.0.1:3478?transport=udp', '--turn-url', 'turn:127.0.0.1:3478?transport=tcp', '--turn-secret', secret, '--turn-ttl', '120'];
    const proc = spawn(process.execPath, [join(root, 'dist/cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      let err = '';
      proc.stderr!.on('data', (d) => (err += d));
      const lines = await new Promise<string[]>((resolve, reject) => {
        proc.stdout!.on('data', (d) => {
          out += d;
          if (out.split('\n').length > 2) resolve(out.trim().split('\n'));
        });
        proc.once('exit', (code) => reject(new Error(`exited with ${code}: ${err}`)));
      });
      expect(lines[1]).toBe('TURN credentials (shared secret) for turn:127.0.0.1:3478?transport=udp, turn:127.0.0.1:3478?transport=tcp: configure these URLs in call.defaultPeerConfig.iceServers');
      const url = /listening on (http:\/\/\S+)/.exec(lines[0]!)![1];
      const before = Math.floor(Date.now() / 1000);
      const res = await fetch(`${url}/rest/version/1/user/alice@example.com/subscription`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from('alice@example.com:alice-secret').toString('base64')}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ subscribeRequest: { expires: 60, service: ['call'] } }),
      });
      const turn = (await res.json()).subscribeResponse.subscriptionParams.turnCredentials;
      const expiry = Number(turn.username.split(':')[0]);
      expect(expiry - before).toBeGreaterThanOrEqual(120);
      expect(expiry - before).toBeLessThanOrEqual(121);
      expect(turn.password).toBe(createHmac('sha1', secret).update(turn.username).digest('base64'));
      expect(out + err).not.toContain(secret);
    } finally {
      proc.kill('SIGTERM');
    }
  });
});

describe('TLS', () => {
  it('serves https and wss from PEM files (http and ws alongside)', async () => {
    tlsGateway = await startGateway({ port: 0, tls: { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') } });
    expect(tlsGateway.url).toMatch(/^http:/);
    expect(tlsGateway.wsUrl).toMatch(/^ws:/);
    expect(tlsGateway.httpsUrl).toMatch(/^https:/);
    expect(tlsGateway.wssUrl).toMatch(/^wss:/);
    const agentOptions: AgentOptions = { rejectUnauthorized: false };
    const body = JSON.stringify({ subscribeRequest: { expires: 60, service: ['call'] } });
    const url = new URL(`${tlsGateway.httpsUrl}/rest/version/1/user/alice@example.com/subscription`);
    const result = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(url, {
        method: 'POST',
        agent: new Agent(agentOptions),
        headers: { Authorization: `Basic ${Buffer.from('alice@example.com:alice-secret').toString('base64')}` },
      }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
    expect(result.status).toBe(200);
    const channel = JSON.parse(result.text).subscribeResponse.subscriptionParams.notificationChannel;
    const ws = new WebSocket(tlsGateway.wssUrl + channel, { rejectUnauthorized: false });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    ws.close();
  });
});

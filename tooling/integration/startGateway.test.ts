/** `startGateway` of @switchboard/test-utils/gateway: the real gateway in-process, on a free loopback port. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEMO_USERS, startGateway, type TestGateway } from '@switchboard/test-utils/gateway';
import { makeClient, subscribe } from './helpers';

describe('startGateway', () => {
  const started: TestGateway[] = [];
  afterAll(async () => {
    for (const g of started) await g.close();
  });

  test('listens on 127.0.0.1 and a free port; a client logs in as a demo user and subscribes', async () => {
    const gateway = await startGateway();
    started.push(gateway);
    expect(gateway).toMatchObject({ host: '127.0.0.1', url: `http://127.0.0.1:${gateway.port}`, wsUrl: `ws://127.0.0.1:${gateway.port}` });
    expect(gateway.port).toBeGreaterThan(0);
    expect(gateway.users).toBe(DEMO_USERS);
    const { client } = makeClient(gateway);
    try {
      const alice = gateway.users[0]!;
      client.setCredentials({ username: alice.username, password: alice.password });
      await subscribe(client, ['call']);
      expect(gateway.hooks.subscriptions(alice.username)).toHaveLength(1);
    } finally {
      await client.destroy();
    }
  });

  test('two gateways run side by side; close() is idempotent and frees the port', async () => {
    const [a, b] = await Promise.all([startGateway(), startGateway()]);
    expect(a.port).not.toBe(b.port);
    await Promise.all([a.close(), a.close(), b.close()]);
    const again = await startGateway({ port: a.port });
    started.push(again);
    expect(again.port).toBe(a.port);
  });

  test('users can come from a YAML file; the returned list is what was loaded', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-users-'));
    try {
      const file = path.join(dir, 'users.yaml');
      fs.writeFileSync(file, 'users:\n  - username: dave@example.com\n    password: dave-secret\n');
      const gateway = await startGateway({ users: file });
      started.push(gateway);
      expect(gateway.users).toEqual([{ username: 'dave@example.com', password: 'dave-secret' }]);
      const { client } = makeClient(gateway);
      try {
        client.setCredentials({ username: 'dave@example.com', password: 'dave-secret' });
        await subscribe(client, ['call']);
        expect(gateway.hooks.subscriptions('dave@example.com')).toHaveLength(1);
      } finally {
        await client.destroy();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a non-object options argument is a synchronous TypeError', () => {
    expect(() => startGateway(42 as never)).toThrow(TypeError);
    expect(() => startGateway(null as never)).toThrow(TypeError);
  });
});

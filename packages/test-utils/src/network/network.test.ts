import { fakeFetch } from './fetch';
import { linkGateway } from './linkGateway';
import { FakeWebSocket, fakeWebSockets } from './webSocket';

describe('fakeFetch', () => {
  test('records method, path, lower-case headers and the JSON body; answers with the reply', async () => {
    const net = fakeFetch(() => ({ status: 201, body: { ok: 1 }, headers: { 'x-a': 'b' } }));
    const res = await net.fetch('https://gw.test/rest/x?y=1', { method: 'POST', headers: { 'X-Token': 't' }, body: JSON.stringify({ a: 1 }) });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-a')).toBe('b');
    await expect(res.json()).resolves.toEqual({ ok: 1 });
    expect(net.requests).toEqual([
      expect.objectContaining({ method: 'POST', path: '/rest/x', url: 'https://gw.test/rest/x?y=1', body: { a: 1 }, headers: expect.objectContaining({ 'x-token': 't' }) }),
    ]);
  });

  test('a throwing handler is a network error (TypeError); a text reply is sent as text', async () => {
    const net = fakeFetch(() => {
      throw new Error('down');
    });
    await expect(net.fetch('https://gw.test/a')).rejects.toBeInstanceOf(TypeError);
    net.handler = () => ({ status: 200, text: 'plain' });
    await expect((await net.fetch('https://gw.test/a')).text()).resolves.toBe('plain');
  });

  test('an abort before the reply rejects with the signal reason', async () => {
    let release!: () => void;
    const net = fakeFetch(() => new Promise((resolve) => (release = () => resolve({ status: 200 }))));
    const controller = new AbortController();
    const pending = net.fetch('https://gw.test/slow', { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 0));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    release();
  });

  test('linkGateway answers subscription and call-control requests', async () => {
    const net = fakeFetch(linkGateway());
    const post = await net.fetch('https://gw.test/rest/version/1/user/bob@example.com/subscription', {
      method: 'POST', body: JSON.stringify({ subscribeRequest: { service: ['call'] } }),
    });
    expect(post.status).toBe(201);
    expect((await post.json()).subscribeResponse).toMatchObject({
      subscription: '/rest/version/1/user/bob@example.com/subscription/sub-1', subscriptionParams: { service: ['call'] },
    });
    const call = await net.fetch('https://gw.test/rest/version/1/user/bob@example.com/callControl', { method: 'POST', body: '{}' });
    expect([call.status, (await call.json()).callControlResponse.sessionData]).toEqual([201, 'leg-1']);
    const del = await net.fetch('https://gw.test/rest/version/1/user/bob@example.com/subscription/sub-1', { method: 'DELETE' });
    expect(del.status).toBe(204);
  });
});

describe('FakeWebSocket', () => {
  test('opens by itself on the next macrotask; the server side delivers frames and closes', async () => {
    const Socket = fakeWebSockets();
    const ws = new Socket('wss://ws.test/x');
    const seen: string[] = [];
    ws.addEventListener('open', () => seen.push('open'));
    ws.onmessage = (e) => seen.push(`message:${String(e.data)}`);
    ws.addEventListener('close', (e) => seen.push(`close:${String(e.code)}`));
    expect(() => ws.send('early')).toThrow(expect.objectContaining({ name: 'InvalidStateError' }));
    await new Promise((r) => setTimeout(r, 0));
    ws.send('{"ping":1}');
    ws.serverMessage({ a: 1 });
    ws.serverClose(4000);
    expect(seen).toEqual(['open', 'message:{"a":1}', 'close:4000']);
    expect(ws.sentJson()).toEqual([{ ping: 1 }]);
  });

  test('isolated classes do not share instances; autoOpen "fail" errors then closes with 1006', async () => {
    const A = fakeWebSockets();
    const B = fakeWebSockets();
    A.autoOpen = 'fail';
    const a = new A('wss://a');
    new B('wss://b');
    expect([A.instances.length, B.instances.length, A.last()]).toEqual([1, 1, a]);
    expect(FakeWebSocket.instances).not.toContain(a);
    const events: string[] = [];
    a.addEventListener('error', () => events.push('error'));
    a.addEventListener('close', (e) => events.push(`close:${String(e.code)}`));
    await new Promise((r) => setTimeout(r, 0));
    expect(events).toEqual(['error', 'close:1006']);
    A.reset();
    expect([A.instances, A.autoOpen]).toEqual([[], true]);
    expect(() => A.last()).toThrow('no WebSocket');
  });

  test('autoOpen false waits for serverOpen(); the client close() fires close asynchronously', async () => {
    const Socket = fakeWebSockets();
    Socket.autoOpen = false;
    const ws = new Socket('wss://x');
    await new Promise((r) => setTimeout(r, 0));
    expect(ws.readyState).toBe(FakeWebSocket.CONNECTING);
    ws.serverOpen();
    const closed = new Promise<Record<string, unknown>>((resolve) => ws.addEventListener('close', resolve));
    ws.close(1000, 'bye');
    expect(ws.closedWith).toEqual({ code: 1000, reason: 'bye' });
    await expect(closed).resolves.toMatchObject({ code: 1000, reason: 'bye', wasClean: true });
  });
});

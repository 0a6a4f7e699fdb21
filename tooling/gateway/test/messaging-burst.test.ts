/**
 * Issue 11 point 4, the gateway's side: a burst of 1,000 IMs alice → bob reaches bob once each and
 * in the gateway's order, also when bob's socket is dropped in the middle (the channel queues and
 * flushes on reconnect), and across a gateway restart in the middle, where the sender retries with
 * its `clientCorrelator` (an idempotency key: a repeated send answers the same message, nothing is
 * sent twice).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Gateway } from '../src/index';
import { ALICE, BOB, WsClient, api, basic, connect, eventually, startTestGateway, userPath } from './helpers';

const gateways: Gateway[] = [];
const sockets: WsClient[] = [];
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-burst-'));
});
afterAll(async () => {
  for (const ws of sockets) ws.close();
  for (const gw of gateways) await gw.close();
  rmSync(dir, { recursive: true, force: true });
});
const start = async (options: Parameters<typeof startTestGateway>[0] = {}) => {
  const gw = await startTestGateway(options);
  gateways.push(gw);
  return gw;
};
const send = (gw: Gateway, text: string, clientCorrelator?: string) =>
  api(gw, 'POST', `${userPath(ALICE)}/instantmessage`, { imRequest: { toUrl: BOB, message: text, charset: 'UTF-8', type: 'A2', clientCorrelator } }, basic(ALICE));
const imIds = (...clients: WsClient[]) => clients.flatMap((ws) => ws.frames.map((f) => f.notificationMessage).filter((n) => n.eventType === 'IM').map((n) => n.eventId as string));

describe('a burst of IMs', () => {
  it('1,000 IMs (16 in flight) arrive once, in order, although bob\'s socket drops after 300 and is back after 600', async () => {
    const gw = await start();
    const bob = await connect(gw, BOB);
    sockets.push(bob.ws);
    const channel = bob.sub.subscriptionParams.notificationChannel as string;
    let next = 0;
    let acknowledged = 0;
    let again: WsClient | undefined;
    const worker = async () => {
      while (next < 1000) {
        const i = next++;
        const res = await send(gw, `burst ${i}`);
        expect(res.status).toBe(200);
        acknowledged++;
        if (acknowledged === 300) expect(gw.hooks.dropSocket(BOB, 4000)).toBe(1);
        if (acknowledged === 600) again = await WsClient.open(gw.wsUrl + channel);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    sockets.push(again!);
    await eventually(() => imIds(bob.ws, again!).length >= 1000);
    const received = imIds(bob.ws, again!);
    const history = await api(gw, 'GET', `${userPath(BOB)}/conversations/${ALICE}/messages?count=1000`, undefined, basic(BOB));
    const order = (history.body.conversationsResponse.messages as Array<{ messageId: string }>).map((m) => m.messageId).reverse();
    expect(order).toHaveLength(1000);
    expect(received).toEqual(order);
  });

  it('a restart in the middle: retried sends with their clientCorrelator are answered once; bob gets every message once, in order', async () => {
    const gw1 = await start({ data: dir });
    const bob = await connect(gw1, BOB);
    sockets.push(bob.ws);
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) ids.push((await send(gw1, `r${i}`, `c-${i}`)).body.imResponse.messageId);
    await gw1.close();

    const gw2 = await start({ data: dir });
    // The answer to c-199 was "lost": the sender repeats it, and gets the same message back.
    const repeated = await send(gw2, 'r199', 'c-199');
    expect(repeated.body.imResponse).toEqual({ statusCode: 0, messageId: ids[199], deliveryStatus: 'delivered' });
    for (let i = 200; i < 400; i++) ids.push((await send(gw2, `r${i}`, `c-${i}`)).body.imResponse.messageId);
    const conflict = await send(gw2, 'something else', 'c-5');
    expect(conflict).toMatchObject({ status: 409, body: { imResponse: { statusCode: 1004 } } });

    const again = await WsClient.open(gw2.wsUrl + bob.sub.subscriptionParams.notificationChannel);
    sockets.push(again);
    await eventually(() => imIds(bob.ws, again).length >= 400);
    expect(imIds(bob.ws, again)).toEqual(ids);
    expect(new Set(ids).size).toBe(400);
    const history = await api(gw2, 'GET', `${userPath(BOB)}/conversations/${ALICE}/messages?count=1000`, undefined, basic(BOB));
    expect(history.body.conversationsResponse.messages).toHaveLength(400);
  });

  it('refuses a malformed clientCorrelator with 400 + 38', async () => {
    const gw = await start();
    expect(await send(gw, 'x', 'has space')).toMatchObject({ status: 400, body: { imResponse: { statusCode: 38 } } });
  });
});

/**
 * Message attachments (README "Files"): upload for a user or a group, download by the uploader and
 * the destination only, the size limit and the per-user quota, malformed requests (4xx, never 5xx).
 */
import type { Gateway } from '../src/index';
import { ALICE, BOB, CAROL, api, basic, startTestGateway, userPath } from './helpers';

const gateways: Gateway[] = [];
afterAll(async () => {
  for (const gw of gateways) await gw.close();
});

async function start(options: Parameters<typeof startTestGateway>[0] = {}): Promise<Gateway> {
  const gw = await startTestGateway(options);
  gateways.push(gw);
  return gw;
}

const bytes = (n: number) => new Uint8Array(Array.from({ length: n }, (_, i) => (i * 7 + 3) % 256));
const upload = (gw: Gateway, from: string, query: string, body: Uint8Array<ArrayBuffer> | string) =>
  fetch(`${gw.url}${userPath(from)}/files?${query}`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream', ...basic(from) }, body });
const download = (gw: Gateway, user: string, fileId: string) => fetch(`${gw.url}${userPath(user)}/files/${fileId}`, { headers: basic(user) });

describe('files', () => {
  it('stores the bytes for a user; the uploader and that user download them, another user gets 404', async () => {
    const gw = await start();
    const original = bytes(100_000);
    const res = await upload(gw, ALICE, `to=${BOB}&name=${encodeURIComponent('photo ü.bin')}&type=image/png`, original);
    expect(res.status).toBe(201);
    const { fileResponse } = (await res.json()) as { fileResponse: Record<string, unknown> };
    expect(fileResponse).toEqual({ statusCode: 0, fileId: expect.stringMatching(/^file-/), url: `files/${fileResponse.fileId}`, name: 'photo ü.bin', type: 'image/png', size: 100_000 });
    for (const user of [ALICE, BOB]) {
      const got = await download(gw, user, fileResponse.fileId as string);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(original))).toBe(true);
    }
    const carol = await download(gw, CAROL, fileResponse.fileId as string);
    expect(carol.status).toBe(404);
    expect(await carol.json()).toEqual({ fileResponse: { statusCode: 42, reason: 'No such file' } });
    // Another user's path needs that user's credentials.
    const other = await fetch(`${gw.url}${userPath(BOB)}/files/${fileResponse.fileId}`, { headers: basic(CAROL) });
    expect(other.status).toBe(403);
  });

  it('lets the participants of a group download a file uploaded for it', async () => {
    const gw = await start();
    const created = await api(gw, 'POST', `${userPath(ALICE)}/groupchat`, { groupChatRequest: { participants: [BOB] } }, basic(ALICE));
    const groupId = created.body.groupChatResponse.group.groupId as string;
    const res = await upload(gw, ALICE, `to=${groupId}&name=a.txt&type=text/plain`, 'hello');
    const { fileResponse } = (await res.json()) as { fileResponse: { fileId: string } };
    expect((await download(gw, BOB, fileResponse.fileId)).status).toBe(200);
    expect((await download(gw, CAROL, fileResponse.fileId)).status).toBe(404);
  });

  it('refuses an oversized file with 413 + 5 and a full quota with 403 + 19, storing nothing', async () => {
    const gw = await start({ maxFileBytes: 1000, maxFileBytesPerUser: 1500 });
    const big = await upload(gw, ALICE, `to=${BOB}&name=big`, bytes(1001));
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ fileResponse: { statusCode: 5, reason: expect.any(String) } });
    expect((await upload(gw, ALICE, `to=${BOB}&name=one`, bytes(1000))).status).toBe(201);
    const over = await upload(gw, ALICE, `to=${BOB}&name=two`, bytes(600));
    expect(over.status).toBe(403);
    expect(await over.json()).toEqual({ fileResponse: { statusCode: 19, reason: expect.any(String) } });
    expect((await upload(gw, BOB, `to=${ALICE}&name=bob`, bytes(1000))).status).toBe(201); // the quota is per user
  });

  it.each([
    ['no destination', 'name=a', 'x', 404],
    ['an unknown destination', 'to=nobody@example.com&name=a', 'x', 404],
    ['a group of others', 'to=grp-doesnotexist1&name=a', 'x', 404],
    ['no name', `to=${BOB}`, 'x', 400],
    ['a bad type', `to=${BOB}&name=a&type=not a type`, 'x', 400],
    ['an empty body', `to=${BOB}&name=a`, '', 400],
  ])('answers %s with a 4xx', async (_label, query, body, status) => {
    const gw = gateways[0] ?? (await start());
    const res = await upload(gw, ALICE, query, body);
    expect(res.status).toBe(status);
  });

  it('answers 404 for malformed and unknown file ids, 401 without credentials', async () => {
    const gw = gateways[0] ?? (await start());
    for (const id of ['file-AAAAAAAAAAAAAAAA', '..%2F..%2Fetc', 'x'.repeat(300)]) expect((await download(gw, ALICE, id)).status).toBe(404);
    expect((await fetch(`${gw.url}${userPath(ALICE)}/files?to=${BOB}&name=a`, { method: 'POST', body: 'x' })).status).toBe(401);
  });

  it('keeps files across a restart with a data directory', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const data = mkdtempSync(join(tmpdir(), 'gw-files-'));
    try {
      const first = await startTestGateway({ data });
      const res = await upload(first, ALICE, `to=${BOB}&name=keep.bin`, bytes(5000));
      const { fileResponse } = (await res.json()) as { fileResponse: { fileId: string } };
      await first.close();
      const second = await start({ data });
      const got = await download(second, BOB, fileResponse.fileId);
      expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(bytes(5000)))).toBe(true);
      await second.close();
      gateways.splice(gateways.indexOf(second), 1);
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });
});

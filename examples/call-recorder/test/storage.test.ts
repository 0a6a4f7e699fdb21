/**
 * The `call-recorder.storage` extension point: the in-memory fallback, the IndexedDB adapter plugin
 * (over fake-indexeddb) contributed without any recorder option, and the conflict of two adapters;
 * the clients are `createTestClient`s of `@switchboard/test-utils` (./recorderClient).
 */
import { contribute, definePlugin } from '@switchboard/core';
import { IDBFactory } from 'fake-indexeddb';
import { createIndexedDbStore, createMemoryStore, indexedDbStorePlugin, recorderStorage, type Recording } from '../src';
import { createRecorderTestClient } from './recorderClient';

const recording = (id: string, startTime: number, bytes: string): Recording => ({
  id, callId: 'c1', mimeType: 'audio/webm', startTime, endTime: startTime + 5, durationMs: 5, size: bytes.length,
  reason: 'stopped', includesLocal: false, trackIds: ['t1'], blob: new Blob([bytes], { type: 'audio/webm' }),
});

describe.each([
  ['memory', () => createMemoryStore()],
  ['indexeddb', () => createIndexedDbStore({ indexedDB: new IDBFactory() })],
])('the %s store', (_name, create) => {
  it('saves, lists (oldest first, without media), reads back and removes recordings', async () => {
    const store = create();
    await store.save(recording('b', 20, 'second'));
    await store.save(recording('a', 10, 'first'));
    expect((await store.list()).map((r) => [r.id, 'blob' in r])).toEqual([['a', false], ['b', false]]);
    const read = await store.get('a');
    expect([read!.size, read!.blob.type, await read!.blob.text()]).toEqual([5, 'audio/webm', 'first']);
    expect(await store.get('zzz')).toBeUndefined();
    expect([await store.remove('a'), await store.remove('a')]).toEqual([true, false]);
    expect((await store.list()).map((r) => r.id)).toEqual(['b']);
    await store.close?.();
  });
});

it('an IndexedDB store keeps recordings across clients (the same database)', async () => {
  const indexedDB = new IDBFactory();
  const first = createIndexedDbStore({ indexedDB, databaseName: 'shared' });
  await first.save(recording('kept', 1, 'data'));
  await first.close?.();
  const second = createIndexedDbStore({ indexedDB, databaseName: 'shared' });
  expect(await (await second.get('kept'))!.blob.text()).toBe('data');
  await second.close?.();
});

describe('the extension point', () => {
  it('uses the in-memory fallback when no adapter plugin is installed', async () => {
    const t = createRecorderTestClient();
    expect(t.client.recorder.storage).toBe('memory');
    await t.destroy();
  });

  it('uses the IndexedDB adapter plugin, contributed from its definition, with no recorder option', async () => {
    const indexedDB = new IDBFactory();
    const t = createRecorderTestClient({ extra: [indexedDbStorePlugin({ indexedDB })] });
    expect(t.client.recorder.storage).toBe('indexeddb');
    const { id } = await t.connectedCall();
    await t.client.recorder.start(id);
    t.env.recorders[0]!.deliver('opus-bytes');
    const done = await t.client.recorder.stop(id);
    await t.destroy();
    // a new store over the same database finds it: it really went to IndexedDB
    const reopened = createIndexedDbStore({ indexedDB });
    expect(await (await reopened.get(done.id))!.blob.text()).toBe('opus-bytes');
    await reopened.close?.();
  });

  it('fails with SDK_EXTENSION_CONFLICT when two adapter plugins contribute a store', () => {
    const third = definePlugin({
      id: 'callback-store',
      version: '1.0.0',
      dependsOn: ['call-recorder'],
      contributes: [contribute(recorderStorage, 'callback', () => createMemoryStore())],
      register: () => ({ api: {} }),
    });
    expect(() => createRecorderTestClient({ extra: [indexedDbStorePlugin({ indexedDB: new IDBFactory() }), third] })).toThrow(
      expect.objectContaining({ code: 'SDK_EXTENSION_CONFLICT', message: expect.stringMatching(/indexeddb, callback/) }),
    );
  });
});

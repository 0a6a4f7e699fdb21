/**
 * A second recording store, in its own small adapter plugin: recordings kept in IndexedDB, so they
 * survive a reload. The plugin contributes to `call-recorder.storage` from its definition; the recorder
 * needs no option to use it. Media is stored as an ArrayBuffer (plus its MIME type), which every
 * IndexedDB implementation can clone, and turned back into a Blob when read.
 */
import { contribute, definePlugin } from '@switchboard/core';
import { recorderStorage, type RecordingStore } from '../storage';
import type { Recording, RecordingInfo } from '../types';
import { CALL_RECORDER_VERSION } from '../version';

/** Options of {@link indexedDbStorePlugin}. @public */
export interface IndexedDbStoreOptions {
  /** Name of the database. @default 'switchboard-recordings' */
  databaseName?: string;
  /** The IndexedDB factory. @default globalThis.indexedDB */
  indexedDB?: IDBFactory;
}

const STORE = 'recordings';
type Stored = RecordingInfo & { data: ArrayBuffer };

const settle = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

const committed = (tx: IDBTransaction): Promise<void> =>
  new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });

const infoOf = ({ data: _data, ...info }: Stored): RecordingInfo => info;

/** Creates an IndexedDB-backed {@link RecordingStore}; the database opens on first use. @public */
export function createIndexedDbStore(options: IndexedDbStoreOptions = {}): RecordingStore {
  const name = options.databaseName ?? 'switchboard-recordings';
  let opening: Promise<IDBDatabase> | undefined;
  const db = () =>
    (opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
      if (!factory) return reject(new Error('IndexedDB is not available in this runtime'));
      const request = factory.open(name, 1);
      request.onupgradeneeded = () => void request.result.createObjectStore(STORE, { keyPath: 'id' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    }).catch((error: unknown) => {
      opening = undefined; // the next call tries again
      throw error;
    }));
  const run = async <T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => Promise<T>): Promise<T> => {
    const tx = (await db()).transaction(STORE, mode);
    const [result] = await Promise.all([work(tx.objectStore(STORE)), committed(tx)]);
    return result;
  };
  return {
    async save(recording) {
      const { blob, ...info } = recording;
      const stored: Stored = { ...info, data: await blob.arrayBuffer() };
      await run('readwrite', (store) => settle(store.put(stored)));
    },
    async list() {
      const all = await run('readonly', (store) => settle(store.getAll() as IDBRequest<Stored[]>));
      return all.map(infoOf).sort((a, b) => a.startTime - b.startTime);
    },
    async get(id) {
      const found = await run('readonly', (store) => settle(store.get(id) as IDBRequest<Stored | undefined>));
      return found && ({ ...infoOf(found), blob: new Blob([found.data], { type: found.mimeType }) } satisfies Recording);
    },
    async remove(id) {
      return run('readwrite', async (store) => {
        const key = await settle(store.getKey(id));
        if (key === undefined) return false;
        await settle(store.delete(id));
        return true;
      });
    },
    async close() {
      const open = opening;
      opening = undefined;
      if (open) (await open.catch(() => undefined))?.close();
    },
  };
}

/**
 * An adapter plugin that stores recordings in IndexedDB. Install it next to `callRecorderPlugin()`;
 * a second storage adapter plugin makes `createClient` throw `SDK_EXTENSION_CONFLICT`.
 * @example
 * ```ts
 * createClient({ plugins: [connectivityPlugin(), mediaPlugin(), callPlugin(), callRecorderPlugin(), indexedDbStorePlugin()] })
 * ```
 * @public
 */
export function indexedDbStorePlugin(options: IndexedDbStoreOptions = {}) {
  if (typeof options !== 'object' || options === null) throw new TypeError('indexedDbStorePlugin(options): options must be an object');
  return definePlugin({
    id: 'call-recorder-indexeddb',
    version: CALL_RECORDER_VERSION,
    sdkRange: '^0.1.0',
    dependsOn: ['call-recorder'],
    contributes: [contribute(recorderStorage, 'indexeddb', () => createIndexedDbStore(options))],
    register: () => ({ api: {} }),
  });
}

/**
 * The `call-recorder.storage` extension point: where finished recordings go. The recorder plugin
 * declares it and contributes the in-memory store as its fallback; an adapter plugin (e.g.
 * `indexedDbStorePlugin()`) contributes another store from its own definition, which then wins.
 * Two adapter plugins at once make `createClient` throw `SDK_EXTENSION_CONFLICT`.
 */
import { defineExtensionPoint, type Logger } from '@switchboard/core';
import type { Recording, RecordingInfo } from './types';

/** A place to keep recordings. Every method may reject; the recorder reports `RECORDER_STORAGE_FAILED`. @public */
export interface RecordingStore {
  /** Stores a recording (replacing one with the same id). */
  save(recording: Recording): Promise<void>;
  /** Every stored recording, without media, oldest first. */
  list(): Promise<RecordingInfo[]>;
  /** One recording with its media, or undefined. */
  get(id: string): Promise<Recording | undefined>;
  /** Deletes a recording; resolves with whether it existed. */
  remove(id: string): Promise<boolean>;
  /** Releases resources (an open database); called when the client is destroyed. */
  close?(): void | Promise<void>;
}

/** What a store factory receives from the recorder. @public */
export interface RecordingStoreContext {
  /** The recorder's logger. */
  logger: Logger;
}

/** What contributors to {@link recorderStorage} supply: called once per client, when the recorder registers. @public */
export type RecordingStoreFactory = (context: RecordingStoreContext) => RecordingStore;

/** The recorder's storage extension point (id `call-recorder.storage`, as ids are `<owner plugin id>.<name>`). @public */
export const recorderStorage = defineExtensionPoint<RecordingStoreFactory>('call-recorder.storage');

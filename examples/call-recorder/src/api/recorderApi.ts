/**
 * The `client.recorder` namespace: checks argument types (a synchronous TypeError), then calls
 * the manager or the store directly. Store failures become `RECORDER_STORAGE_FAILED`.
 */
import type { RecorderManager } from '../internal/RecorderManager';
import { recorderError } from '../errors';
import type { RecordingStore } from '../storage';
import type { RecordOptions, RecorderApi } from '../types';

const OPTION_TYPES: Record<keyof RecordOptions, 'string' | 'number' | 'boolean'> = {
  mimeType: 'string',
  timeslice: 'number',
  maxDurationMs: 'number',
  includeLocal: 'boolean',
};

function assertString(method: string, name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') throw new TypeError(`recorder.${method}(${name}): ${name} must be a string, got ${typeof value}`);
}

function assertOptions(options: unknown): asserts options is RecordOptions | undefined {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError('recorder.start(callId, options): options must be an object');
  }
  for (const [key, value] of Object.entries(options)) {
    const type = OPTION_TYPES[key as keyof RecordOptions];
    if (!type) throw new TypeError(`recorder.start(callId, options): unknown option "${key}"`);
    if (value !== undefined && typeof value !== type) throw new TypeError(`recorder.start(callId, options): options.${key} must be a ${type}`);
  }
}

/** Wraps a store call so that its failure is a coded error. */
const fromStore = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (cause) {
    throw recorderError('RECORDER_STORAGE_FAILED', `The recording store failed to ${what}`, cause);
  }
};

/** Creates the `client.recorder` namespace. @internal */
export function createRecorderApi(manager: RecorderManager, store: RecordingStore, storageName: string): RecorderApi {
  return Object.freeze({
    start(callId: string, options?: RecordOptions) {
      assertString('start', 'callId', callId);
      assertOptions(options);
      return manager.start(callId, options);
    },
    stop(callId: string) {
      assertString('stop', 'callId', callId);
      return manager.stop(callId);
    },
    isRecording(callId: string) {
      assertString('isRecording', 'callId', callId);
      return manager.isRecording(callId);
    },
    getAll: () => fromStore('list', () => store.list()),
    get(recordingId: string) {
      assertString('get', 'recordingId', recordingId);
      return fromStore('read', () => store.get(recordingId));
    },
    remove(recordingId: string) {
      assertString('remove', 'recordingId', recordingId);
      return fromStore('remove', () => store.remove(recordingId));
    },
    storage: storageName,
  });
}

/**
 * `@switchboard-examples/call-recorder`: an example third-party Switchboard plugin that records
 * calls with MediaRecorder. Importing it also types `config.recorder`, the `recorder:*` events and
 * the `RECORDER_*` error codes (declaration merging into `@switchboard/core`).
 * @packageDocumentation
 */
export { callRecorderPlugin } from './plugin';
export type { CallRecorderPluginOptions } from './plugin';
export { recorderConfigDefaults, recorderConfigSection } from './config';
export type { RecorderConfig } from './config';
export { recorderEvents } from './events';
export type { RecorderErrorEvent, RecorderEventMap, RecorderStartEvent, RecorderStopEvent } from './events';
export { recorderErrorCodes } from './errors';
export type { RecorderErrorCode } from './errors';
export { recorderStorage } from './storage';
export type { RecordingStore, RecordingStoreContext, RecordingStoreFactory } from './storage';
export { createMemoryStore, memoryStoreFactory } from './adapters/memoryStore';
export { createIndexedDbStore, indexedDbStorePlugin } from './adapters/indexedDbStore';
export type { IndexedDbStoreOptions } from './adapters/indexedDbStore';
export type { MediaRecorderClass, RecorderEnvironment } from './environment';
export type { RecordOptions, RecorderApi, Recording, RecordingInfo, RecordingStopReason } from './types';
export { CALL_RECORDER_VERSION } from './version';

/**
 * The default recording store: a Map in memory, lost when the page goes. The recorder plugin
 * contributes it to `call-recorder.storage` as a fallback, so any adapter plugin replaces it.
 */
import type { RecordingStore, RecordingStoreFactory } from '../storage';
import type { Recording, RecordingInfo } from '../types';

const infoOf = ({ blob: _blob, ...info }: Recording): RecordingInfo => ({ ...info, trackIds: [...info.trackIds] });

/** Creates an in-memory {@link RecordingStore}. @public */
export function createMemoryStore(): RecordingStore {
  const recordings = new Map<string, Recording>();
  return {
    async save(recording) {
      recordings.set(recording.id, { ...recording, trackIds: [...recording.trackIds] });
    },
    async list() {
      return [...recordings.values()].map(infoOf).sort((a, b) => a.startTime - b.startTime);
    },
    async get(id) {
      const found = recordings.get(id);
      return found && { ...found, trackIds: [...found.trackIds] };
    },
    async remove(id) {
      return recordings.delete(id);
    },
    close() {
      recordings.clear();
    },
  };
}

/** The factory contributed by the recorder plugin (name `'memory'`). @public */
export const memoryStoreFactory: RecordingStoreFactory = () => createMemoryStore();

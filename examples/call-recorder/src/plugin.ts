/**
 * `callRecorderPlugin(options?)`: records the audio of calls with MediaRecorder.
 *
 * - depends on `call` (the read-only calls service `callTokens.calls`, `call:stateChange` and
 *   `call:tracksAdded`) and
 *   `media` (the track registry `mediaTokens.registry`, to reach the native tracks of a call);
 * - owns the `recorder` config section, the `recorder:*` events and the `call-recorder.storage`
 *   extension point, to which it contributes the in-memory store as the fallback;
 * - adds the `client.recorder` namespace.
 */
import { contribute, definePlugin } from '@switchboard/core';
import { callTokens, type CallStateChangeEvent, type CallTracksEvent } from '@switchboard/call';
import { mediaTokens } from '@switchboard/media';
import { memoryStoreFactory } from './adapters/memoryStore';
import { createRecorderApi } from './api/recorderApi';
import { recorderConfigSection } from './config';
import { resolveEnvironment, type RecorderEnvironment } from './environment';
import { recorderEvents } from './events';
import { RecorderManager } from './internal/RecorderManager';
import { recorderStorage } from './storage';
import type { RecorderApi } from './types';
import { CALL_RECORDER_VERSION } from './version';

/** Options of {@link callRecorderPlugin}. @public */
export interface CallRecorderPluginOptions {
  /** Replaces the browser globals the recorder uses (tests, unusual runtimes). */
  environment?: RecorderEnvironment;
}

/**
 * Creates the call recorder plugin.
 * @example
 * ```ts
 * const client = createClient({
 *   plugins: [connectivityPlugin(), mediaPlugin(), callPlugin(), callRecorderPlugin()],
 *   config: { recorder: { autoRecord: true } },
 * })
 * client.on('recorder:stop', async ({ recordingId }) => console.log(await client.recorder.get(recordingId)))
 * ```
 * @public
 */
export function callRecorderPlugin(options: CallRecorderPluginOptions = {}) {
  if (typeof options !== 'object' || options === null) throw new TypeError('callRecorderPlugin(options): options must be an object');
  if (options.environment !== undefined && (typeof options.environment !== 'object' || options.environment === null)) {
    throw new TypeError('callRecorderPlugin(options): options.environment must be an object');
  }
  return definePlugin({
    id: 'call-recorder',
    version: CALL_RECORDER_VERSION,
    sdkRange: '^0.1.0',
    dependsOn: ['call', 'media'],
    config: [recorderConfigSection],
    events: recorderEvents,
    deps: { calls: callTokens.calls, media: mediaTokens.registry },
    extensionPoints: [recorderStorage],
    contributes: [contribute(recorderStorage, 'memory', memoryStoreFactory, { fallback: true })],
    register(ctx): { api: { recorder: RecorderApi }; dispose: () => Promise<void> } {
      const storage = ctx.extension(recorderStorage);
      const store = storage.value({ logger: ctx.logger });
      const manager = new RecorderManager({
        calls: ctx.deps.calls,
        media: ctx.deps.media,
        store,
        env: resolveEnvironment(options.environment),
        config: () => ctx.config.section('recorder'),
        events: ctx.events,
        logger: ctx.logger,
      });
      const onStateChange = ({ callId, state }: CallStateChangeEvent) => manager.handleStateChange(callId, state);
      ctx.events.on('call:stateChange', onStateChange);
      ctx.disposer.add(() => void ctx.events.off('call:stateChange', onStateChange));
      const onTracksAdded = ({ callId }: CallTracksEvent) => manager.handleTracksAdded(callId);
      ctx.events.on('call:tracksAdded', onTracksAdded);
      ctx.disposer.add(() => void ctx.events.off('call:tracksAdded', onTracksAdded));
      ctx.logger.debug(`call recorder ready (storage: ${storage.name})`);
      return {
        api: { recorder: createRecorderApi(manager, store, storage.name) },
        async dispose() {
          manager.dispose();
          await store.close?.();
        },
      };
    },
  });
}

/**
 * `voicemailPlugin()`: adds `client.voicemail` (seed 000 `voicemail`): message-waiting indicators,
 * fetched and updated by `mwi` notifications (they come on `call` subscriptions).
 */
import { BasicError, contribute, definePlugin } from '@switchboard/core';
import { connectivityTokens } from '@switchboard/connectivity';
import { messagingError } from '../errors';
import { linkVoicemailBackendFactory, voicemailBackendExtensionPoint, type VoicemailBackend, type VoicemailBackendFactory } from './backend';
import { voicemailEvents } from './events';
import type { VoicemailApi, VoicemailData } from './types';

/** Options of {@link voicemailPlugin}. @public */
export interface VoicemailPluginOptions {
  /** A backend (or factory) instead of the Link adapter. @default the Link adapter */
  backend?: VoicemailBackendFactory | VoicemailBackend;
}

/** The voicemail plugin's version. @public */
export const VOICEMAIL_PLUGIN_VERSION = '0.1.0';

const copy = (d: VoicemailData): VoicemailData => JSON.parse(JSON.stringify(d)) as VoicemailData;

/**
 * Creates the voicemail plugin (id `voicemail`; it needs `connectivity`).
 * @example
 * ```ts
 * client.on('voicemail:change', ({ unheardVoice }) => badge(unheardVoice))
 * await client.voicemail.fetch()
 * ```
 * @public
 */
export function voicemailPlugin(options: VoicemailPluginOptions = {}) {
  if (typeof options !== 'object' || options === null) throw new TypeError('voicemailPlugin(options): options must be an object');
  const chosen = options.backend;
  if (chosen !== undefined && typeof chosen !== 'function' && (typeof chosen !== 'object' || chosen === null)) {
    throw new TypeError('voicemailPlugin(options): options.backend must be a backend or a backend factory');
  }
  const contributions = [contribute(voicemailBackendExtensionPoint, 'link', linkVoicemailBackendFactory, { fallback: true })];
  if (chosen !== undefined) contributions.push(contribute(voicemailBackendExtensionPoint, 'option', typeof chosen === 'function' ? chosen : () => chosen));
  return definePlugin({
    id: 'voicemail',
    version: VOICEMAIL_PLUGIN_VERSION,
    sdkRange: '^0.1.0',
    dependsOn: ['connectivity'],
    events: voicemailEvents,
    extensionPoints: [voicemailBackendExtensionPoint],
    contributes: contributions,
    deps: { transport: connectivityTokens.transport, notifications: connectivityTokens.notifications },
    register(ctx): {
      api: {
        /** The `voicemail` namespace. */
        voicemail: VoicemailApi;
      };
      dispose: () => void;
    } {
      const { transport, notifications } = ctx.deps;
      const backend = ctx.extension(voicemailBackendExtensionPoint).value({ transport, notifications, logger: ctx.logger });
      let data: VoicemailData | undefined;
      let disposed = false;
      const legacy = ctx.config.compatibility !== undefined;
      const update = (next: VoicemailData) => {
        if (disposed) return;
        data = next;
        ctx.events.emit('voicemail:change', copy(next));
        if (legacy) ctx.events.emit('voicemail:new', copy(next));
      };
      const stop = backend.listen(update);
      const voicemail: VoicemailApi = Object.freeze({
        async fetch() {
          try {
            update(await backend.fetch());
          } catch (cause) {
            const error = cause instanceof BasicError ? cause : messagingError('VOICEMAIL_REQUEST_FAILED', 'voicemail.fetch() failed', cause);
            ctx.logger.warn('voicemail.fetch() failed', error);
            if (!disposed) ctx.events.emit('voicemail:error', { error });
            throw error;
          }
        },
        get: () => (data ? copy(data) : undefined),
      });
      return {
        api: { voicemail },
        dispose: () => {
          disposed = true;
          stop();
        },
      };
    },
  });
}

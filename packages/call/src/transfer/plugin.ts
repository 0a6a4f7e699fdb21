/**
 * `callTransferPlugin()`: adds `forward`, `directTransfer`, `consultativeTransfer` and `join` to
 * the `call` namespace (seed 000). A separate import: a client with only `callPlugin()` has none
 * of them and pays nothing for them. It drives the calls through the call plugin's
 * `callTokens.lookup` service and sends its requests over the connectivity transport (Link).
 */
import { definePlugin } from '@switchboard/core';
import { connectivityTokens } from '@switchboard/connectivity';
import type { CallConfig } from '../config';
import { webAudioMixer, type AudioMixerFactory } from '../internal/audioMixer';
import { forwardOperation } from '../operations/forward';
import { joinOperation } from '../operations/join';
import { Renegotiator } from '../operations/renegotiate';
import { consultativeTransferOperation, directTransferOperation } from '../operations/transfer';
import { callTokens } from '../tokens';
import { Conferences } from './conference';
import { callTransferEvents } from './events';
import { linkTransferRequests } from './link';
import { OUTCOME_NOTIFICATIONS, TransferOutcomes } from './outcomes';

/** Options of {@link callTransferPlugin}. @public */
export interface CallTransferPluginOptions {
  /** Mixes the audio of a joined call. @default WebAudio (one AudioContext per joined call) */
  mixer?: AudioMixerFactory;
}

/** The methods the plugin adds to `client.call`. @public */
export interface CallTransferApi {
  /**
   * Forwards an incoming call that is still alerting (Initiated or Ringing) to `destination`
   * (normalized like `make`'s). Tracked as `FORWARD_CALL` in `call:operation`; the call then ends.
   * @throws TypeError when an argument is not a string. `CALL_NOT_FOUND`, `INVALID_ARGUMENT` (a
   *   malformed destination) and `CALL_INVALID_STATE` are reported in `call:operation`; nothing is sent.
   */
  forward(callId: string, destination: string): void;
  /**
   * Transfers the far end of a locally held call to `destination` (blind transfer). Tracked as
   * `DIRECT_TRANSFER`; on success the call ends (`call:stateChange` Ended, statusCode 9905), on
   * failure it stays held.
   * @throws TypeError when an argument is not a string; refusals as for `forward`.
   */
  directTransfer(callId: string, destination: string): void;
  /**
   * Connects the far ends of two locally held calls (warm transfer). Tracked as
   * `CONSULTATIVE_TRANSFER` on both calls; on success both calls end.
   * @throws TypeError when an argument is not a string; refusals as for `forward`.
   */
  consultativeTransfer(callId: string, otherCallId: string): void;
  /**
   * Joins two locally held calls into a local three-way audio call mixed in this client; the
   * joined call is announced with `call:join` and carries the first call's custom parameters.
   * Tracked as `JOIN` on both calls. The two calls stay listed (they carry the media) until the
   * joined call ends; ending the joined call ends both.
   * @throws TypeError when an argument is not a string; refusals as for `forward`.
   */
  join(callId: string, otherCallId: string): void;
}

/** The transfer plugin's version. @public */
export const CALL_TRANSFER_PLUGIN_VERSION = '0.1.0';

/**
 * Creates the transfer plugin (id `call-transfer`; it needs `call` and `connectivity`).
 * @example
 * ```ts
 * const client = createClient({ plugins: [connectivityPlugin(), mediaPlugin(), callPlugin(), callTransferPlugin()] })
 * client.call.hold(callId) // then, once On Hold:
 * client.call.directTransfer(callId, 'sip:carol@example.com')
 * ```
 * @public
 */
export function callTransferPlugin(options: CallTransferPluginOptions = {}) {
  if (typeof options !== 'object' || options === null) throw new TypeError('callTransferPlugin(options): options must be an object');
  if (options.mixer !== undefined && typeof options.mixer !== 'function') throw new TypeError('callTransferPlugin(options): options.mixer must be a function');
  return definePlugin({
    id: 'call-transfer',
    version: CALL_TRANSFER_PLUGIN_VERSION,
    sdkRange: '^0.1.0',
    dependsOn: ['call', 'connectivity'],
    events: callTransferEvents,
    deps: {
      transport: connectivityTokens.transport,
      notifications: connectivityTokens.notifications,
      calls: callTokens.lookup,
      backend: callTokens.backend,
    },
    register(ctx): {
      api: {
        /** The methods added to the `call` namespace. */
        call: CallTransferApi;
      };
      dispose: () => void;
    } {
      const { transport, notifications, calls, backend } = ctx.deps;
      const { events, logger } = ctx;
      const outcomes = new TransferOutcomes({ calls, backend, logger });
      const conferences = new Conferences({ events, logger });
      const stop = notifications.register(OUTCOME_NOTIFICATIONS, (n) => outcomes.handle(n));
      const c = {
        calls, backend, events, logger, outcomes, conferences,
        renegotiator: new Renegotiator({ backend, events, logger }),
        requests: linkTransferRequests(transport),
        // The call plugin's section (its defaults applied), read at use time.
        config: () => (ctx.config.get() as unknown as { call: CallConfig }).call,
        userId: () => ctx.auth.getUserInfo().username,
        mixer: options.mixer ?? webAudioMixer,
      };
      const api: CallTransferApi = {
        forward: forwardOperation(c),
        directTransfer: directTransferOperation(c),
        consultativeTransfer: consultativeTransferOperation(c),
        join: joinOperation(c),
      };
      return {
        api: { call: api },
        dispose: () => {
          stop();
          outcomes.dispose();
          conferences.dispose();
        },
      };
    },
  });
}

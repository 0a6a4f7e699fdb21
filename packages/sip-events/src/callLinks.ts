/**
 * `links.callId` of `sip:eventsChange`: which call of this client a gateway call leg is. The
 * `sip-events` plugin exports a {@link SipCallLinks} registry; `sipCallLinksPlugin()` (needs the
 * call plugin) fills it from the call plugin's exported services — the calls (`callTokens.calls`)
 * and each call's gateway leg id (`callTokens.control`, `CallHandle.sessionId`) — so that
 * `sip-events` itself works without the call plugin.
 */
import { createToken, definePlugin } from '@switchboard/core';
import { callTokens } from '@switchboard/call';
import { SIP_EVENTS_PLUGIN_VERSION } from './version';

/** Maps a gateway call leg id to this client's call id. @public */
export type SipCallResolver = (legId: string) => string | undefined;

/** Where the local-call resolver of `links.callId` is set. @public */
export interface SipCallLinks {
  /** Sets (or with undefined removes) the resolver. */
  setResolver(resolver: SipCallResolver | undefined): void;
}

/** The SIP events plugin's tokens. @public */
export const sipEventsTokens = /* @__PURE__ */ Object.freeze({
  /** The local-call resolver registry of `links.callId`. */
  callLinks: createToken<SipCallLinks>('sip-events.callLinks'),
});

/**
 * Creates the plugin (id `sip-call-links`; needs `call` and `sip-events`) that links SIP events to
 * this client's calls: `sip:eventsChange` `links.callId` is the local call id when the event's
 * `sessionData` is the gateway leg of one of this client's calls. The preset installs it.
 * @example
 * ```ts
 * createClient({ plugins: [connectivityPlugin(), mediaPlugin(), callPlugin(), sipEventsPlugin(), sipCallLinksPlugin()] })
 * ```
 * @public
 */
export function sipCallLinksPlugin() {
  return definePlugin({
    id: 'sip-call-links',
    version: SIP_EVENTS_PLUGIN_VERSION,
    sdkRange: '^0.1.0',
    dependsOn: ['call', 'sip-events'],
    deps: { calls: callTokens.calls, control: callTokens.control, links: sipEventsTokens.callLinks },
    register(ctx) {
      const { calls, control, links } = ctx.deps;
      links.setResolver((legId) => calls.getAll().find((call) => control.get(call.id)?.sessionId === legId)?.id);
      return { api: {}, dispose: () => links.setResolver(undefined) };
    },
  });
}

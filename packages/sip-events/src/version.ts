/** The version of the SIP events plugins (`sip-events`, `sip-call-links`). @public */
export const SIP_EVENTS_PLUGIN_VERSION = '0.1.0';

/** The version of this package's plugins (`presence`, `user`, `contacts`). @public */
export const PRESENCE_PLUGIN_VERSION = '0.1.0';

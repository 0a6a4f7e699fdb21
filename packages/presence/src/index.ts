/**
 * `@switchboard/presence`: three plugins over the Link gateway — `presencePlugin()` (the `presence`
 * namespace: own and watched presence, `on-the-phone` during calls), `userPlugin()` (the `user`
 * namespace: the directory) and `contactsPlugin()` (the `contacts` namespace: the personal
 * address book). Each has its backend extension point with the Link adapter as the default.
 * @packageDocumentation
 */
export { PRESENCE_PLUGIN_VERSION } from './version';
export { presenceErrorCodes } from './errors';
export type { PresenceErrorCode } from './errors';
// presence
export { presencePlugin } from './presence/plugin';
export type { PresencePluginOptions } from './presence/plugin';
export { statuses, activities } from './presence/constants';
export type { PresenceActivity, PresenceStatusValue } from './presence/constants';
export { presenceConfigDefaults } from './presence/config';
export type { PresenceConfig } from './presence/config';
export { presenceEvents } from './presence/events';
export type { PresenceErrorEvent, PresenceEventMap, PresenceSubscriptionEvent } from './presence/events';
export { presenceBackendExtensionPoint } from './presence/backend';
export type { PresenceBackend, PresenceBackendContext, PresenceBackendFactory, PresenceUpdate } from './presence/backend';
export { linkPresenceBackend, linkPresenceBackendFactory } from './presence/link';
export type { PresenceApi, PresenceChangeEvent, PresenceStatus } from './presence/types';
// user (directory)
export { userPlugin } from './user/plugin';
export type { UserPluginOptions } from './user/plugin';
export { userEvents } from './user/events';
export type { UserErrorEvent, UserEventMap, UsersResultEvent } from './user/events';
export { userBackendExtensionPoint } from './user/backend';
export type { DirectoryQuery, UserBackend, UserBackendContext, UserBackendFactory } from './user/backend';
export { linkUserBackend, linkUserBackendFactory } from './user/link';
export type { User, UserApi, UserID, UserSearchFilters, UserSearchOptions } from './user/types';
// contacts (address book)
export { contactsPlugin } from './contacts/plugin';
export type { ContactsPluginOptions } from './contacts/plugin';
export { contactsEvents } from './contacts/events';
export type { ContactsErrorEvent, ContactsEventMap, ContactsNewEvent } from './contacts/events';
export { contactsBackendExtensionPoint } from './contacts/backend';
export type { ContactsBackend, ContactsBackendContext, ContactsBackendFactory } from './contacts/backend';
export { linkContactsBackend, linkContactsBackendFactory } from './contacts/link';
export type { Contact, ContactsApi } from './contacts/types';

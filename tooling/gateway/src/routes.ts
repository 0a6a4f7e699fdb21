/**
 * The gateway's REST routes in one list: what the router serves (the `/__test__/` hooks aside),
 * and what the security suite (`test/security/`) walks, so that a new route is covered there
 * automatically.
 */
import { addressBookRoutes, type AddressBook } from './address-book';
import type { CallManager } from './calls';
import { callRoutes } from './call-routes';
import { clickToCallRoutes } from './click-to-call';
import type { CallHistory } from './history';
import { directoryRoutes } from './directory';
import { historyRoutes } from './history-routes';
import type { MessageService } from './messages';
import { messagingRoutes } from './messaging-routes';
import { notImplementedRoutes } from './not-implemented';
import { type PushStore, pushRoutes } from './push';
import type { PresenceService } from './presence';
import { presenceRoutes } from './presence-routes';
import type { Route } from './router';
import { sipEventRoutes, type SipEvents } from './sip-events';
import { subscriptionRoutes } from './subscription-routes';
import type { SubscriptionManager } from './subscriptions';
import type { UserDirectory } from './users';
import { voicemailRoutes, type Voicemail } from './voicemail';

/** What the route handlers work on. */
export interface RouteDeps {
  subs: SubscriptionManager;
  calls: CallManager;
  push: PushStore;
  users: UserDirectory;
  history: CallHistory;
  messages: MessageService;
  presence: PresenceService;
  contacts: AddressBook;
  voicemail: Voicemail;
  sipEvents: SipEvents;
}

const localization: Route = {
  method: 'GET',
  path: '/rest/version/1/localization',
  wrapper: null,
  auth: false,
  handler: () => ({ status: 200, body: { acceptLanguage: 'en-US' } }),
};

/**
 * Every REST route of the protocol, in matching order: the implemented ones first, then the
 * 501 answers of the operations not implemented yet (a real implementation added above wins).
 * Building the list touches no dependency, so the list can be read without a running gateway.
 */
export function apiRoutes({ subs, calls, push, users, history, messages, presence, contacts, voicemail, sipEvents }: RouteDeps): Route[] {
  return [
    ...subscriptionRoutes(subs),
    ...callRoutes(calls),
    ...historyRoutes(history),
    ...clickToCallRoutes(calls),
    ...messagingRoutes(messages),
    ...presenceRoutes(presence),
    ...voicemailRoutes(voicemail),
    ...sipEventRoutes(sipEvents),
    ...directoryRoutes(users, contacts),
    ...addressBookRoutes(contacts),
    ...pushRoutes(push, users, subs),
    localization,
    ...notImplementedRoutes(),
  ];
}

/** The `notification` namespace (seed 000 `notification`, plus the 001/002 push calls). */
import { BasicError } from '@switchboard/core';
import type { NotificationsConfig } from '../config';
import { invalidArgument } from '../errors';
import type { NotificationRouter } from '../internal/NotificationRouter';
import { pushBody, type PushRegistrations } from '../internal/PushRegistrations';
import type { NotificationChannel } from '../tokens';
import type { AndroidPushParams, ApplePushParams, PushRegistrationInfo, RegisterPushParams } from '../types';
import { isPlainObject, optionalString, requireBoolean, stringList } from './validate';

/** The `notification` namespace (also exposed as `notifications`). @public */
export interface NotificationApi {
  /** Feeds an externally received notification (e.g. a push payload) to the SDK. @param channel @default 'PUSH' */
  process(notification: object | string, channel?: NotificationChannel | string): void;
  /** Turns the processing of websocket notifications on or off. */
  enableWebsocket(enable: boolean): void;
  /** Registers with Apple push; resolves with the registration info. */
  registerApplePush(params: ApplePushParams): Promise<PushRegistrationInfo>;
  /** Registers with Google push; resolves with the registration info. */
  registerAndroidPush(params: AndroidPushParams): Promise<PushRegistrationInfo>;
  /** Removes an Apple push registration (the info or its `registration` path). */
  unregisterApplePush(registrationInfo: PushRegistrationInfo | string): Promise<undefined>;
  /** Removes an Android push registration (the info or its `registration` path). */
  unregisterAndroidPush(registrationInfo: PushRegistrationInfo | string): Promise<undefined>;
  /** Compatibility (001/002): one registration call; `pushProvider` is `'apple'` or `'google'`. */
  registerPush(params: RegisterPushParams): Promise<PushRegistrationInfo>;
  /** Compatibility (001/002): removes the registration made by `registerPush` (or the last one). */
  deregisterPush(): Promise<undefined>;
}

/** What the namespace uses. @internal */
export interface NotificationApiDeps {
  router: NotificationRouter;
  push: PushRegistrations;
  config(): NotificationsConfig;
  setWebsocketEnabled(enable: boolean): void;
}

function registrationPath(method: string, info: unknown): string {
  const path = isPlainObject(info) ? info.registration : info;
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw invalidArgument(method, 'registrationInfo must be the registration info or its path (starting with "/").');
  }
  return path;
}

function common(method: string, p: Record<string, unknown>) {
  return {
    service: stringList(method, 'params.services', p.services),
    bundleID: optionalString(method, 'params.bundleId', p.bundleId),
    clientCorrelator: optionalString(method, 'params.clientCorrelator', p.clientCorrelator),
    realm: optionalString(method, 'params.realm', p.realm),
  };
}

function params(method: string, p: unknown): Record<string, unknown> {
  if (!isPlainObject(p)) throw new TypeError(`${method}: params must be an object`);
  return p;
}

/** Builds the `notification` namespace. @internal */
export function createNotificationApi(d: NotificationApiDeps): NotificationApi {
  const apple = (p: Record<string, unknown>, m: string) => {
    const body = common(m, p);
    const voip = optionalString(m, 'params.voipDeviceToken', p.voipDeviceToken);
    const standard = optionalString(m, 'params.standardDeviceToken', p.standardDeviceToken);
    if (!voip && !standard) throw invalidArgument(m, 'params.voipDeviceToken or params.standardDeviceToken is required.');
    if (p.isProduction !== undefined && typeof p.isProduction !== 'boolean') throw invalidArgument(m, 'params.isProduction must be a boolean.');
    return d.push.register('apple', pushBody({ ...body, isProduction: p.isProduction, voipDeviceToken: voip, standardDeviceToken: standard }));
  };
  const google = (p: Record<string, unknown>, m: string) => {
    const body = common(m, p);
    const deviceToken = optionalString(m, 'params.deviceToken', p.deviceToken);
    if (!deviceToken) throw invalidArgument(m, 'params.deviceToken is required.');
    return d.push.register('google', pushBody({ ...body, deviceToken }));
  };
  return {
    process(notification, channel = 'PUSH') {
      const m = 'notification.process()';
      if (typeof channel !== 'string') throw new TypeError(`${m}: channel must be a string`);
      const ch = channel.toUpperCase();
      if (ch !== 'PUSH' && ch !== 'WEBSOCKET') throw invalidArgument(m, `unknown channel "${channel}"; use 'PUSH' or 'WEBSOCKET'.`);
      let envelope: unknown = notification;
      if (typeof notification === 'string') {
        try {
          envelope = JSON.parse(notification);
        } catch {
          throw invalidArgument(m, 'notification is not valid JSON.');
        }
      } else if (typeof notification !== 'object' || notification === null) {
        throw new TypeError(`${m}: notification must be an object`);
      }
      const message = isPlainObject(envelope) ? envelope.notificationMessage : undefined;
      if (!isPlainObject(message) || typeof message.eventType !== 'string') {
        throw invalidArgument(m, 'notification must be { notificationMessage: { eventType, eventId, ... } }.');
      }
      d.router.dispatch(envelope as object, ch);
    },
    enableWebsocket(enable) {
      d.setWebsocketEnabled(requireBoolean('notification.enableWebsocket()', 'enable', enable));
    },
    registerApplePush: (p) => apple(params('notification.registerApplePush()', p), 'notification.registerApplePush()'),
    registerAndroidPush: (p) => google(params('notification.registerAndroidPush()', p), 'notification.registerAndroidPush()'),
    unregisterApplePush: (info) => d.push.unregister(registrationPath('notification.unregisterApplePush()', info)),
    unregisterAndroidPush: (info) => d.push.unregister(registrationPath('notification.unregisterAndroidPush()', info)),
    registerPush(p) {
      const m = 'notification.registerPush()';
      const o = params(m, p);
      if (o.pushProvider !== 'apple' && o.pushProvider !== 'google') throw invalidArgument(m, "params.pushProvider must be 'apple' or 'google'.");
      const c = d.config();
      const merged = { bundleId: c.bundleId, realm: c.realm, ...o };
      return o.pushProvider === 'apple'
        ? apple({ ...merged, voipDeviceToken: o.deviceToken, standardDeviceToken: o.deviceToken }, m)
        : google(merged, m);
    },
    deregisterPush() {
      const last = d.push.last;
      if (!last) throw new BasicError('PUSH_REGISTRATION_FAILED', 'notification.deregisterPush(): there is no push registration to remove.');
      return d.push.unregister(last.registration);
    },
  };
}

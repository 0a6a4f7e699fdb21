/** The `notification` namespace (seed 000 `notification`, plus the 001/002 push calls). */
import type { NotificationsConfig } from '../config';
import { err } from '../errors';
import type { NotificationRouter } from '../internal/NotificationRouter';
import type { PushRegistrations } from '../internal/PushRegistrations';
import type { NotificationChannel } from '../tokens';
import type { AndroidPushParams, ApplePushParams, PushRegistrationInfo, RegisterPushParams } from '../types';
import { check, isPlainObject, need, stringList } from './validate';

/**
 * The `notification` namespace, also exposed as `notifications` (an alias: the same methods on the same state): seed 000
 * names the namespace `notification` yet links `api.notifications.process` and
 * `notifications.registerPush`, so both spellings are part of the API.
 * @public
 */
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
}

const N = 'notification.';
const APPLE = ['voipDeviceToken', 'standardDeviceToken'];
const GOOGLE = ['deviceToken'];

/** The registration path of `info` (the info object or the path itself). */
function registrationPath(method: string, info: unknown): string {
  const path = isPlainObject(info) ? info.registration : info;
  check(typeof path === 'string' && path[0] === '/', N + method, 'registrationInfo must be the registration info or its path');
  return path;
}

/** Builds the `notification` namespace. @internal */
export function createNotificationApi(d: NotificationApiDeps): NotificationApi {
  /** Validates push parameters and registers; `tokens` are the device-token parameters (one is required). */
  const register = (apple: boolean, method: string, params: unknown, extra?: object) => {
    const m = N + method;
    need(isPlainObject(params), m, 'params must be an object');
    const p: Record<string, unknown> = { ...extra, ...params };
    const tokens = apple ? APPLE : GOOGLE;
    const strings = ['clientCorrelator', 'realm', ...tokens];
    const body: Record<string, unknown> = { service: stringList(m, 'params.services', p.services), bundleID: p.bundleId };
    for (const k of strings) body[k] = p[k];
    check(['bundleId', ...strings].every((k) => p[k] === undefined || typeof p[k] === 'string'), m, `params.${strings.join('/')}/bundleId must be strings`);
    check(tokens.some((k) => p[k]), m, `params.${tokens.join(' or params.')} is required`);
    if (apple) {
      check(p.isProduction === undefined || typeof p.isProduction === 'boolean', m, 'params.isProduction must be a boolean');
      body.isProduction = p.isProduction;
    }
    return d.push.register(apple ? 'apple' : 'google', body);
  };
  return {
    process(notification, channel = 'PUSH') {
      const m = `${N}process()`;
      need(typeof channel === 'string', m, 'channel must be a string');
      const ch = channel.toUpperCase();
      check(ch === 'PUSH' || ch === 'WEBSOCKET', m, `unknown channel "${channel}"`);
      let envelope: unknown = notification;
      if (typeof notification === 'string') {
        try {
          envelope = JSON.parse(notification);
        } catch {
          // NOTE: reported below as not a notification.
        }
      } else need(typeof notification === 'object' && notification, m, 'notification must be an object');
      const message = isPlainObject(envelope) && envelope.notificationMessage;
      check(isPlainObject(message) && typeof message.eventType === 'string', m, 'not a { notificationMessage: { eventType } } object');
      d.router.dispatch(envelope as object, ch);
    },
    enableWebsocket(enable) {
      need(typeof enable === 'boolean', `${N}enableWebsocket()`, 'enable must be a boolean');
      d.router.websocketEnabled = enable;
    },
    registerApplePush: (p) => register(true, 'registerApplePush()', p),
    registerAndroidPush: (p) => register(false, 'registerAndroidPush()', p),
    unregisterApplePush: (info) => d.push.unregister(registrationPath('unregisterApplePush()', info)),
    unregisterAndroidPush: (info) => d.push.unregister(registrationPath('unregisterAndroidPush()', info)),
    registerPush(p) {
      const m = 'registerPush()';
      need(isPlainObject(p), N + m, 'params must be an object');
      const apple = p.pushProvider === 'apple';
      check(apple || p.pushProvider === 'google', N + m, "params.pushProvider must be 'apple' or 'google'");
      const { bundleId, realm } = d.config();
      return register(apple, m, apple ? { ...p, voipDeviceToken: p.deviceToken, standardDeviceToken: p.deviceToken } : p, { bundleId, realm });
    },
    deregisterPush() {
      const last = d.push.last;
      if (!last) return Promise.reject(err('PUSH_REGISTRATION_FAILED', `${N}deregisterPush(): no push registration`));
      return d.push.unregister(last.registration);
    },
  };
}

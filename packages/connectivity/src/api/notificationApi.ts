/** The `notification` namespace (seed 000 `notification`, plus the 001/002 push calls). */
import type { NotificationsConfig } from '../config';
import { err, invalidArgument } from '../errors';
import type { NotificationRouter } from '../internal/NotificationRouter';
import type { PushRegistrations } from '../internal/PushRegistrations';
import type { NotificationChannel } from '../tokens';
import type { AndroidPushParams, ApplePushParams, PushRegistrationInfo, RegisterPushParams } from '../types';
import { check, isPlainObject, need, optional, rejectingValues, stringList } from './validate';

/**
 * The `notification` namespace, also exposed as `notifications` (an alias: the same methods on the same state): seed 000
 * names the namespace `notification` yet links `api.notifications.process` and
 * `notifications.registerPush`, so both spellings are part of the API.
 * @public
 */
export interface NotificationApi {
  /**
   * Feeds an externally received notification (e.g. a push payload) to the SDK. @param channel @default 'PUSH'
   * @throws TypeError when `notification` is neither an object nor a string or `channel` is not a
   *   string; BasicError `INVALID_ARGUMENT` for a payload that is not a notification or an unknown channel.
   */
  process(notification: object | string, channel?: NotificationChannel | string): void;
  /** Turns the processing of websocket notifications on or off. @throws TypeError when `enable` is not a boolean. */
  enableWebsocket(enable: boolean): void;
  /**
   * Registers with Apple push; resolves with the registration info.
   * @throws TypeError when `params` is not an object, `services` not an array of strings, a token,
   *   `bundleId`, `realm` or `clientCorrelator` not a string or `isProduction` not a boolean. Rejects
   *   with BasicError `INVALID_ARGUMENT` (nothing sent) for no service, an empty name or no device token.
   */
  registerApplePush(params: ApplePushParams): Promise<PushRegistrationInfo>;
  /** Registers with Google push; resolves with the registration info. @throws like {@link NotificationApi.registerApplePush}. */
  registerAndroidPush(params: AndroidPushParams): Promise<PushRegistrationInfo>;
  /**
   * Removes an Apple push registration (the info or its `registration` path).
   * @throws TypeError when the path is not a string; rejects with BasicError `INVALID_ARGUMENT` when it is not absolute.
   */
  unregisterApplePush(registrationInfo: PushRegistrationInfo | string): Promise<undefined>;
  /** Removes an Android push registration (the info or its `registration` path). @throws like {@link NotificationApi.unregisterApplePush}. */
  unregisterAndroidPush(registrationInfo: PushRegistrationInfo | string): Promise<undefined>;
  /**
   * Compatibility (001/002): one registration call; `pushProvider` is `'apple'` or `'google'`.
   * @throws like {@link NotificationApi.registerApplePush}; an unknown `pushProvider` rejects with `INVALID_ARGUMENT`.
   */
  registerPush(params: RegisterPushParams): Promise<PushRegistrationInfo>;
  /** Compatibility (001/002): removes the registration made by `registerPush` (or the last one); rejects `PUSH_REGISTRATION_FAILED` without one. */
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
  need(typeof path === 'string', N + method, 'registrationInfo must be the registration info or its path');
  check(path[0] === '/', N + method, 'registrationInfo.registration must be an absolute path');
  return path;
}

/** Builds the `notification` namespace. @internal */
export function createNotificationApi(d: NotificationApiDeps): NotificationApi {
  const unregister = (method: string, info: unknown) => rejectingValues(() => d.push.unregister(registrationPath(method, info)));
  /** Validates push parameters (types throw, values reject) and registers; one of the device tokens is required. */
  const register = (apple: boolean, method: string, params: unknown, extra?: object) => {
    const m = N + method;
    need(isPlainObject(params), m, 'params must be an object');
    const p: Record<string, unknown> = { ...extra, ...params };
    const tokens = apple ? APPLE : GOOGLE;
    const strings = ['clientCorrelator', 'realm', ...tokens];
    for (const k of ['bundleId', ...strings]) optional(m, `params.${k}`, p[k], 'string');
    if (apple) optional(m, 'params.isProduction', p.isProduction, 'boolean');
    need(Array.isArray(p.services) && p.services.every((s) => typeof s === 'string'), m, 'params.services must be an array of strings');
    return rejectingValues(() => {
      const body: Record<string, unknown> = { service: stringList(m, 'params.services', p.services), bundleID: p.bundleId };
      for (const k of strings) body[k] = p[k];
      check(tokens.some((k) => p[k]), m, `params.${tokens.join(' or params.')} is required`);
      if (apple) body.isProduction = p.isProduction;
      return d.push.register(apple ? 'apple' : 'google', body);
    });
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
    unregisterApplePush: (info) => unregister('unregisterApplePush()', info),
    unregisterAndroidPush: (info) => unregister('unregisterAndroidPush()', info),
    registerPush(p) {
      const m = 'registerPush()';
      need(isPlainObject(p), N + m, 'params must be an object');
      need(typeof p.pushProvider === 'string', N + m, "params.pushProvider must be a string, 'apple' or 'google'");
      optional(N + m, 'params.deviceToken', p.deviceToken, 'string');
      const apple = p.pushProvider === 'apple';
      if (!apple && p.pushProvider !== 'google') {
        return Promise.reject(invalidArgument(N + m, "params.pushProvider must be 'apple' or 'google'"));
      }
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

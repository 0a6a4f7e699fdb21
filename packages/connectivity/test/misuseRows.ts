/** Misuse rows of the connectivity plugin (see packages/core/test/misuse.ts). */
import { aliasRows, type MisuseRow, type MisuseTable } from '../../core/test/misuse';
import type { ConnectivityApi } from '../src/index';

const IA = 'INVALID_ARGUMENT';
const valid = { notificationMessage: { eventType: 'IM' } };
const apple = { services: ['call'], voipDeviceToken: 'v' };
const android = { services: ['call'], deviceToken: 'd' };

/** Wrong types shared by the four register calls: `params` and its `services` list. */
const pushTypes = (base: Record<string, unknown>, token: string): unknown[][] => [
  [], [null], ['params'], [[]],
  [{ ...base, services: 'call' }], [{ ...base, services: [42] }],
  [{ ...base, [token]: 42 }], [{ ...base, clientCorrelator: 5 }], [{ ...base, realm: 5 }], [{ ...base, bundleId: 5 }],
];

const notificationRows: MisuseRow[] = [
  {
    method: 'notification.process',
    wrongTypes: [[], [null], [42], [valid, 3]],
    wrongValues: [
      { args: ['{bad json'], code: IA, via: 'throw' },
      { args: [{}], code: IA, via: 'throw' },
      { args: [valid, 'SMS'], code: IA, via: 'throw' },
    ],
  },
  { method: 'notification.enableWebsocket', wrongTypes: [[], ['yes'], [1]], reason: 'both booleans are valid' },
  {
    method: 'notification.registerApplePush',
    wrongTypes: [...pushTypes(apple, 'voipDeviceToken'), [{ ...apple, isProduction: 'no' }]],
    wrongValues: [
      { args: [{ services: ['call'] }], code: IA, via: 'reject' },
      { args: [{ ...apple, services: [] }], code: IA, via: 'reject' },
      { args: [{ ...apple, services: [''] }], code: IA, via: 'reject' },
    ],
  },
  {
    method: 'notification.registerAndroidPush',
    wrongTypes: pushTypes(android, 'deviceToken'),
    wrongValues: [
      { args: [{ services: ['call'] }], code: IA, via: 'reject' },
      { args: [{ ...android, deviceToken: '' }], code: IA, via: 'reject' },
    ],
  },
  ...(['unregisterApplePush', 'unregisterAndroidPush'] as const).map((m) => ({
    method: `notification.${m}`,
    wrongTypes: [[], [null], [5], [{ registration: 5 }]],
    wrongValues: [
      { args: ['relative/path'], code: IA, via: 'reject' as const },
      { args: [''], code: IA, via: 'reject' as const },
      { args: [{ registration: 'relative' }], code: IA, via: 'reject' as const },
    ],
  })),
  {
    method: 'notification.registerPush',
    wrongTypes: [...pushTypes({ ...android, pushProvider: 'google' }, 'deviceToken'), [{ ...android, pushProvider: 5 }]],
    wrongValues: [
      { args: [{ ...android, pushProvider: 'ms' }], code: IA, via: 'reject' },
      { args: [{ services: ['call'], pushProvider: 'google' }], code: IA, via: 'reject' },
    ],
  },
  {
    method: 'notification.deregisterPush',
    noArgs: 'takes no arguments; the wrong state is "nothing registered"',
    wrongValues: [{ args: [], code: 'PUSH_REGISTRATION_FAILED', via: 'reject' }],
  },
];

/** Connectivity's misuse table. */
export const connectivityMisuse: MisuseTable = {
  plugin: 'connectivity',
  state: (client) => {
    const c = client as ConnectivityApi;
    const { lastContact: _ignored, ...socket } = c.connection.getSocketState();
    return { subscriptions: c.services.getSubscriptions(), connection: c.getConnection(), services: c.getServices(), socket };
  },
  rows: [
    {
      method: 'connect',
      wrongTypes: [[], [null], ['alice'], [[]], [{ username: 42, password: 'p' }]],
      wrongValues: [{ args: [{ username: 'alice@example.com' }], code: 'INVALID_CREDENTIALS', via: 'throw' }],
    },
    { method: 'disconnect', noArgs: 'ends the subscription; not called here' },
    {
      method: 'updateConnection',
      wrongTypes: [[], [null], ['call'], [{ services: 'call' }], [{ services: [42] }]],
      wrongValues: [
        { args: [{ services: [] }], code: IA, via: 'throw' },
        { args: [{ services: [''] }], code: IA, via: 'throw' },
      ],
    },
    { method: 'getConnection', noArgs: 'returns a snapshot' },
    { method: 'getServices', noArgs: 'returns a snapshot' },
    {
      method: 'services.subscribe',
      wrongTypes: [
        [], ['call'], [[42]], [[null]], [[{}]], [[{ service: 42 }]], [[{ service: 'call', params: 3 }]],
        [['call'], 5], [['call'], null], [['call'], { forceLogOut: 'yes' }], [['call'], { clientCorrelator: 5 }], [['call'], { type: 7 }],
      ],
      wrongValues: [
        { args: [[]], code: IA, via: 'throw' },
        { args: [['']], code: IA, via: 'throw' },
        { args: [[{ service: '' }]], code: IA, via: 'throw' },
        { args: [['call'], 'sms'], code: IA, via: 'throw' },
        { args: [['call'], { type: 'sms' }], code: IA, via: 'throw' },
      ],
    },
    {
      method: 'services.unsubscribe',
      wrongTypes: [[], ['call'], [[42]], [['call'], 7]],
      wrongValues: [
        { args: [[]], code: IA, via: 'throw' },
        { args: [['']], code: IA, via: 'throw' },
        { args: [['call'], 'sms'], code: IA, via: 'throw' },
      ],
    },
    { method: 'services.getSubscriptions', noArgs: 'returns a snapshot' },
    {
      method: 'connection.getSocketState',
      wrongTypes: [[1], [null], [{}]],
      wrongValues: [{ args: ['cpaas'], code: IA, via: 'throw' }],
    },
    { method: 'connection.enableConnectivityChecking', wrongTypes: [[], ['yes'], [1]], reason: 'both booleans are valid' },
    { method: 'connection.resetConnection', noArgs: 'drops the websocket; not called here' },
    {
      method: 'request.fetch',
      wrongTypes: [[], [5], [null], ['/rest', 'init'], ['/rest', null], ['/rest', []]],
      wrongValues: [{ args: [''], code: IA, via: 'reject' }],
    },
    ...notificationRows,
    ...aliasRows(notificationRows, 'notification', 'notifications'),
  ],
};

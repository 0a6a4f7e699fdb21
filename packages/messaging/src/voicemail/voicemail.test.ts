/**
 * The voicemail plugin over the Link adapter (protocol §9.1, §4.15) with the test-utils fakes.
 */
import { createClient } from '@switchboard/core';
import { FakeLinkTransport, FakeNotificationRegistry, fakeConnectivityPlugin } from '@switchboard/test-utils';
import { voicemailPlugin } from './plugin';

function setup(compatibility?: '001') {
  const transport = new FakeLinkTransport();
  const notifications = new FakeNotificationRegistry();
  const client = createClient({
    plugins: [fakeConnectivityPlugin({ transport, notifications }).plugin, voicemailPlugin()],
    config: { logs: { logLevel: 'silent' }, compatibility },
  });
  const events: Array<[string, unknown]> = [];
  client.subscribe((type, ...args) => void (type.startsWith('voicemail') && events.push([type, args[0]])));
  return { client, transport, notifications, events };
}

test('fetch(): GET voicemail; the counts (strings) become numbers; voicemail:change; get() returns a copy', async () => {
  const env = setup();
  expect(env.client.voicemail.get()).toBeUndefined();
  env.transport.responder = () => ({
    ok: true, status: 200,
    body: { mwiresponse: { statusCode: 0, mwi: 'yes', totalVoice: '3', unheardVoice: '1', voice: { new: '1', old: '2' } } },
  });
  await env.client.voicemail.fetch();
  expect(env.transport.sent.map((s) => [s.method, s.path])).toEqual([['GET', '/rest/version/1/user/alice@example.com/voicemail']]);
  const expected = { lastUpdated: expect.any(Number), newMessagesWaiting: true, totalVoice: 3, unheardVoice: 1, voice: { new: 1, old: 2 } };
  expect(env.events).toEqual([['voicemail:change', expected]]);
  const data = env.client.voicemail.get()!;
  expect(data).toEqual(expected);
  data.totalVoice = 99;
  expect(env.client.voicemail.get()!.totalVoice).toBe(3);
  await env.client.destroy();
});

test('no voicemail box (statusCode 52) rejects VOICEMAIL_REQUEST_FAILED and emits voicemail:error; the data is kept', async () => {
  const env = setup();
  env.transport.responder = () => ({ ok: true, status: 200, body: { mwiresponse: { statusCode: 52 } } });
  await expect(env.client.voicemail.fetch()).rejects.toMatchObject({ code: 'VOICEMAIL_REQUEST_FAILED' });
  expect(env.events).toEqual([['voicemail:error', { error: expect.objectContaining({ code: 'VOICEMAIL_REQUEST_FAILED' }) }]]);
  expect(env.client.voicemail.get()).toBeUndefined();
  await env.client.destroy();
});

test('mwi notifications update the data (voicemail:change, and voicemail:new under 001); malformed ones are dropped', async () => {
  const env = setup('001');
  env.notifications.deliver({ eventType: 'mwi', time: 1718000000000, mwiNotificationParams: { mwi: 'no', totalVoice: '2', unheardVoice: '0' } });
  env.notifications.deliver({ eventType: 'mwi', mwiNotificationParams: { mwi: 'yes', totalVoice: 'many' } });
  env.notifications.deliver({ eventType: 'mwi' });
  const data = { lastUpdated: 1718000000000, newMessagesWaiting: false, totalVoice: 2, unheardVoice: 0 };
  expect(env.events).toEqual([['voicemail:change', data], ['voicemail:new', data]]);
  expect(env.client.voicemail.get()).toEqual(data);
  await env.client.destroy();
});

test('voicemailPlugin(options): options and options.backend of the wrong type throw TypeError', () => {
  expect(() => voicemailPlugin(null as never)).toThrow(TypeError);
  expect(() => voicemailPlugin({ backend: 5 as never })).toThrow(TypeError);
});

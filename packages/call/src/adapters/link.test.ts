import { errorResponse, FakeLinkTransport, FakeNotificationRegistry } from '@switchboard/test-utils';
import { linkCallBackend as createLinkBackend } from './link';
import type { CallSignal } from './backend';

const silent = { debug() {}, info() {}, warn() {}, error() {} } as never;
const linkCallBackend = (transport: FakeLinkTransport, notifications = new FakeNotificationRegistry()) =>
  createLinkBackend({ transport, notifications, logger: silent });

const U = '/rest/version/1/user/alice@example.com';

describe('linkCallBackend (protocol §5)', () => {
  let t: FakeLinkTransport;
  beforeEach(() => {
    t = new FakeLinkTransport();
  });

  test('callStart: POST callControl with from/to/sdp; supported and customParameters only when set', async () => {
    const backend = linkCallBackend(t);
    await expect(backend.start({ from: 'sip:alice@example.com', to: 'sip:bob@example.com', sdp: 'v=0\r\n', earlyMedia: false })).resolves.toEqual({ sessionId: 'leg-a-1' });
    expect(t.sent[0]).toMatchObject({
      path: `${U}/callControl`, method: 'POST',
      body: { callControlRequest: { type: 'callStart', from: 'sip:alice@example.com', to: 'sip:bob@example.com', sdp: 'v=0\r\n' } },
    });
    expect(Object.keys((t.sent[0]!.body as { callControlRequest: object }).callControlRequest).sort()).toEqual(['from', 'sdp', 'to', 'type']);
    await backend.start({ from: 'A<sip:a@x>', to: 'sip:b@x', sdp: 's', earlyMedia: true, customParameters: [{ name: 'X-T', value: '1' }] });
    expect(t.sent[1]!.body).toEqual({
      callControlRequest: { type: 'callStart', from: 'A<sip:a@x>', to: 'sip:b@x', sdp: 's', supported: ['earlymedia'], customParameters: [{ name: 'X-T', value: '1' }] },
    });
  });

  test('callStart without sessionData or with an error status fails with CALL_REQUEST_FAILED', async () => {
    const backend = linkCallBackend(t);
    t.responder = () => ({ ok: true, status: 201, body: { callControlResponse: { statusCode: 0 } } });
    await expect(backend.start({ from: 'a', to: 'b', sdp: 's', earlyMedia: false })).rejects.toMatchObject({ code: 'CALL_REQUEST_FAILED' });
    t.responder = () => errorResponse(404, 1004, 'bad request');
    await expect(backend.start({ from: 'a', to: 'b', sdp: 's', earlyMedia: false })).rejects.toMatchObject({ code: 'CALL_REQUEST_FAILED', message: expect.stringContaining('1004') });
  });

  test('leg operations: exact paths, methods and bodies', async () => {
    const b = linkCallBackend(t);
    await b.ringing('leg-b-1');
    await b.answer('leg-b-1', 'ans');
    await b.startUpdate('leg-b-1', 'off', [{ name: 'X', value: 'y' }]);
    await b.respondUpdate('leg-b-1', 'ans2');
    await b.reject('leg-b-1');
    await b.end('leg-b-1');
    const leg = `${U}/callControl/callSessions/leg-b-1`;
    expect(t.sent.map((s) => [s.method, s.path, s.body])).toEqual([
      ['PUT', leg, { callControlRequest: { type: 'ringing' } }],
      ['PUT', leg, { callControlRequest: { type: 'callAnswer', sdp: 'ans' } }],
      ['PUT', leg, { callControlRequest: { type: 'startCallUpdate', sdp: 'off', customParameters: [{ name: 'X', value: 'y' }] } }],
      ['PUT', leg, { callControlRequest: { type: 'respondCallUpdate', sdp: 'ans2' } }],
      ['POST', `${U}/calldisposition`, { callDispositionRequest: { action: 'reject', sessionData: 'leg-b-1' } }],
      ['DELETE', leg, undefined],
    ]);
    expect(t.sent[5]!.options.expectBody).toBe(false);
  });

  test('audit: PUT type audit with a 4 s timeout; 42 means gone, other errors reject', async () => {
    const b = linkCallBackend(t);
    await expect(b.audit('leg-a-1')).resolves.toBe('alive');
    expect(t.sent[0]).toMatchObject({ method: 'PUT', path: `${U}/callControl/callSessions/leg-a-1`, body: { callControlRequest: { type: 'audit' } } });
    expect(t.sent[0]!.options.timeoutMs).toBe(4000);
    t.responder = () => errorResponse(404, 42, 'Call session not found');
    await expect(b.audit('leg-a-1')).resolves.toBe('gone');
    t.responder = () => errorResponse(500, 26);
    await expect(b.audit('leg-a-1')).rejects.toMatchObject({ code: 'CALL_REQUEST_FAILED' });
  });

  test('query (§5.17): GET of the leg; RINGING / ANSWERED; 47 means gone, other errors reject', async () => {
    const b = linkCallBackend(t);
    t.responder = () => ({ ok: true, status: 200, body: { callControlResponse: { statusCode: 0, state: 'ANSWERED' } } });
    await expect(b.query!('leg-a-1')).resolves.toBe('ANSWERED');
    expect(t.sent[0]).toMatchObject({ path: `${U}/callControl/callSessions/leg-a-1` });
    expect(t.sent[0]!.options.method ?? 'GET').toBe('GET');
    t.responder = () => ({ ok: true, status: 200, body: { callControlResponse: { state: 'RINGING' } } });
    await expect(b.query!('leg-a-1')).resolves.toBe('RINGING');
    t.responder = () => ({ ok: true, status: 200, body: { callControlResponse: { state: 'SOMETHING' } } });
    await expect(b.query!('leg-a-1')).resolves.toBe('RINGING'); // unknown: "no change"
    t.responder = () => errorResponse(404, 47, 'Call session not found');
    await expect(b.query!('leg-a-1')).resolves.toBe('gone');
    t.responder = () => errorResponse(500, 26);
    await expect(b.query!('leg-a-1')).rejects.toMatchObject({ code: 'CALL_REQUEST_FAILED' });
  });

  test('sendCustomHeaders (§5.12): PUT with the parameters', async () => {
    const b = linkCallBackend(t);
    await b.sendCustomHeaders!('leg-a-1', [{ name: 'X-S', value: 'rec' }]);
    expect(t.sent[0]).toMatchObject({
      method: 'PUT', path: `${U}/callControl/callSessions/leg-a-1`,
      body: { callControlRequest: { type: 'sendCustomHeaders', customParameters: [{ name: 'X-S', value: 'rec' }] } },
    });
  });

  test('listen: Link call notifications become call signals; malformed ones are dropped', () => {
    const notifications = new FakeNotificationRegistry();
    const signals: CallSignal[] = [];
    const stop = linkCallBackend(new FakeLinkTransport(), notifications).listen((s) => void signals.push(s));
    const sdp = 'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\n';
    notifications.deliver({
      eventType: 'call', eventId: '1', sessionParams: { sessionData: 'leg-1', sdp },
      callNotificationParams: { callerDisplayNumber: 'sip:bob@x' }, customParameters: [{ name: 'X-A', value: '1' }, { name: 5 }],
    });
    notifications.deliver({ eventType: 'respondCallUpdate', eventId: '2', statusCode: '49', sessionParams: { sessionData: 'leg-1', reasonText: 'no' } });
    notifications.deliver({ eventType: 'callEnd', eventId: '3', sessionParams: { sessionData: 'leg-1', statusCode: 9900 } });
    notifications.deliver({ eventType: 'ringing', eventId: '4', sessionParams: {} });
    notifications.deliver({ eventType: 'startCallUpdate', eventId: '5', sessionParams: { sessionData: 'leg-1', sdp: 'not sdp' } });
    notifications.deliver({ eventType: 'sessionProgress', eventId: '6', sessionParams: { sessionData: 'leg-1', sdp, sdpFormat: 'compressed' } });
    expect(signals).toEqual([
      { kind: 'incoming', sessionId: 'leg-1', sdp, remote: { callerDisplayNumber: 'sip:bob@x' }, customParameters: [{ name: 'X-A', value: '1' }] },
      { kind: 'answer', sessionId: 'leg-1', statusCode: 49, reasonText: 'no' },
      { kind: 'ended', sessionId: 'leg-1', statusCode: 9900 },
    ]);
    stop();
    notifications.deliver({ eventType: 'callEnd', eventId: '7', sessionParams: { sessionData: 'leg-1' } });
    expect(signals).toHaveLength(3);
    expect(notifications.handlers).toHaveLength(0);
  });

  test('listen: statusCode comes from the top level for respondCallUpdate only; sdpFormat and odd fields', () => {
    const notifications = new FakeNotificationRegistry();
    const signals: CallSignal[] = [];
    linkCallBackend(new FakeLinkTransport(), notifications).listen((s) => void signals.push(s));
    const sdp = 'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\n';
    // respondCallUpdate: a statusCode inside sessionParams is not the refusal's; callEnd: the top-level one is not the end's
    notifications.deliver({ eventType: 'respondCallUpdate', eventId: '1', sessionParams: { sessionData: 'leg-1', sdp, statusCode: 49 } });
    notifications.deliver({ eventType: 'callEnd', eventId: '2', statusCode: 9900, sessionParams: { sessionData: 'leg-1', reasonText: 'bye' } });
    // sdpFormat: unknown → SDP as-is; 'url' with an SDP → dropped; 'compressed' without SDP → kept
    notifications.deliver({ eventType: 'call', eventId: '3', sessionParams: { sessionData: 'leg-2', sdp, sdpFormat: 'plain-ish' } });
    notifications.deliver({ eventType: 'startCallUpdate', eventId: '4', sessionParams: { sessionData: 'leg-2', sdp, sdpFormat: 'url' } });
    notifications.deliver({ eventType: 'callCancel', eventId: '5', sessionParams: { sessionData: 'leg-2', sdpFormat: 'compressed' } });
    // malformed: non-string sdp, empty sessionData, unknown event type, no sessionParams at all
    notifications.deliver({ eventType: 'startCallUpdate', eventId: '6', sessionParams: { sessionData: 'leg-2', sdp: 5 } });
    notifications.deliver({ eventType: 'callEnd', eventId: '7', sessionParams: { sessionData: '' } });
    notifications.deliver({ eventType: 'call', eventId: '8' });
    // an empty SDP is a slow-start offer; a string statusCode is a number
    notifications.deliver({ eventType: 'startCallUpdate', eventId: '9', sessionParams: { sessionData: 'leg-2', sdp: '' } });
    notifications.deliver({ eventType: 'respondCallUpdate', eventId: '10', statusCode: ' ', sessionParams: { sessionData: 'leg-2', sdp } });
    expect(signals).toEqual([
      { kind: 'answer', sessionId: 'leg-1', sdp },
      { kind: 'ended', sessionId: 'leg-1', reasonText: 'bye' },
      { kind: 'incoming', sessionId: 'leg-2', sdp },
      { kind: 'cancelled', sessionId: 'leg-2' },
      { kind: 'update', sessionId: 'leg-2' },
      { kind: 'answer', sessionId: 'leg-2', sdp },
    ]);
  });
});

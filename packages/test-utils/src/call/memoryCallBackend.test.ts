import { BasicError } from '@switchboard/core';
import type { CallSignal } from '@switchboard/call';
import { createMemoryCallBackend } from './memoryCallBackend';

const request = { from: 'sip:alice@x', to: 'sip:bob@x', sdp: 'v=0\r\n', earlyMedia: false };

describe('createMemoryCallBackend', () => {
  test('records every operation synchronously, with its leg, SDP and custom parameters', async () => {
    const b = createMemoryCallBackend();
    const started = b.start({ ...request, customParameters: [{ name: 'X', value: '1' }] });
    expect(b.operations).toEqual([
      { op: 'start', sessionId: 'mem-leg-1', sdp: 'v=0\r\n', request: { ...request, customParameters: [{ name: 'X', value: '1' }] }, customParameters: [{ name: 'X', value: '1' }] },
    ]);
    await expect(started).resolves.toEqual({ sessionId: 'mem-leg-1' });
    await b.answer('in-1', 'ans', [{ name: 'Y', value: '2' }]);
    await b.respondUpdate('in-1', 'ans2', []);
    await b.ringing('in-1');
    await b.reject('in-1');
    await b.end('in-1');
    await b.startUpdate('in-1', 'off');
    await expect(b.audit('in-1')).resolves.toBe('alive');
    b.auditResult = 'gone';
    await expect(b.audit('in-1')).resolves.toBe('gone');
    expect(b.operations.slice(1)).toEqual([
      { op: 'answer', sessionId: 'in-1', sdp: 'ans', customParameters: [{ name: 'Y', value: '2' }] },
      { op: 'respondUpdate', sessionId: 'in-1', sdp: 'ans2' },
      { op: 'ringing', sessionId: 'in-1' },
      { op: 'reject', sessionId: 'in-1' },
      { op: 'end', sessionId: 'in-1' },
      { op: 'startUpdate', sessionId: 'in-1', sdp: 'off' },
      { op: 'audit', sessionId: 'in-1' },
      { op: 'audit', sessionId: 'in-1' },
    ]);
    expect(b.of('audit')).toHaveLength(2);
    await expect(createMemoryCallBackend({ sessionIdPrefix: 'leg-a-' }).start(request)).resolves.toEqual({ sessionId: 'leg-a-1' });
  });

  test('next waits for a later operation; waitFor also finds a recorded one; both time out with the recorded list', async () => {
    const b = createMemoryCallBackend({ waitTimeoutMs: 50 });
    await b.ringing('a');
    const found = b.waitFor('ringing');
    const later = b.next('ringing', (o) => o.sessionId === 'b');
    void b.ringing('a');
    void b.ringing('b');
    await expect(found).resolves.toMatchObject({ sessionId: 'a' });
    await expect(later).resolves.toMatchObject({ sessionId: 'b' });
    expect(b.operations).toHaveLength(3);
    await expect(b.next('end')).rejects.toThrow('no "end" operation in 50 ms; recorded: ringing, ringing, ringing');
  });

  test('fail rejects every later call until cleared; hold parks calls until released', async () => {
    const b = createMemoryCallBackend();
    const error = new BasicError('CALL_REQUEST_FAILED', 'no');
    b.fail('end', error);
    await expect(b.end('x')).rejects.toBe(error);
    await expect(b.end('y')).rejects.toBe(error);
    b.fail('end', undefined);
    await expect(b.end('z')).resolves.toBeUndefined();

    const gate = b.hold('start');
    let settled = false;
    const started = b.start(request).then((r) => ((settled = true), r));
    await gate.reached;
    expect(b.of('start')).toHaveLength(1); // recorded while held
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    gate.release();
    await expect(started).resolves.toEqual({ sessionId: 'mem-leg-1' });
    const held = b.hold('answer');
    const answered = b.answer('x', 'sdp');
    await held.reached;
    held.fail(error);
    await expect(answered).rejects.toBe(error);
  });

  test('signals reach the listener; remote builders make valid signals; stop ends listening', () => {
    const b = createMemoryCallBackend();
    expect(() => b.remote.ringing('x')).toThrow('no call plugin is listening');
    const got: CallSignal[] = [];
    const stop = b.listen((s) => void got.push(s));
    expect(b.listening).toBe(true);
    b.remote.incoming({ sessionId: 'in', sdp: 'v=0\r\n', remote: { callerName: 'Bob' }, customParameters: [{ name: 'X', value: '1' }] });
    b.remote.incoming({ sessionId: 'slow' });
    b.remote.ringing('a', { remoteName: 'Bob' });
    b.remote.progress('a', 'pr');
    b.remote.answer('a', 'ans');
    b.remote.refuse('a', 49, 'Busy');
    b.remote.update('a');
    b.remote.update('a', 'off', { customParameters: [{ name: 'Y', value: '2' }] });
    b.remote.end('a', { statusCode: 0, reasonText: 'bye' });
    b.remote.cancel('in');
    b.signal({ kind: 'ringing', sessionId: 'raw' });
    expect(got).toEqual([
      { kind: 'incoming', sessionId: 'in', sdp: 'v=0\r\n', remote: { callerName: 'Bob' }, customParameters: [{ name: 'X', value: '1' }] },
      { kind: 'incoming', sessionId: 'slow' },
      { kind: 'ringing', sessionId: 'a', remote: { remoteName: 'Bob' } },
      { kind: 'progress', sessionId: 'a', sdp: 'pr' },
      { kind: 'answer', sessionId: 'a', sdp: 'ans' },
      { kind: 'answer', sessionId: 'a', statusCode: 49, reasonText: 'Busy' },
      { kind: 'update', sessionId: 'a' },
      { kind: 'update', sessionId: 'a', sdp: 'off', customParameters: [{ name: 'Y', value: '2' }] },
      { kind: 'ended', sessionId: 'a', statusCode: 0, reasonText: 'bye' },
      { kind: 'cancelled', sessionId: 'in' },
      { kind: 'ringing', sessionId: 'raw' },
    ]);
    stop();
    expect(b.listening).toBe(false);
  });
});

/** The in-memory call backend example of README.md, verbatim (apart from the import paths), so it cannot rot. */
import { chromeAnswer, chromeOffer, createMemoryCallBackend, createTestClient, memoryCallBackendPlugin, until } from './index';

test('a call in both directions over the in-memory call backend', async () => {
  const backend = createMemoryCallBackend();
  // The adapter plugin contributes the backend through the call plugin's extension point.
  const t = createTestClient({ plugins: [memoryCallBackendPlugin(backend)] });
  try {
    t.client.services.subscribe(['call']);
    await until(() => t.client.services.getSubscriptions().subscribed.includes('call'));

    // Outgoing: the call plugin's operations are recorded; the test plays bob.
    const callId = t.client.call.make('bob@example.com', { audio: true });
    const start = await backend.waitFor('start');
    expect(start.request).toMatchObject({ to: 'sip:bob@example.com', earlyMedia: false });
    backend.remote.ringing(start.sessionId);
    backend.remote.answer(start.sessionId, chromeAnswer);
    await until(() => t.client.call.getById(callId)?.state === 'Connected');
    t.client.call.end(callId);
    expect(await backend.waitFor('end')).toEqual({ op: 'end', sessionId: start.sessionId });

    // Incoming: carol calls; the plugin sends ringing feedback, then the app answers.
    backend.remote.incoming({ sessionId: 'in-1', sdp: chromeOffer, remote: { callerDisplayNumber: 'carol@example.com' } });
    const [{ callId: incoming }] = t.of('call:receive') as Array<{ callId: string }>;
    await backend.waitFor('ringing', (o) => o.sessionId === 'in-1');
    t.client.call.answer(incoming, { audio: true });
    const answer = await backend.waitFor('answer');
    expect(answer.sdp).toContain('a=setup:active');
    await until(() => t.client.call.getById(incoming)?.state === 'Connected');
    expect(t.fetch.requests.filter((r) => r.path.includes('/callControl'))).toEqual([]); // nothing went to the Link gateway
  } finally {
    await t.destroy();
  }
});

/** The example of README.md, verbatim (apart from the import paths), so it cannot rot. */
import { definePlugin } from '@switchboard/core';
import { chromeAnswer, createTestClient, until } from './index';

// The plugin under test: counts the tracks each call adds.
const trackCounter = () =>
  definePlugin({
    id: 'track-counter',
    version: '1.0.0',
    dependsOn: ['call'],
    register(ctx) {
      const counts = new Map<string, number>();
      ctx.events.on('call:tracksAdded', ({ callId, trackIds }) => counts.set(callId, (counts.get(callId) ?? 0) + trackIds.length));
      return { api: { trackCounter: { of: (callId: string) => counts.get(callId) ?? 0 } } };
    },
  });

test('counts the local and remote tracks of a call', async () => {
  const t = createTestClient({ plugins: [trackCounter()] });
  try {
    t.client.services.subscribe(['call']);
    await until(() => t.client.services.getSubscriptions().subscribed.includes('call'));

    const callId = t.client.call.make('bob@example.com', { audio: true });
    await until(() => t.of('call:start').length === 1);
    // The gateway's answer arrives on the notification socket.
    t.sockets.last().serverMessage({
      notificationMessage: { eventType: 'respondCallUpdate', eventId: 'e1', sessionParams: { sessionData: 'leg-1', sdp: chromeAnswer } },
    });
    await until(() => t.client.call.getById(callId)?.state === 'Connected');

    expect(t.client.trackCounter.of(callId)).toBe(2); // the microphone and bob's audio
    expect(t.media.mediaDevices.userMediaCalls).toEqual([expect.objectContaining({ audio: expect.anything() })]);
  } finally {
    await t.destroy();
  }
});

import type { Logger } from '@switchboard/core';
import { applyNetworkPriority } from './networkPriority';

const logger = () => {
  const warnings: unknown[][] = [];
  return { warnings, logger: { warn: (...a: unknown[]) => void warnings.push(a) } as unknown as Logger };
};

/** A sender whose setParameters keeps (Chromium) or drops (Firefox, Safari) `networkPriority`. */
function sender(keeps: boolean, encodings: object[] = [{}]) {
  let stored: { encodings: Array<Record<string, unknown>> } = { encodings: encodings.map((e) => ({ ...e })) };
  return {
    track: { kind: 'audio' },
    getParameters: () => ({ encodings: stored.encodings.map((e) => ({ ...e })) }),
    setParameters: async (p: { encodings: Array<Record<string, unknown>> }) => {
      stored = { encodings: p.encodings.map(({ networkPriority, ...rest }) => (keeps ? { ...rest, networkPriority } : rest)) };
    },
  } as unknown as RTCRtpSender;
}

describe('applyNetworkPriority (dscpControls)', () => {
  it('sets the priority on every encoding where the browser supports it (Chromium)', async () => {
    const l = logger();
    const s = sender(true, [{}, { rid: 'h' }]);
    await expect(applyNetworkPriority(s, 'high', l.logger)).resolves.toBe(true);
    expect(s.getParameters().encodings.map((e) => (e as { networkPriority?: string }).networkPriority)).toEqual(['high', 'high']);
    expect(l.warnings).toEqual([]);
  });
  it('reports a browser that drops it (Firefox, Safari) as unsupported, without failing', async () => {
    const l = logger();
    await expect(applyNetworkPriority(sender(false), 'medium', l.logger)).resolves.toBe(false);
    expect(String(l.warnings[0]?.[0])).toMatch(/does not support a network priority for audio sender/);
  });
  it('fills in an encoding when there is none, and never rejects', async () => {
    const l = logger();
    await expect(applyNetworkPriority(sender(true, []), 'low', l.logger)).resolves.toBe(true);
    const broken = { getParameters: () => ({ encodings: [{}] }), setParameters: () => Promise.reject(new Error('InvalidModificationError')) } as unknown as RTCRtpSender;
    await expect(applyNetworkPriority(broken, 'low', l.logger)).resolves.toBe(false);
    expect(String(l.warnings[0]?.[0])).toMatch(/could not apply/);
  });
});

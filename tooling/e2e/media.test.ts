/**
 * `@switchboard/media` in each browser of the matrix (src/matrix.ts), both sides in that browser: `getBrowserDetails`, `initializeDevices`
 * → `devices:change` with labelled devices (and `devices:error` where the browser refuses the
 * devices), rendering a call's local tracks with `renderTracks` / `removeTracks` and
 * `media:trackRendered`, and the Track/Media objects of `getTrackById` / `getById`.
 */
import { end, make, received } from './src/callFlow';
import type { E2EPage } from './src/e2ePage';
import { startLoggedIn, type Harness } from './src/harness';
import { browserMatrix, fileBrowsers } from './src/matrix';

const js = (v: unknown) => JSON.stringify(v);
const browsers = fileBrowsers();
/** What getBrowserDetails() names each browser, and the user-agent token of its major version. */
const DETAILS = { chromium: { name: 'chrome', token: 'Chrome' }, firefox: { name: 'firefox', token: 'Firefox' } } as const;

describe.each(browserMatrix())('SDK media namespace in $browser', ({ browser }) => {
  let h: Harness;
  let alice: E2EPage;
  let bob: E2EPage;

  beforeAll(async () => {
    ({ harness: h, alice, bob } = await startLoggedIn({ alice: { browser }, bob: { browser } }, { browsers }));
  });
  afterAll(() => h?.close());

  it(`getBrowserDetails() reports the browser's name with the numeric major version of the user agent`, async () => {
    const d = await alice.eval<{ browser: string; version: unknown; ua: number }>(
      `({ ...client.getBrowserDetails(), ua: Number(/${DETAILS[browser].token}\\/(\\d+)/.exec(navigator.userAgent)[1]) })`,
    );
    expect(d.browser).toBe(DETAILS[browser].name);
    expect(typeof d.version).toBe('number');
    expect(d.version).toBe(d.ua);
    expect(d.version as number).toBeGreaterThan(0);
  });

  it('the opt-in shim entry (webrtc-adapter) loads in this browser, detects it as the default path does, and peer connections still work', async () => {
    // A page of its own: loading the shim patches RTCPeerConnection for that page only.
    const page = await h.open('alice');
    const r = await page.eval<{ shim: unknown; offer: boolean; stillTracked: boolean }>(`(async () => {
      await new Promise((res, rej) => { const s = document.createElement('script'); s.src = '/shim.js'; s.onload = res; s.onerror = rej; document.head.appendChild(s); });
      const d = SwitchboardShim.webrtcAdapter.browserDetails;
      const pc = new RTCPeerConnection();
      pc.addTransceiver('audio');
      const offer = await pc.createOffer();
      pc.close();
      return { shim: { browser: d.browser, version: d.version }, offer: /m=audio/.test(offer.sdp), stillTracked: window.__e2e.pcs.includes(pc) };
    })()`);
    const details = await alice.eval('client.getBrowserDetails()');
    expect(r.shim).toEqual(details);
    expect(r.offer).toBe(true);
    expect(r.stillTracked).toBe(true);
  });

  it('initializeDevices() emits devices:change and getDevices() then lists labelled microphone and camera', async () => {
    const before = (await alice.events('devices:change')).length;
    await alice.eval('client.media.initializeDevices()');
    await alice.waitFor(`E2E.events('devices:change').length > ${before}`, 'devices:change after initializeDevices()');
    const devices = await alice.eval<Record<string, Array<{ deviceId: string; label: string; kind: string }>>>('client.media.getDevices()');
    for (const kind of ['microphone', 'camera'] as const) {
      expect(devices[kind].length).toBeGreaterThan(0);
      for (const d of devices[kind]) {
        expect(d.label).toEqual(expect.any(String));
        expect(d.label.length).toBeGreaterThan(0);
      }
    }
    expect(devices.microphone.every((d) => d.kind === 'audioinput')).toBe(true);
    expect(devices.camera.every((d) => d.kind === 'videoinput')).toBe(true);
    expect(await alice.events('devices:error')).toEqual([]);
  });

  it('initializeDevices() reports a refused device as devices:error (cross-origin iframe without allow=camera/microphone)', async () => {
    // The permissions policy of a cross-origin iframe without `allow` refuses getUserMedia
    // (NotAllowedError). Control: the same code in a same-origin iframe succeeds.
    const port = new URL(h.pages.url).port;
    const run = async (origin: string) => {
      const name = `f${Math.random().toString(36).slice(2)}`;
      await alice.eval(`new Promise((res, rej) => {
        const f = document.createElement('iframe');
        f.name = ${js(name)};
        f.src = ${js(origin)} + '/?frame=' + ${js(name)};
        f.addEventListener('load', res, { once: true });
        f.addEventListener('error', rej, { once: true });
        document.body.appendChild(f);
      })`);
      const frame = await alice.frame(`frame=${name}`);
      await frame.waitForFunction('!!window.Switchboard');
      return frame.evaluate(`(async () => {
        const S = window.Switchboard;
        const c = S.createClient({ plugins: [S.mediaPlugin()], config: { logs: { logLevel: 'silent' } } });
        const seen = [];
        c.on('devices:change', () => seen.push({ type: 'devices:change' }));
        c.on('devices:error', (p) => seen.push({ type: 'devices:error', code: p.error && p.error.code, message: p.error && p.error.message }));
        // Let the start-up enumeration (its own devices:change) settle, then watch initializeDevices alone.
        await new Promise((res) => { c.on('devices:change', res); setTimeout(res, 2000); });
        seen.length = 0;
        await c.media.initializeDevices();
        const labels = c.media.getDevices().microphone.map((d) => d.label);
        return { seen, labels };
      })()`) as Promise<{ seen: Array<{ type: string; code?: string; message?: string }>; labels: string[] }>;
    };
    const same = await run(`http://127.0.0.1:${port}`);
    expect(same.seen.map((e) => e.type)).toContain('devices:change');
    expect(same.seen.map((e) => e.type)).not.toContain('devices:error');

    const cross = await run(`http://localhost:${port}`);
    expect(cross.seen).toContainEqual(expect.objectContaining({ type: 'devices:error', code: 'MEDIA_PERMISSION_DENIED' }));
    expect(cross.seen.map((e) => e.type)).not.toContain('devices:change');
  });

  describe('tracks of a call', () => {
    let callId: string;
    let local: { audio: string; video: string };

    beforeAll(async () => {
      // Alice calls bob; bob does not answer: alice's call keeps its local tracks.
      callId = await make(alice, 'sip:bob@example.com');
      await received(bob);
      await alice.waitFor(`(client.call.getById(${js(callId)}) || { localTracks: [] }).localTracks.length === 2`, 'two local tracks');
      local = await alice.eval(`(() => {
        const out = {};
        for (const id of client.call.getById(${js(callId)}).localTracks) out[client.media.getTrackById(id).kind] = id;
        return out;
      })()`);
    });
    afterAll(async () => {
      if (callId) await end(alice, callId);
    });

    it('getTrackById() and getById() return the documented Track and Media fields', async () => {
      const t = await alice.eval<Record<string, unknown>>(`client.media.getTrackById(${js(local.video)})`);
      expect(t).toEqual({
        containers: [],
        disabled: false,
        isLocal: true,
        id: local.video,
        kind: 'video',
        label: expect.any(String),
        muted: false,
        sourceMuted: expect.any(Boolean),
        state: 'live',
        streamId: expect.any(String),
      });
      // The label is the device's (the native track's) label.
      const nativeLabel = await alice.eval<string>("window.__e2e.localTracks.filter((t) => t.kind === 'video').pop().label");
      expect(t.label).toBe(nativeLabel);
      expect((t.label as string).length).toBeGreaterThan(0);

      const a = await alice.eval<Record<string, unknown>>(`client.media.getTrackById(${js(local.audio)})`);
      expect(a).toMatchObject({ id: local.audio, kind: 'audio', isLocal: true, state: 'live', streamId: t.streamId });

      const m = await alice.eval<{ id: string; local: boolean; tracks: Array<{ id: string }> }>(`client.media.getById(${js(t.streamId)})`);
      expect(m.id).toBe(t.streamId);
      expect(m.local).toBe(true);
      expect(m.tracks.map((x) => x.id).sort()).toEqual([local.audio, local.video].sort());

      expect(await alice.eval('client.media.getTrackById("no-such-track") === undefined')).toBe(true);
      expect(await alice.eval('client.media.getById("no-such-media") === undefined')).toBe(true);
    });

    it('renderTracks(ids, "#local") creates media elements, fires media:trackRendered; removeTracks removes them', async () => {
      const ids = [local.audio, local.video];
      await alice.eval(`client.media.renderTracks(${js(ids)}, '#local')`);
      const ev = await alice.waitForEvent<{ trackIds: string[]; selector: string; error?: unknown }>(
        'media:trackRendered',
        "(p) => p.selector === '#local'",
      );
      expect(ev.error).toBeUndefined();
      expect([...ev.trackIds].sort()).toEqual([...ids].sort());

      const els = await alice.eval<Array<{ tag: string; trackId: string | null; live: boolean; kind: string }>>(`
        Array.from(document.querySelectorAll('#local audio, #local video')).map((el) => ({
          tag: el.tagName.toLowerCase(), trackId: el.getAttribute('data-track-id'),
          live: !!el.srcObject && el.srcObject.getTracks().every((t) => t.readyState === 'live'),
          kind: el.srcObject ? el.srcObject.getTracks().map((t) => t.kind).join() : '',
        }))`);
      expect(els).toEqual(
        expect.arrayContaining([
          { tag: 'video', trackId: local.video, live: true, kind: 'video' },
          { tag: 'audio', trackId: local.audio, live: true, kind: 'audio' },
        ]),
      );
      expect(els).toHaveLength(2);
      // The local camera actually plays in the element.
      await alice.waitFor("E2E.videoWidth('#local') > 0", 'local video playing in #local');
      expect((await alice.eval<{ containers: string[] }>(`client.media.getTrackById(${js(local.video)})`)).containers).toEqual(['#local']);

      await alice.eval(`client.media.removeTracks([${js(local.video)}], '#local')`);
      expect(await alice.eval<number>("document.querySelectorAll('#local video').length")).toBe(0);
      expect(await alice.eval<number>("document.querySelectorAll('#local audio').length")).toBe(1);
      expect((await alice.eval<{ containers: string[] }>(`client.media.getTrackById(${js(local.video)})`)).containers).toEqual([]);
      // Removing does not stop the track: it still belongs to the call.
      expect((await alice.eval<{ state: string }>(`client.media.getTrackById(${js(local.video)})`)).state).toBe('live');
      await alice.eval(`client.media.removeTracks([${js(local.audio)}], '#local')`);
      expect(await alice.eval<number>("document.querySelectorAll('#local audio, #local video').length")).toBe(0);
    });

    it('renderTracks into a selector that matches nothing fires media:trackRendered with a coded error', async () => {
      await alice.eval(`client.media.renderTracks([${js(local.video)}], '#no-such-container')`);
      const ev = await alice.waitForEvent<{ trackIds: string[]; selector: string; error?: { code?: string; message?: string } }>(
        'media:trackRendered',
        "(p) => p.selector === '#no-such-container'",
      );
      expect(ev.trackIds).toEqual([local.video]);
      expect(ev.error).toBeDefined();
      expect(ev.error!.code).toBe('MEDIA_CONTAINER_NOT_FOUND');
      expect(ev.error!.message).toEqual(expect.any(String));
      expect(await alice.eval<number>('document.querySelectorAll("video[data-track-id]").length')).toBe(
        await alice.eval<number>('document.querySelectorAll("#remote video[data-track-id]").length'),
      );
    });
  });
});

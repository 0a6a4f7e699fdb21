/*
 * In-page helpers for the e2e tests (window.E2E). Plain JS served as a static file, so it is
 * never instrumented by coverage; Node calls it with string expressions (`E2E.inbound()`).
 * Relies on init.js having wrapped RTCPeerConnection / getUserMedia (window.__e2e).
 */
(() => {
  const serialize = (value) => {
    try {
      return JSON.parse(
        JSON.stringify(value, (_k, v) => {
          if (v instanceof Error) return { name: v.name, code: v.code, message: v.message };
          if (typeof v === 'function') return '[function]';
          return v;
        }),
      );
    } catch (e) {
      return { unserializable: String(e) };
    }
  };
  const isObj = (v) => v && typeof v === 'object' && !Array.isArray(v);
  const merge = (a, b) => {
    const out = { ...a };
    for (const [k, v] of Object.entries(b || {})) out[k] = isObj(v) && isObj(a[k]) ? merge(a[k], v) : v;
    return out;
  };

  const E2E = {
    /** Every SDK event, in order: { type, params, t }. */
    log: [],
    client: undefined,

    /** Creates a logged-in client subscribed to `services`; resolves after `subscription:change`. */
    async createClient(opts, extraConfig) {
      const S = window.Switchboard;
      if (!S) throw new Error('window.Switchboard is missing: /sdk.js did not load');
      const { username, password, port, services = ['call'], timeoutMs = 10000 } = opts;
      const config = merge(
        {
          logs: { logLevel: 'warn' },
          authentication: { server: { base: '127.0.0.1', protocol: 'http', port } },
          subscription: { websocket: { server: '127.0.0.1', protocol: 'ws', port } },
        },
        extraConfig,
      );
      // `plugins`: names of extra plugin factories on window.Switchboard (e.g. 'callRecorderPlugin'), called without options.
      const extra = (opts.plugins || []).map((name) => S[name]());
      const client = S.createClient({ plugins: [S.connectivityPlugin(), S.mediaPlugin(), S.callPlugin(), ...extra], config });
      E2E.client = window.client = client;
      client.subscribe((type, ...args) => E2E.log.push({ type, params: serialize(args[0]), t: performance.now() }));
      if (opts.render !== false) {
        // Render every remote track the calls add into #remote (seed: call:tracksAdded → renderTracks).
        client.on('call:tracksAdded', ({ trackIds }) => {
          const remote = trackIds.filter((id) => {
            const t = client.media.getTrackById(id);
            return t && !t.isLocal;
          });
          if (remote.length) client.media.renderTracks(remote, '#remote');
        });
      }
      const subscribed = new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no subscription:change within ${timeoutMs} ms; events: ${E2E.log.map((e) => e.type).join(', ')}`)),
          timeoutMs,
        );
        client.on('subscription:change', () => {
          clearTimeout(timer);
          resolve();
        });
        client.on('subscription:error', (p) => {
          clearTimeout(timer);
          reject(new Error(`subscription:error ${JSON.stringify(serialize(p))}`));
        });
      });
      client.setCredentials({ username, password });
      client.services.subscribe(services);
      await subscribed;
      return serialize(client.services.getSubscriptions());
    },

    /** The first logged event of `type` whose params satisfy `pred` (a function source string). */
    findEvent(type, predSrc, consume) {
      const pred = predSrc ? (0, eval)(`(${predSrc})`) : () => true;
      const e = E2E.log.find((x) => x.type === type && !(consume && x.taken) && pred(x.params)) || null;
      if (e && consume) e.taken = true;
      return e;
    },
    events(type) {
      return E2E.log.filter((e) => e.type === type).map((e) => e.params);
    },

    /** Peer connections that are not closed. */
    livePcs() {
      return window.__e2e.pcs.filter((pc) => pc.connectionState !== 'closed' && pc.signalingState !== 'closed');
    },
    pcSummary() {
      return window.__e2e.pcs.map((pc) => ({
        connectionState: pc.connectionState,
        signalingState: pc.signalingState,
        closeCalled: pc.__closeCalled,
      }));
    },
    localTrackStates() {
      return window.__e2e.localTracks.map((t) => ({ kind: t.kind, readyState: t.readyState, enabled: t.enabled }));
    },

    /** inbound-rtp totals over the live peer connections, per kind, with the codec mimeType. */
    async inbound() {
      const out = {};
      for (const pc of E2E.livePcs()) {
        const stats = await pc.getStats();
        stats.forEach((r) => {
          if (r.type !== 'inbound-rtp') return;
          const o = (out[r.kind] = out[r.kind] || { bytesReceived: 0, packetsReceived: 0, framesDecoded: 0, codecs: [] });
          o.bytesReceived += r.bytesReceived || 0;
          o.packetsReceived += r.packetsReceived || 0;
          o.framesDecoded += r.framesDecoded || 0;
          const codec = r.codecId && stats.get(r.codecId);
          if (codec && !o.codecs.includes(codec.mimeType)) o.codecs.push(codec.mimeType);
        });
      }
      return out;
    },
    /** The mimeTypes of the codecs used by outbound-rtp streams (what this side sends). */
    async outboundCodecs() {
      const out = {};
      for (const pc of E2E.livePcs()) {
        const stats = await pc.getStats();
        stats.forEach((r) => {
          if (r.type !== 'outbound-rtp') return;
          const codec = r.codecId && stats.get(r.codecId);
          out[r.kind] = out[r.kind] || [];
          if (codec && !out[r.kind].includes(codec.mimeType)) out[r.kind].push(codec.mimeType);
        });
      }
      return out;
    },

    /** The largest videoWidth of the <video> elements inside `selector`. */
    videoWidth(selector) {
      const vids = Array.from(document.querySelectorAll(`${selector} video`));
      return vids.reduce((m, v) => Math.max(m, v.videoWidth || 0), 0);
    },

    /**
     * An AnalyserNode (fftSize 8192, no smoothing) on the remote audio track of the newest live
     * peer connection: `{ ctx, an, sink, buf, hzPerBin }`.
     */
    remoteAudioAnalyser() {
      const track = E2E.livePcs()
        .reverse()
        .map((pc) => pc.getReceivers().find((x) => x.track && x.track.kind === 'audio' && x.track.readyState === 'live'))
        .filter(Boolean)
        .map((r) => r.track)[0];
      if (!track) throw new Error('no live remote audio track');
      const ctx = new AudioContext();
      const an = ctx.createAnalyser();
      an.fftSize = 8192;
      an.smoothingTimeConstant = 0;
      const stream = new MediaStream([track]);
      // Chromium only pulls remote WebRTC audio into WebAudio while a media element plays it.
      const sink = document.createElement('audio');
      sink.muted = true;
      sink.srcObject = stream;
      sink.play().catch(() => undefined);
      ctx.createMediaStreamSource(stream).connect(an);
      return { ctx, an, sink, buf: new Float32Array(an.frequencyBinCount), hzPerBin: ctx.sampleRate / an.fftSize };
    },

    /** Starts a peak-frequency detector on the remote audio track of the newest live peer connection. */
    startToneDetector() {
      if (E2E.tone && E2E.tone.timer) clearInterval(E2E.tone.timer);
      const { ctx, an, sink, buf } = E2E.remoteAudioAnalyser();
      const tone = (E2E.tone = { peaks: [], ctx, sink, timer: 0 });
      tone.timer = setInterval(() => {
        an.getFloatFrequencyData(buf);
        let k = 1;
        for (let i = 1; i < buf.length; i++) if (buf[i] > buf[k]) k = i;
        tone.peaks.push({ hz: Math.round((k * ctx.sampleRate) / an.fftSize), db: Math.round(buf[k]) });
        if (tone.peaks.length > 200) tone.peaks.shift();
      }, 100);
      return true;
    },
    /** Whether the last 5 peaks are all within ±15 Hz of `hz` and above `minDb`; plus the samples. */
    toneState(hz, minDb = -60) {
      const last = (E2E.tone ? E2E.tone.peaks : []).slice(-5);
      const detected = last.length === 5 && last.every((p) => Math.abs(p.hz - hz) <= 15 && p.db > minDb);
      const absent = last.length === 5 && last.every((p) => Math.abs(p.hz - hz) > 15 || p.db <= minDb);
      return { detected, absent, last, ctxState: E2E.tone ? E2E.tone.ctx.state : 'none' };
    },

    /** Raw WebRTC (no SDK): one peer connection per page, signalled by the caller. */
    raw: {
      pc: undefined,
      async start() {
        const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
        const pc = (E2E.raw.pc = new RTCPeerConnection({ iceServers: [] }));
        stream.getTracks().forEach((t) => pc.addTrack(t, stream));
        pc.ontrack = (e) => {
          if (e.track.kind === 'video') document.getElementById('remoteVideo').srcObject = new MediaStream([e.track]);
        };
        return true;
      },
      async gathered() {
        const pc = E2E.raw.pc;
        if (pc.iceGatheringState !== 'complete') {
          await new Promise((res) => {
            pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && res());
          });
        }
        return pc.localDescription.sdp;
      },
      async offer() {
        const pc = E2E.raw.pc;
        await pc.setLocalDescription(await pc.createOffer());
        return E2E.raw.gathered();
      },
      async answer(sdp) {
        const pc = E2E.raw.pc;
        await pc.setRemoteDescription({ type: 'offer', sdp });
        await pc.setLocalDescription(await pc.createAnswer());
        return E2E.raw.gathered();
      },
      async accept(sdp) {
        await E2E.raw.pc.setRemoteDescription({ type: 'answer', sdp });
        return true;
      },
      stop() {
        const pc = E2E.raw.pc;
        if (!pc) return;
        pc.getSenders().forEach((s) => s.track && s.track.stop());
        pc.close();
        E2E.raw.pc = undefined;
      },
    },
  };

  window.E2E = E2E;
})();

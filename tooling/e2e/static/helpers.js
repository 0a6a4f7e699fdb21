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
      // `plugins`: names of extra plugin factories on window.Switchboard (e.g. 'callRecorderPlugin'), called without
      // options, or `[name, options]`.
      const extra = (opts.plugins || []).map((p) => (Array.isArray(p) ? S[p[0]](p[1]) : S[p]()));
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

    /**
     * The selected ICE candidate pair of every live peer connection: the candidate types
     * (`host`/`srflx`/`prflx`/`relay`) and addresses of both ends, and the configured policy.
     * Chromium names it in the transport (`selectedCandidatePairId`); Firefox flags it `selected`.
     */
    async selectedPairs() {
      const out = [];
      for (const pc of E2E.livePcs()) {
        const stats = await pc.getStats();
        let pair;
        stats.forEach((r) => {
          if (r.type === 'transport' && r.selectedCandidatePairId) pair = stats.get(r.selectedCandidatePairId);
        });
        if (!pair) stats.forEach((r) => {
          if (r.type === 'candidate-pair' && r.selected) pair = r;
        });
        const end = (id) => {
          const c = id && stats.get(id);
          return c ? { candidateType: c.candidateType, address: c.address || c.ip, port: c.port, protocol: c.protocol } : null;
        };
        out.push({
          policy: pc.getConfiguration().iceTransportPolicy,
          iceServers: (pc.getConfiguration().iceServers || []).map((s) => ({ urls: s.urls, username: s.username })),
          state: pair ? pair.state : null,
          local: pair ? end(pair.localCandidateId) : null,
          remote: pair ? end(pair.remoteCandidateId) : null,
        });
      }
      return out;
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

    /** The playing remote video in `selector` with the largest width: `{ width, time }` (`currentTime`), or null. */
    videoPlayback(selector) {
      const vids = Array.from(document.querySelectorAll(`${selector} video`)).filter((v) => v.videoWidth > 0);
      vids.sort((a, b) => b.videoWidth - a.videoWidth);
      return vids.length ? { width: vids[0].videoWidth, time: vids[0].currentTime } : null;
    },

    /** Which engine runs this page (the harness has checked the user agent against the browser it launched). */
    isFirefox: /Gecko\/\d+ Firefox\//.test(navigator.userAgent),

    /** The remote audio track of the newest live peer connection. */
    remoteAudioTrack() {
      const track = E2E.livePcs()
        .reverse()
        .map((pc) => pc.getReceivers().find((x) => x.track && x.track.kind === 'audio' && x.track.readyState === 'live'))
        .filter(Boolean)
        .map((r) => r.track)[0];
      if (!track) throw new Error('no live remote audio track');
      return track;
    },

    /**
     * Spectra (dB per bin, 8192-point, Blackman window, no smoothing: AnalyserNode's scale) of the
     * remote audio track of the newest live peer connection: `{ hzPerBin, next(), state(), close() }`.
     * `next()` returns the spectra that are new since its last call, oldest first. Chromium: one
     * AnalyserNode reading per call. Firefox: its headless AudioContext never runs (no output
     * device), so the track is recorded in 1 s windows (MediaRecorder), each decoded with
     * OfflineAudioContext.decodeAudioData and cut into 8192-sample frames (hop 4096).
     */
    remoteSpectra() {
      const track = E2E.remoteAudioTrack();
      return E2E.isFirefox ? E2E.recordedSpectra(track) : E2E.analyserSpectra(track);
    },

    analyserSpectra(track) {
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
      const buf = new Float32Array(an.frequencyBinCount);
      return {
        hzPerBin: ctx.sampleRate / an.fftSize,
        next() {
          an.getFloatFrequencyData(buf);
          return [buf];
        },
        state: () => ctx.state,
        close() {
          sink.srcObject = null;
          return ctx.close();
        },
      };
    },

    recordedSpectra(track) {
      const N = 8192;
      const HOP = 4096;
      const RATE = 48000;
      const stream = new MediaStream([track]);
      const queue = [];
      let status = 'recording';
      let stopped = false;
      let recorder;
      const record = () => {
        if (stopped) return;
        const rec = (recorder = new MediaRecorder(stream));
        const chunks = [];
        rec.ondataavailable = (e) => e.data.size && chunks.push(e.data);
        rec.onstop = async () => {
          record(); // the next window starts at once
          try {
            const blob = new Blob(chunks, { type: rec.mimeType });
            const audio = await new OfflineAudioContext(1, RATE, RATE).decodeAudioData(await blob.arrayBuffer());
            const x = audio.getChannelData(0);
            for (let off = 0; off + N <= x.length; off += HOP) queue.push(E2E.spectrum(x, off, N));
            status = `decoded ${x.length} samples`;
          } catch (e) {
            status = `decode failed: ${e}`;
          }
        };
        rec.start();
        setTimeout(() => rec.state !== 'inactive' && rec.stop(), 1000);
      };
      record();
      return {
        hzPerBin: RATE / N,
        next: () => queue.splice(0, queue.length),
        state: () => status,
        close() {
          stopped = true;
          if (recorder && recorder.state !== 'inactive') recorder.stop();
        },
      };
    },

    /** dB spectrum (N/2 bins) of `x[off … off+N)` like AnalyserNode's: Blackman window, |X|/N, 20·log10. */
    spectrum(x, off, N) {
      const re = new Float64Array(N);
      const im = new Float64Array(N);
      for (let i = 0; i < N; i++) {
        const w = 0.42 - 0.5 * Math.cos((2 * Math.PI * i) / N) + 0.08 * Math.cos((4 * Math.PI * i) / N);
        re[i] = x[off + i] * w;
      }
      for (let i = 1, j = 0; i < N; i++) {
        let bit = N >> 1;
        for (; j & bit; bit >>= 1) j ^= bit;
        j ^= bit;
        if (i < j) {
          [re[i], re[j]] = [re[j], re[i]];
          [im[i], im[j]] = [im[j], im[i]];
        }
      }
      for (let len = 2; len <= N; len <<= 1) {
        const ang = (-2 * Math.PI) / len;
        const wr = Math.cos(ang);
        const wi = Math.sin(ang);
        for (let i = 0; i < N; i += len) {
          let cr = 1;
          let ci = 0;
          for (let k = 0; k < len / 2; k++) {
            const a = i + k;
            const b = a + len / 2;
            const tr = re[b] * cr - im[b] * ci;
            const ti = re[b] * ci + im[b] * cr;
            re[b] = re[a] - tr;
            im[b] = im[a] - ti;
            re[a] += tr;
            im[a] += ti;
            const ncr = cr * wr - ci * wi;
            ci = cr * wi + ci * wr;
            cr = ncr;
          }
        }
      }
      const out = new Float32Array(N / 2);
      for (let k = 0; k < N / 2; k++) out[k] = Math.max(-200, 20 * Math.log10(Math.hypot(re[k], im[k]) / N));
      return out;
    },

    /** Starts a peak-frequency detector on the remote audio track of the newest live peer connection. */
    startToneDetector() {
      if (E2E.tone) E2E.stopToneDetector();
      const source = E2E.remoteSpectra();
      const tone = (E2E.tone = { peaks: [], source, timer: 0 });
      tone.timer = setInterval(() => {
        for (const buf of source.next()) {
          let k = 1;
          for (let i = 1; i < buf.length; i++) if (buf[i] > buf[k]) k = i;
          tone.peaks.push({ hz: Math.round(k * source.hzPerBin), db: Math.round(buf[k]) });
          if (tone.peaks.length > 200) tone.peaks.shift();
        }
      }, 100);
      return true;
    },
    stopToneDetector() {
      if (!E2E.tone) return true;
      clearInterval(E2E.tone.timer);
      E2E.tone.source.close();
      E2E.tone = undefined;
      return true;
    },
    /** Whether the last 5 peaks are all within ±15 Hz of `hz` and above `minDb`; plus the samples. */
    toneState(hz, minDb = -60) {
      const last = (E2E.tone ? E2E.tone.peaks : []).slice(-5);
      const detected = last.length === 5 && last.every((p) => Math.abs(p.hz - hz) <= 15 && p.db > minDb);
      const absent = last.length === 5 && last.every((p) => Math.abs(p.hz - hz) > 15 || p.db <= minDb);
      return { detected, absent, last, state: E2E.tone ? E2E.tone.source.state() : 'none' };
    },
    /**
     * Whether the kept history (the last 200 peaks) holds `run` consecutive peaks within ±15 Hz of
     * `hz` above `minDb`: a short sound (a 1 s file) that `toneState` can miss, because Firefox's
     * recorder delivers its peaks in 1 s batches and a sound split across two batches is never the
     * last 5 peaks of either.
     */
    toneSeen(hz, run = 5, minDb = -60) {
      let n = 0;
      for (const p of E2E.tone ? E2E.tone.peaks : []) {
        n = Math.abs(p.hz - hz) <= 15 && p.db > minDb ? n + 1 : 0;
        if (n >= run) return true;
      }
      return false;
    },

    /**
     * Chromium: the level (dB, AnalyserNode scale) at each of `hzList` (strongest bin within ±15 Hz)
     * in the remote audio of every live peer connection, the maximum over the connections: a
     * three-way call is heard on one connection (the mixed audio) or on two. One analyser per
     * remote track, kept until the track ends.
     */
    toneLevels(hzList) {
      const meters = (E2E.meters = E2E.meters || new Map());
      for (const pc of E2E.livePcs()) {
        for (const r of pc.getReceivers()) {
          if (r.track && r.track.kind === 'audio' && r.track.readyState === 'live' && !meters.has(r.track)) meters.set(r.track, E2E.analyserSpectra(r.track));
        }
      }
      const out = hzList.map(() => -200);
      for (const [track, m] of meters) {
        if (track.readyState !== 'live') {
          m.close();
          meters.delete(track);
          continue;
        }
        const [buf] = m.next();
        hzList.forEach((hz, i) => {
          const lo = Math.floor((hz - 15) / m.hzPerBin);
          const hi = Math.ceil((hz + 15) / m.hzPerBin);
          for (let k = lo; k <= hi; k++) out[i] = Math.max(out[i], Math.round(buf[k]));
        });
      }
      return out;
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

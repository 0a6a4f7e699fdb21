/*
 * In-page helpers, part 2 (loaded after helpers.js): raw WebRTC signalled through the gateway's
 * REST call control (used by rawGateway.test.ts and the call-setup bench), and `mediaFlowing`.
 */
(() => {
  const E2E = window.E2E;
  /**
   * Raw WebRTC signalled through the gateway's REST call control (no SDK): Basic auth, a
   * subscription with a WebSocket channel, callStart with the raw offer, callAnswer with the
   * raw answer, respondCallUpdate notification back to the caller.
   */
  E2E.gw = {
    base: '',
    user: '',
    auth: '',
    ws: undefined,
    waiters: [],
    notes: [],
    async request(method, path, body) {
      const res = await fetch(`${E2E.gw.base}/rest/version/1/user/${E2E.gw.user}${path}`, {
        method,
        headers: { Authorization: E2E.gw.auth, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
      return text ? JSON.parse(text) : {};
    },
    async subscribe({ username, password, port }) {
      E2E.gw.base = `http://127.0.0.1:${port}`;
      E2E.gw.user = username;
      E2E.gw.auth = `Basic ${btoa(`${username}:${password}`)}`;
      const body = await E2E.gw.request('POST', '/subscription', {
        subscribeRequest: {
          expires: 3600, service: ['call'], localization: 'English_US', useTurn: true,
          notificationType: 'WebSocket', supported: ['RingingFeedback'], forceLogOut: 'false',
        },
      });
      const channel = body.subscribeResponse.subscriptionParams.notificationChannel;
      const ws = (E2E.gw.ws = new WebSocket(`ws://127.0.0.1:${port}${channel}`));
      ws.onmessage = (ev) => {
        const n = JSON.parse(ev.data).notificationMessage;
        if (!n) return;
        const i = E2E.gw.waiters.findIndex((w) => w.type === n.eventType);
        if (i >= 0) E2E.gw.waiters.splice(i, 1)[0].resolve(n);
        else E2E.gw.notes.push(n);
      };
      await new Promise((res, rej) => {
        ws.onopen = res;
        ws.onerror = () => rej(new Error('websocket failed'));
      });
      return true;
    },
    /** Resolves with the next notification of `type` (queued ones first). */
    next(type) {
      const i = E2E.gw.notes.findIndex((n) => n.eventType === type);
      if (i >= 0) return Promise.resolve(E2E.gw.notes.splice(i, 1)[0]);
      return new Promise((resolve) => E2E.gw.waiters.push({ type, resolve }));
    },
    /** Caller: getUserMedia + offer → callStart; applies the answer from respondCallUpdate. Returns the leg id. */
    async call(to) {
      await E2E.raw.start();
      const sdp = await E2E.raw.offer();
      const answered = E2E.gw.next('respondCallUpdate');
      const body = await E2E.gw.request('POST', '/callControl', {
        callControlRequest: { type: 'callStart', from: `sip:${E2E.gw.user}`, to, sdp },
      });
      const leg = body.callControlResponse.sessionData;
      const n = await answered;
      await E2E.raw.accept(n.sessionParams.sdp);
      return leg;
    },
    /** Callee: answers the next incoming `call` notification with a raw answer. Returns the leg id. */
    async answerNext() {
      const n = await E2E.gw.next('call');
      const leg = n.sessionParams.sessionData;
      await E2E.raw.start();
      const sdp = await E2E.raw.answer(n.sessionParams.sdp);
      await E2E.gw.request('PUT', `/callControl/callSessions/${leg}`, { callControlRequest: { type: 'callAnswer', sdp } });
      return leg;
    },
    /** Hangs up leg `leg` and closes the local peer connection and tracks. */
    async hangup(leg) {
      if (leg) await E2E.gw.request('DELETE', `/callControl/callSessions/${leg}`).catch(() => undefined);
      E2E.raw.stop();
      return true;
    },
  };

  /**
   * Resolves with the epoch time (ms, sub-ms precision) at which this page first has a connected
   * peer connection with inbound audio and video bytes > 0 (and `extra()` true, if given).
   */
  E2E.mediaFlowing = (extraSrc, timeoutMs = 20000) =>
    new Promise((resolve, reject) => {
      const extra = extraSrc ? (0, eval)(`(${extraSrc})`) : () => true;
      const deadline = performance.now() + timeoutMs;
      const tick = async () => {
        const pcs = E2E.livePcs().filter((pc) => pc.connectionState === 'connected');
        if (pcs.length && extra()) {
          const s = await E2E.inbound();
          if (s.audio && s.audio.bytesReceived > 0 && s.video && s.video.bytesReceived > 0) {
            return resolve(performance.timeOrigin + performance.now());
          }
        }
        if (performance.now() > deadline) throw new Error(`media not flowing after ${timeoutMs} ms: ${JSON.stringify(E2E.pcSummary())}`);
        setTimeout(() => tick().catch(reject), 5);
      };
      tick().catch(reject);
    });
})();

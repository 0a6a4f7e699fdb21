/*
 * In-page side of the proxy-mode channel (window.E2EProxy), for proxy.test.ts: a seed `Channel`
 * `{ send, receive }` over a WebSocket to the test relay (src/proxyRelay.ts), and the remote page's
 * start. Plain JS served as a static file (never instrumented by coverage); the app page loads it
 * with `addScriptTag`, the remote page (remote.html) with a script tag.
 *
 * The channel sends every message as one JSON text frame. An inbound frame is parsed and handed to
 * `channel.receive`; a frame that is not JSON is handed over as the raw string, so garbage on the
 * wire reaches the SDK as it came. Frames that arrive before the SDK assigned `receive` are held and
 * delivered, in order, once it does. The seed's channel has no close notion: a closed socket is only
 * recorded (`closed`), the SDK finds out by its heartbeat.
 */
(() => {
  const E2EProxy = {
    /** The last channel opened in this page: `{ channel, socket, inbound, sent, closed }`. */
    link: undefined,

    /** Opens a channel to `url` (a relay URL of one side of a room); resolves once the socket is open. */
    connect(url) {
      const socket = new WebSocket(url);
      let receive;
      const held = [];
      const link = { socket, inbound: [], sent: 0, closed: false, closeCode: undefined };
      const channel = {
        send(data) {
          link.sent += 1;
          if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(data));
        },
        get receive() {
          return receive;
        },
        set receive(fn) {
          receive = fn;
          if (typeof fn === 'function') for (const data of held.splice(0)) fn(data);
        },
      };
      link.channel = channel;
      socket.addEventListener('message', (e) => {
        let data;
        try {
          data = JSON.parse(e.data);
        } catch {
          data = e.data;
        }
        link.inbound.push(data && typeof data === 'object' ? data.type : typeof data);
        if (link.inbound.length > 500) link.inbound.shift();
        if (typeof receive === 'function') receive(data);
        else held.push(data);
      });
      socket.addEventListener('close', (e) => {
        link.closed = true;
        link.closeCode = e.code;
      });
      E2EProxy.link = link;
      return new Promise((resolve, reject) => {
        socket.addEventListener('open', () => resolve(channel), { once: true });
        socket.addEventListener('error', () => reject(new Error(`proxy channel: could not open ${url}`)), { once: true });
      });
    },

    /**
     * Remote page: connects to `url` and runs `createRemote` of the remote bundle
     * (window.SwitchboardRemote) on that channel, rendering into `#remote`; `options` go to `createRemote`
     * (e.g. `{ version }`: announce another proxy version). Resolves to `remote.info()`.
     */
    async startRemote(url, options = {}) {
      const R = window.SwitchboardRemote;
      if (!R) throw new Error('window.SwitchboardRemote is missing: /remote.js did not load');
      const channel = await E2EProxy.connect(url);
      const logs = (E2EProxy.logs = []);
      const record = (level) => (...args) => logs.push(`[${level}] ${args.map(String).join(' ')}`);
      const logger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
      window.remote = R.createRemote({ channel, logger, container: document.querySelector('#remote'), ...options });
      return JSON.parse(JSON.stringify(window.remote.info()));
    },
  };
  window.E2EProxy = E2EProxy;
})();

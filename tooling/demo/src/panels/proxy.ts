/**
 * Proxy mode (`client.proxy` of `proxyPlugin()`, in the SDK preset): the switch `proxy-mode` runs
 * the calls' media and WebRTC on the "remote media" page (remote.html, `createRemote` of
 * `@switchboard/proxy/remote`) instead of this page. Both pages join room `proxy-room` (default: the
 * user's name) of the gateway's demo relay. Switching on: `setChannel` (a relay channel), then
 * `initializeRemote` once the channel is set, then `setProxyMode(true)` once the remote is
 * initialised (each step on `proxy:change`); off: `setProxyMode(false)`. Refused during a call
 * (`proxy:error`, the switch goes back). `proxy-remote-link` opens the remote page for the room;
 * `proxy-info` shows `getInfo()` (`data-proxy-mode`, `data-has-channel`, `data-remote-initialized`)
 * and `getProxyDetails()`; `proxy-error` the last `proxy:error`.
 */
import { h, panel } from '../dom';
import type { Phone } from '../phone';
import { openRelay, relayUrl, type RelayLink } from '../proxyChannel';

/** The remote page's address for `room` (relative to the softphone). */
export function remotePageHref(room: string): string {
  return `remote.html?room=${encodeURIComponent(room)}`;
}

/** The proxy panel of a signed-in phone. */
export function proxyPanel(phone: Phone): HTMLElement {
  const { client } = phone;
  const room = h('input', { 'data-testid': 'proxy-room', value: phone.user.name, size: 12 });
  const toggle = h('input', { type: 'checkbox', 'data-testid': 'proxy-mode' });
  const link = h('a', { 'data-testid': 'proxy-remote-link', target: '_blank', href: remotePageHref(phone.user.name) }, 'Open the remote media page');
  const info = h('output', { 'data-testid': 'proxy-info' });
  const error = h('output', { class: 'error', 'data-testid': 'proxy-error' });
  let relay: { room: string; link: RelayLink } | undefined;
  let wanted = false;

  const render = () => {
    const i = client.proxy.getInfo();
    info.dataset.proxyMode = String(i.proxyMode);
    info.dataset.hasChannel = String(i.hasChannel);
    info.dataset.remoteInitialized = String(i.remoteInitialized);
    const details = client.proxy.getProxyDetails();
    info.textContent = `mode ${i.proxyMode ? 'proxy' : 'local'}, channel ${i.hasChannel ? 'set' : 'none'}, remote ${i.remoteInitialized ? `ready${details.browser ? ` (${details.browser} ${details.version ?? ''})` : ''}` : 'not initialised'}`;
    toggle.checked = i.proxyMode;
  };
  // Each completed step leads to the next while the switch is wanted on.
  const advance = () => {
    const i = client.proxy.getInfo();
    if (!wanted || i.proxyMode) return;
    if (i.hasChannel && !i.remoteInitialized) client.proxy.initializeRemote();
    else if (i.remoteInitialized) client.proxy.setProxyMode(true);
  };
  const switchOn = async () => {
    wanted = true;
    error.textContent = '';
    if (relay?.room !== room.value) {
      relay?.link.close();
      const name = room.value;
      const opened = await openRelay(relayUrl(location, name, 'app'));
      relay = { room: name, link: opened };
      opened.onClose(() => {
        if (relay?.link === opened) relay = undefined;
      });
      client.proxy.setChannel(opened.channel);
    } else advance();
  };
  toggle.addEventListener('change', () => {
    if (toggle.checked) {
      switchOn().catch((e: Error) => {
        wanted = false;
        error.textContent = e.message;
        render();
      });
    } else {
      wanted = false;
      client.proxy.setProxyMode(false);
    }
  });
  room.addEventListener('input', () => link.setAttribute('href', remotePageHref(room.value)));
  client.on('proxy:change', () => {
    render();
    advance();
  });
  client.on('proxy:error', ({ error: e }) => {
    wanted = false;
    error.textContent = `${e.code}: ${e.message}`;
    render();
  });
  render();
  return panel(
    'proxy',
    'Proxy mode',
    h('label', {}, 'Room ', room, ' ', link),
    h('label', {}, toggle, ' Proxy mode (calls\' media on the remote page)'),
    info,
    h('div', {}, error),
  );
}

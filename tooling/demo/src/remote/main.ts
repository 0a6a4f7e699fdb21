/**
 * The "remote media" page (remote.html): the proxy-mode counterpart of a softphone in proxy mode
 * (the VDI case: the softphone runs on a hosted desktop, this page on the user's own machine). It
 * joins room `remote-room` (from `?room=`, joined at once when given) of the gateway's demo relay
 * and runs `createRemote` of `@switchboard/proxy/remote` on that channel: the microphone and camera,
 * the peer connections and the remote audio/video (rendered into `remote-media`) are all here.
 * `remote-status` (`data-state`: idle | connecting | connected | closed) and `remote-info`
 * (`remote.info()`, refreshed every second) show what it does.
 */
import '../style.css';
import { createRemote } from '@switchboard/proxy/remote';
import { h, panel } from '../dom';
import { openRelay, relayUrl, type RelayLink } from '../proxyChannel';

const root = document.getElementById('app')!;
const room = h('input', { 'data-testid': 'remote-room', value: new URLSearchParams(location.search).get('room') ?? '', size: 12 });
const join = h('button', { 'data-testid': 'remote-connect' }, 'Join');
const status = h('span', { class: 'badge', 'data-testid': 'remote-status', 'data-state': 'idle' }, 'idle');
const info = h('pre', { 'data-testid': 'remote-info' });
const media = h('div', { class: 'remote-media', 'data-testid': 'remote-media' });
let current: { link: RelayLink; remote: ReturnType<typeof createRemote>; timer: number } | undefined;

function setStatus(state: string, text = state): void {
  status.dataset.state = state;
  status.textContent = text;
}

function leave(): void {
  if (!current) return;
  clearInterval(current.timer);
  current.remote.destroy();
  current.link.close();
  current = undefined;
}

async function connect(): Promise<void> {
  leave();
  if (!room.value) return setStatus('idle', 'enter the softphone\'s room');
  setStatus('connecting');
  const link = await openRelay(relayUrl(location, room.value, 'remote'));
  const remote = createRemote({ channel: link.channel, container: media });
  const show = () => (info.textContent = JSON.stringify(remote.info(), null, 2));
  const entry = { link, remote, timer: window.setInterval(show, 1000) };
  current = entry;
  show();
  setStatus('connected', `in room ${room.value}`);
  link.onClose(() => {
    if (current !== entry) return;
    leave();
    setStatus('closed', 'the softphone left (rejoin with Join)');
  });
}

join.addEventListener('click', () => void connect().catch((e: Error) => setStatus('closed', e.message)));
root.replaceChildren(
  h('h1', {}, 'Switchboard demo: remote media'),
  panel('remote', 'Remote media', h('p', {}, 'Runs the calls\' media for a softphone in proxy mode in the same room.'), h('label', {}, 'Room ', room, ' ', join), status, media, info),
);
addEventListener('pagehide', leave);
if (room.value) join.click();

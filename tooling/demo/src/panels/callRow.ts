/**
 * One call of the list (`data-testid="call"`, with `data-call-id`, `data-direction`, `data-state`,
 * `data-muted`, `data-video-muted`):
 * its progress, answer (audio/video) / reject / ignore for an incoming call, mute, video on/off,
 * hang up, the mid-call controls (`./callControls.ts`: hold, video, screen share, restart media),
 * local and remote media (`data-testid="local-media"` / `"remote-media"`) and, once connected, its
 * call-quality panel.
 */
import { h } from '../dom';
import type { Phone } from '../phone';
import { callControls } from './callControls';
import { qualityPanel } from './quality';

const attr = (value: string) => value.replace(/["\\]/g, '\\$&');
/** An address as both directions show it: without the `sip:`/`sips:` scheme the SDK adds to a dialled one. */
const address = (value: string) => value.replace(/^sips?:/i, '');

/** A call row and its `dispose()` (removes it and stops its quality sampling). */
export function callRow(phone: Phone, callId: string): { element: HTMLElement; dispose(): void } {
  const { client } = phone;
  const { states } = client.call;
  const call = () => client.call.getById(callId);
  const first = call()!;
  const localSel = `[data-media="local-${attr(callId)}"]`;
  const remoteSel = `[data-media="remote-${attr(callId)}"]`;

  const localTracks = (kind: 'audio' | 'video') =>
    (call()?.localTracks ?? []).map((id) => client.media.getTrackById(id)).filter((t) => t && t.kind === kind && t.state === 'live') as Array<{ id: string; muted: boolean }>;
  const toggle = (kind: 'audio' | 'video') => {
    const tracks = localTracks(kind);
    if (!tracks.length) return;
    const ids = tracks.map((t) => t.id);
    if (tracks.every((t) => t.muted)) client.media.unmuteTracks(ids);
    else client.media.muteTracks(ids);
  };
  const button = (testid: string, label: string, onclick: () => void) => h('button', { 'data-testid': testid, onclick }, label);
  const buttons = {
    answerAudio: button('answer-audio', 'Answer (audio)', () => client.call.answer(callId, phone.media(false))),
    answerVideo: button('answer-video', 'Answer (video)', () => client.call.answer(callId, phone.media(true))),
    reject: button('reject', 'Reject', () => client.call.reject(callId)),
    ignore: button('ignore', 'Ignore', () => client.call.ignore(callId)),
    mute: button('mute', 'Mute', () => toggle('audio')),
    video: button('video', 'Video off', () => toggle('video')),
    hangup: button('hangup', 'Hang up', () => client.call.end(callId)),
    focus: button('focus', 'Focus', () => phone.focus(callId)),
  };
  const controls = callControls(client, callId);
  const state = h('span', { class: 'badge', 'data-testid': 'call-state' });
  const ice = h('small', { 'data-testid': 'media-state' });
  const element = h(
    'li',
    { class: 'call', 'data-testid': 'call', 'data-call-id': callId, 'data-direction': first.direction },
    h('div', {}, h('strong', {}, first.direction === 'incoming' ? `← from ${address(first.from)}` : `→ to ${address(first.to)}`), ' ', state, ' ', ice),
    h('div', { class: 'actions' }, ...Object.values(buttons), ...controls.buttons),
    h('div', { class: 'media' }, h('div', { class: 'local', 'data-testid': 'local-media', 'data-media': `local-${callId}` }), h('div', { class: 'remote', 'data-testid': 'remote-media', 'data-media': `remote-${callId}` })),
  );
  let quality: ReturnType<typeof qualityPanel> | undefined;

  const update = () => {
    const c = call();
    if (!c) return;
    const ended = c.state === states.ENDED || c.state === states.CANCELLED;
    const incoming = c.direction === 'incoming' && (c.state === states.INITIATED || c.state === states.RINGING);
    const live = c.state === states.CONNECTED || c.state === states.EARLY_MEDIA || c.state === states.ON_HOLD;
    element.dataset.state = c.state;
    controls.update(c);
    element.classList.toggle('ended', ended);
    element.classList.toggle('focused', phone.focusedCall === callId);
    for (const b of [buttons.answerAudio, buttons.answerVideo, buttons.reject, buttons.ignore]) b.hidden = !incoming;
    buttons.mute.hidden = buttons.video.hidden = !live;
    // A ringing incoming call is answered, rejected or ignored; Hang up appears once it is answered.
    buttons.hangup.hidden = ended || incoming;
    buttons.focus.hidden = ended || phone.focusedCall === callId;
    const audio = localTracks('audio');
    const muted = audio.length > 0 && audio.every((t) => t.muted);
    element.dataset.muted = String(muted);
    buttons.mute.textContent = muted ? 'Unmute' : 'Mute';
    const video = localTracks('video');
    buttons.video.disabled = !video.length;
    const videoMuted = video.length > 0 && video.every((t) => t.muted);
    element.dataset.videoMuted = String(videoMuted);
    buttons.video.textContent = videoMuted ? 'Video on' : 'Video off';
    ice.textContent = `media: ${c.mediaConnectionState}`;
    if (c.state === states.CONNECTED && !quality) {
      quality = qualityPanel(client, callId);
      element.append(quality.element);
    }
    if (ended) quality?.stop();
  };
  const mine = (e: { callId?: string }) => e.callId === callId;
  // Listeners added through `on` are removed again by dispose().
  const added: Array<() => void> = [];
  const on: typeof client.on = (type, listener) => {
    client.on(type, listener);
    added.push(() => client.off(type, listener));
  };
  on('call:stateChange', (e) => {
    if (!mine(e)) return;
    const { statusCode, reasonText } = e.transition ?? {};
    state.textContent = e.state + (statusCode || reasonText ? ` (${[statusCode, reasonText].filter(Boolean).join(' ')})` : '');
    if (e.state === states.CONNECTED) phone.focus(callId);
    update();
  });
  on('call:mediaConnectionChange', (e) => mine(e) && update());
  /** Renders remote tracks (on the chosen speaker) and local video (local audio would echo). */
  const render = (trackIds: readonly string[]) => {
    const tracks = trackIds.map((id) => client.media.getTrackById(id)).filter((t): t is NonNullable<typeof t> => t !== undefined && t.state === 'live');
    const remote = tracks.filter((t) => !t.isLocal).map((t) => t.id);
    const localVideo = tracks.filter((t) => t.isLocal && t.kind === 'video').map((t) => t.id);
    if (remote.length) void client.media.renderTracks(remote, remoteSel, phone.devices.speaker ? { speakerId: phone.devices.speaker } : {});
    if (localVideo.length) void client.media.renderTracks(localVideo, localSel);
  };
  on('call:tracksAdded', (e) => {
    if (!mine(e)) return;
    render(e.trackIds);
    update();
  });
  on('call:tracksRemoved', (e) => {
    if (!mine(e)) return;
    client.media.removeTracks(e.trackIds, remoteSel);
    client.media.removeTracks(e.trackIds, localSel);
    update();
  });
  on('media:muted', update);
  on('media:unmuted', update);
  phone.onFocus(update);
  state.textContent = first.state;
  // Tracks the call had before this row existed (an outgoing call's local media comes first).
  queueMicrotask(() => render([...first.localTracks, ...first.remoteTracks]));
  update();
  return {
    element,
    dispose() {
      quality?.stop();
      for (const off of added.splice(0)) off();
      element.remove();
    },
  };
}

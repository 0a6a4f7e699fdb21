/**
 * The mid-call controls of one call row (`callControlsPlugin()`, installed by the preset): hold /
 * unhold (`data-testid="hold"`), start / stop video (`add-video`), share / stop sharing the screen
 * (`screen-share`) and restart media (`restart-media`, an ICE restart). Each shows while it can be
 * used; the row calls `update()` on every change of its call.
 */
import type { SdkClient } from '@switchboard/sdk';
import { h } from '../dom';

type Call = NonNullable<ReturnType<SdkClient['call']['getById']>>;

/** The controls' buttons and their `update(call)`. */
export function callControls(client: SdkClient, callId: string): { buttons: HTMLButtonElement[]; update(call: Call): void } {
  const { states } = client.call;
  // The SDK cannot tell a screen track from a camera track (seed 000 stopScreenshare): the row remembers what it shared.
  let sharing = false;
  const videoCount = (c: Call) => c.localTracks.filter((id) => client.media.getTrackById(id)?.kind === 'video').length;
  const hold = h('button', { 'data-testid': 'hold', onclick: () => (client.call.getById(callId)?.localHold ? client.call.unhold(callId) : client.call.hold(callId)) }, 'Hold');
  const video = h('button', { 'data-testid': 'add-video', onclick: () => (video.dataset.on === 'true' ? client.call.stopVideo(callId) : client.call.startVideo(callId)) }, 'Start video');
  const screen = h('button', {
    'data-testid': 'screen-share',
    onclick: () => {
      sharing = !sharing;
      if (sharing) client.call.startScreenshare(callId);
      else client.call.stopScreenshare(callId);
    },
  }, 'Share screen');
  const restart = h('button', { 'data-testid': 'restart-media', onclick: () => client.call.restartMedia(callId) }, 'Restart media');
  return {
    buttons: [hold, video, screen, restart],
    update(c) {
      const connected = c.state === states.CONNECTED;
      hold.hidden = !connected && c.state !== states.ON_HOLD;
      hold.textContent = c.localHold ? 'Unhold' : 'Hold';
      video.hidden = screen.hidden = !connected;
      if (sharing && !videoCount(c) && !c.currentOperations.length) sharing = false; // the share failed or ended
      video.dataset.on = String(videoCount(c) - (sharing ? 1 : 0) > 0);
      video.textContent = video.dataset.on === 'true' ? 'Stop video' : 'Start video';
      screen.dataset.on = String(sharing);
      screen.textContent = screen.dataset.on === 'true' ? 'Stop sharing' : 'Share screen';
      restart.hidden = hold.hidden;
    },
  };
}

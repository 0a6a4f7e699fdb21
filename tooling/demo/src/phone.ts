/**
 * The signed-in phone: owns the SDK client (`create` of @switchboard/sdk), the chosen devices and
 * the focused call (the one the dial pad sends DTMF to). Panels read it and listen to the client.
 */
import { create, type SdkClient } from '@switchboard/sdk';
import { serverConfig, type Origin } from './server';
import type { DemoUser } from './users';

/** The media options of `call.make` / `call.answer`. */
export type CallMedia = Parameters<SdkClient['call']['make']>[1];

/** Device ids chosen in the devices panel ('' = the browser's default). */
export interface ChosenDevices {
  microphone: string;
  camera: string;
  speaker: string;
}

/** One signed-in user's phone. */
export class Phone {
  readonly client: SdkClient;
  readonly devices: ChosenDevices = { microphone: '', camera: '', speaker: '' };
  private focused: string | undefined;
  private readonly focusListeners = new Set<(callId: string | undefined) => void>();

  constructor(
    readonly user: DemoUser,
    origin: Origin,
  ) {
    this.client = create(serverConfig(origin));
  }

  /**
   * Logs in and subscribes to the `call`, `presence`, `IM` (chat) and `event:presence` (SIP phone
   * presence) services (the panels are listening by then); watching other users' presence needs
   * `presence` in the subscription, a SIP event subscription its `event:<package>`.
   */
  signIn(): void {
    this.client.setCredentials({ username: this.user.username, password: this.user.password });
    this.client.services.subscribe(['call', 'presence', 'IM', 'event:presence']);
  }

  /**
   * The page is going away (`pagehide`): releases the subscription at once. The gateway limits the
   * subscriptions a user holds at a time (5 by default) and keeps one for its whole `expires`
   * (an hour) unless it is deleted, so a tab that is closed or reloaded without this would hold its
   * slot; the SDK sends the DELETE with fetch `keepalive`, so it outlives the page. The gateway then
   * ends this user's calls on it as if hung up.
   */
  release(): void {
    this.client.disconnect();
  }

  /** Ends every call and destroys the client. */
  async signOut(): Promise<void> {
    for (const call of this.client.call.getAll()) {
      if (call.state !== this.client.call.states.ENDED) this.client.call.end(call.id);
    }
    await this.client.destroy();
  }

  /** The media options for a call with audio (and video when `video`), on the chosen devices. */
  media(video: boolean): CallMedia {
    const { microphone, camera } = this.devices;
    return {
      audio: true,
      video,
      ...(microphone ? { audioOptions: { deviceId: microphone } } : {}),
      ...(video && camera ? { videoOptions: { deviceId: camera } } : {}),
    };
  }

  /** The focused call's id, if any. */
  get focusedCall(): string | undefined {
    return this.focused;
  }

  /** Focuses a call (or none). */
  focus(callId: string | undefined): void {
    if (this.focused === callId) return;
    this.focused = callId;
    for (const l of this.focusListeners) l(callId);
  }

  /** Calls `listener` whenever the focused call changes. */
  onFocus(listener: (callId: string | undefined) => void): void {
    this.focusListeners.add(listener);
  }
}

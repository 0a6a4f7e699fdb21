/**
 * Microphone, camera and speaker selection (`data-testid="device-microphone|camera|speaker"`).
 * The choice applies to the next call made or answered (switching during a call, the SDK's
 * `call.replaceTrack`, is not offered here) and, for the speaker, to remote audio rendered from then on.
 */
import type { SdkClient } from '@switchboard/sdk';
import { h, panel } from '../dom';
import type { ChosenDevices, Phone } from '../phone';

type DeviceInfo = ReturnType<SdkClient['media']['getDevices']>['camera'][number];

const KINDS: ReadonlyArray<keyof ChosenDevices> = ['microphone', 'camera', 'speaker'];

/** The devices panel of a signed-in phone. */
export function devicesPanel(phone: Phone): HTMLElement {
  const { client } = phone;
  const selects = Object.fromEntries(
    KINDS.map((kind) => [kind, h('select', { 'data-testid': `device-${kind}`, onchange: (e) => (phone.devices[kind] = (e.target as HTMLSelectElement).value) })]),
  ) as Record<keyof ChosenDevices, HTMLSelectElement>;
  const fill = () => {
    const devices = client.media.getDevices();
    for (const kind of KINDS) {
      const list: DeviceInfo[] = devices[kind];
      const select = selects[kind];
      select.replaceChildren(
        h('option', { value: '' }, 'default'),
        ...list.map((d, i) => h('option', { value: d.deviceId, selected: d.deviceId === phone.devices[kind] }, d.label || `${kind} ${i + 1}`)),
      );
    }
  };
  client.on('devices:change', fill);
  fill();
  const ask = h('button', { 'data-testid': 'devices-initialize', onclick: () => void client.media.initializeDevices() }, 'Show device names');
  return panel('devices', 'Devices', ...KINDS.map((kind) => h('label', {}, `${kind} `, selects[kind])), ask);
}

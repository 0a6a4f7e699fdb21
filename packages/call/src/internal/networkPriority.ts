/**
 * `dscpControls`: the DSCP network priority of a sender's encodings
 * (`RTCRtpEncodingParameters.networkPriority`). Chromium applies it; Firefox (153) and Safari have
 * no such field and drop it silently, so the result is read back and a browser that dropped it is
 * logged once per sender as unsupported instead of being reported as applied.
 */
import type { Logger } from '@switchboard/core';

/**
 * Sets `priority` on every encoding of `sender`. Resolves true when the browser kept it; false
 * (with a warning) when it failed or was dropped. Never rejects.
 * @internal
 */
export async function applyNetworkPriority(sender: RTCRtpSender, priority: RTCPriorityType, logger: Logger): Promise<boolean> {
  type Encoding = RTCRtpEncodingParameters & { networkPriority?: RTCPriorityType };
  try {
    const params = sender.getParameters();
    if (!params.encodings?.length) params.encodings = [{}];
    for (const enc of params.encodings as Encoding[]) enc.networkPriority = priority;
    await sender.setParameters(params);
    const kept = ((sender.getParameters().encodings ?? []) as Encoding[]).some((e) => e.networkPriority === priority);
    if (!kept) logger.warn(`dscpControls: this browser does not support a network priority for ${sender.track?.kind ?? 'a'} sender (ignored)`);
    return kept;
  } catch (error) {
    logger.warn('could not apply the DSCP network priority', error);
    return false;
  }
}

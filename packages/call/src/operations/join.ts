/**
 * `call.join(callId, otherCallId)` (installed by `callTransferPlugin()`): a local three-way audio
 * call. Both calls must be locally held. Each is taken off hold with an audio-only offer (video
 * sections go inactive; the far ends see a remote unhold), then its outgoing audio becomes the
 * microphone mixed with the other call's remote audio, so that each party hears the other two.
 * The new joined call (Connected, audio only, the first call's custom parameters) is announced
 * with `call:join`; `transfer/conference.ts` keeps the three together. No `join` request goes to
 * the gateway: the protocol's join (§5.15) needs a server-side mixer, this one mixes locally.
 */
import type { EventBus } from '@switchboard/core';
import { states } from '../constants';
import { asCallError, callNotFound, invalidArgument } from '../errors';
import { assertString, copyParams } from '../api/validate';
import type { AudioMixerFactory } from '../internal/audioMixer';
import type { Call } from '../internal/Call';
import type { CallLookupService } from '../internal/CallRegistry';
import type { CallOperation } from '../types';
import { transferOperations as ops } from '../transfer/constants';
import type { ConferenceLeg, Conferences } from '../transfer/conference';
import { setDirections, type RenegotiateCollaborators } from './renegotiate';
import { notHeld } from './transfer';

/** What `join` uses. @internal */
export interface JoinCollaborators extends RenegotiateCollaborators {
  calls: Pick<CallLookupService, 'lookup' | 'get' | 'refuse' | 'create'>;
  conferences: Pick<Conferences, 'add' | 'isLeg'>;
  mixer: AudioMixerFactory;
  events: Pick<EventBus, 'emit'>;
  userId: () => string | undefined;
}

/** `call.join(callId, otherCallId)`. @internal */
export function joinOperation(c: JoinCollaborators) {
  return (callId: string, otherCallId: string): void => {
    assertString('join', 'otherCallId', otherCallId);
    const call = c.calls.lookup('join', ops.JOIN, callId);
    if (!call) return;
    const other = c.calls.get(otherCallId);
    const bad = !other
      ? callNotFound(otherCallId)
      : other === call
        ? invalidArgument('call.join(): otherCallId must name another call.')
        : notHeld(call, 'join') ?? notHeld(other, 'join') ??
          (c.conferences.isLeg(call) || c.conferences.isLeg(other) ? invalidArgument('call.join(): a call of a joined call cannot be joined again.') : undefined);
    if (bad || !other) return c.calls.refuse(callId, ops.JOIN, bad!);
    void run(c, call, other, call.startOp(ops.JOIN), other.startOp(ops.JOIN));
  };
}

/**
 * Takes one call off hold for the join through the shared renegotiation step: audio sends and
 * receives, video is switched off. Resolves once the answer is applied; rejects with the
 * operation's error (the step has then rolled the offer back and restored the directions).
 */
function unhold(c: JoinCollaborators, call: Call): Promise<void> {
  const op = call.startOp(ops.JOIN_UNHOLD);
  return new Promise((resolve, reject) => {
    let restore = () => {};
    void c.renegotiator.run(call, op, {
      change: (pc) => {
        restore = setDirections(pc, (t) => (t.receiver.track.kind === 'audio' ? 'sendrecv' : 'inactive'));
      },
      undo: () => restore(),
      done: (error) => {
        if (error) return reject(error);
        if (!call.isOver()) call.setState(call.data.remoteHold ? states.ON_HOLD : states.CONNECTED, {}, undefined, { localHold: false });
        resolve();
      },
    });
  });
}

/** The audio sender, microphone and remote audio track of a call. */
function audioOf(call: Call): { leg: ConferenceLeg; remote: MediaStreamTrack } {
  const pc = call.session?.pc;
  const sender = pc?.getSenders().find((s) => s.track?.kind === 'audio');
  const remote = pc?.getReceivers().find((r) => r.track.kind === 'audio' && r.track.readyState === 'live')?.track;
  if (!sender || !remote) throw invalidArgument(`call.join(): call ${call.id} has no two-way audio.`);
  return { leg: { call, sender, mic: sender.track }, remote };
}

async function run(c: JoinCollaborators, a: Call, b: Call, opA: CallOperation, opB: CallOperation): Promise<void> {
  try {
    await Promise.all([unhold(c, a), unhold(c, b)]);
    const [x, y] = [audioOf(a), audioOf(b)];
    const mixer = c.mixer();
    try {
      await x.leg.sender.replaceTrack(mixer.mix([x.leg.mic, y.remote].filter((t): t is MediaStreamTrack => !!t)));
      await y.leg.sender.replaceTrack(mixer.mix([y.leg.mic, x.remote].filter((t): t is MediaStreamTrack => !!t)));
    } catch (e) {
      mixer.close();
      throw e;
    }
    const joined = c.calls.create({
      direction: 'outgoing', from: c.userId() ?? '', to: 'conference', state: states.CONNECTED,
      remoteParticipant: { displayName: 'conference' }, mediaConnectionState: 'connected',
      customParameters: copyParams(a.data.customParameters),
    });
    c.conferences.add(joined, [x.leg, y.leg], mixer);
    a.finishOp(opA);
    b.finishOp(opB);
    c.events.emit('call:join', { callId: joined.id });
  } catch (e) {
    const error = asCallError(e, 'CALL_NEGOTIATION_FAILED', 'The calls could not be joined');
    a.finishOp(opA, error);
    b.finishOp(opB, error);
    c.events.emit('call:join', { callId: a.id, error });
  }
}

/**
 * Direct and consultative transfers (§5.13, §5.14) with the slow-start relay of §18.4: the
 * transferee gets a `startCallUpdate` without SDP and answers it with a fresh offer, which goes
 * to the target (a new call for a direct transfer, a `startCallUpdate` on the target's existing
 * leg for a consultative one); the target's answer reaches the transferee as `respondCallUpdate`;
 * the transferor gets `sessionComplete` on the transferred leg (and `callEnd` on its leg to the
 * target, consultative), or `sessionFail` when a step fails. README "Transfers".
 */
import { type Call, type Leg, type Transfer, callNotification, peerOf } from './call-model';
import { type CallManager, type Defer, UPDATE_TIMEOUT_MS, immediately } from './calls';
import { HttpError } from './http';
import { randomId } from './ids';
import { canonicalAddress } from './users';
import type { CustomParameter } from './validation';

const busy = () => new HttpError(409, 1004, 'Another call update or transfer is in progress');
const noop = () => undefined;

/** The transfers of one {@link CallManager}. */
export class Transfers {
  constructor(private readonly calls: CallManager) {}

  /**
   * `transfer` on `leg` (answered, no update in progress): to `address` (direct), or to the remote
   * party of the transferor's `other` leg (consultative; both calls answered). Errors before any
   * side effect: 404 + 1004 unknown destination, 400 + 1004 a destination that is not a third
   * party, 409 + 1004 wrong state or an operation in progress.
   */
  start(leg: Leg, address: string, other: Leg | undefined, defer: Defer): void {
    const call = this.calls.answered(leg, 'transfer');
    if (call.pendingUpdate || call.transfer || call.transferOf) throw busy();
    const transferee = peerOf(leg);
    let target: string | undefined;
    if (other) {
      if (other.call === call) throw new HttpError(400, 1004, '"sessionData" must name the leg of another call');
      const second = this.calls.answered(other, 'transfer');
      if (second.pendingUpdate || second.transfer || second.transferOf) throw busy();
      if (peerOf(other).username === transferee.username) throw new HttpError(400, 1004, 'Both calls are with the same party');
    } else {
      const domain = leg.username.slice(leg.username.lastIndexOf('@') + 1);
      const user = this.calls.users.find(canonicalAddress(address, domain));
      if (!user) throw new HttpError(404, 1004, 'Transfer destination not found');
      if (user.username === leg.username || user.username === transferee.username) {
        throw new HttpError(400, 1004, 'Transfer destination must be a third party');
      }
      target = user.username;
    }
    const transfer: Transfer = {
      kind: other ? 'consultative' : 'direct',
      transferor: leg,
      transferee,
      stage: 'offer',
      target,
      other,
      transfereeRole: transferee.role,
      cancelTimeout: this.calls.timers.after(UPDATE_TIMEOUT_MS, () => this.fail(call, 'Transfer timed out', immediately)),
    };
    call.transfer = transfer;
    // Holds off other offers on the calls involved until the transfer ends.
    call.pendingUpdate = { from: leg, cancel: noop };
    if (other) {
      other.call.transferOf = call;
      other.call.pendingUpdate = { from: other, cancel: noop };
    }
    this.calls.send(transferee, callNotification(transferee, 'startCallUpdate', {}, this.calls.customFor(leg)), defer);
    this.calls.save(call);
    this.calls.settingsLog(`call ${call.id}: ${transfer.kind} transfer by ${leg.username}`);
  }

  /** A `respondCallUpdate` that is a step of a transfer; false when it is not one (the ordinary relay applies). */
  onRespond(leg: Leg, sdp: string, custom: CustomParameter[] | undefined, defer: Defer): boolean {
    const call = leg.call;
    const own = call.transfer;
    if (own && own.transferee === leg && own.stage === 'offer') {
      this.offered(call, own, sdp, custom, defer);
      return true;
    }
    const first = call.transferOf;
    const t = first?.transfer;
    if (first && t?.kind === 'consultative' && t.other && peerOf(t.other) === leg) {
      if (t.stage !== 'target') throw new HttpError(409, 1004, 'No call update to respond to');
      this.consultAnswered(first, t, sdp, custom, defer);
      return true;
    }
    return false;
  }

  /** The direct transfer's target answered its call (the answer already went to the transferee). */
  targetAnswered(target: Call, defer: Defer): void {
    const call = target.transferOf;
    const t = call?.transfer;
    if (!call || !t) return;
    target.transferOf = undefined;
    target.pendingUpdate = undefined;
    target.noHistory = undefined;
    this.calls.save(target);
    this.complete(call, t, 'Direct Transfer Successful', defer);
  }

  /** A call ended: a transfer that depended on it fails. */
  onCallEnded(call: Call, reason: string): void {
    if (call.transfer) this.fail(call, reason, immediately);
    else if (call.transferOf?.transfer) this.fail(call.transferOf, reason, immediately);
  }

  /** The transferee's slow-start offer: to the target. */
  private offered(call: Call, t: Transfer, offer: string, custom: CustomParameter[] | undefined, defer: Defer): void {
    t.stage = 'target';
    if (t.kind === 'consultative') {
      const target = peerOf(t.other!);
      this.calls.send(target, callNotification(target, 'startCallUpdate', { sdp: offer }, custom), defer);
      this.calls.save(call);
      return;
    }
    // Direct: from now the target call's alerting timeout governs.
    t.cancelTimeout();
    const user = this.calls.users.find(t.target!)!;
    const e = t.transferee;
    const now = Date.now();
    const target = {
      id: randomId('call-'),
      callerParty: e.role === 'caller' ? call.callerParty : call.calleeParty,
      calleeParty: this.calls.partyOf(user),
      offer,
      offerCustom: custom,
      alerted: new Set<string>(),
      rang: false,
      createdAt: now,
      transferOf: call,
      noHistory: true,
    } as Call;
    target.callerSub = this.calls.subscriptionOf(e);
    e.incomingFrom = e.role === 'callee' ? target.calleeParty : undefined;
    e.role = 'caller';
    e.call = target;
    target.caller = e;
    target.callee = { id: randomId('leg-'), username: user.username, role: 'callee', state: 'alerting', call: target, lastActivity: now };
    target.pendingUpdate = { from: e, cancel: noop };
    t.targetCall = target;
    this.calls.addCall(target);
    this.calls.alertCall(target, defer);
    this.calls.save(call);
  }

  /** Consultative: the target's answer to the transferee's offer; the transferee takes the transferor's place in the other call. */
  private consultAnswered(call: Call, t: Transfer, answer: string, custom: CustomParameter[] | undefined, defer: Defer): void {
    const other = t.other!;
    const second = other.call;
    const e = t.transferee;
    const eSub = this.calls.subscriptionOf(e);
    const eParty = e.role === 'caller' ? call.callerParty : call.calleeParty;
    const wasIncoming = e.role === 'callee';
    const toTransferor = this.calls.recipients(other);
    second.transferOf = undefined;
    second.pendingUpdate = undefined;
    this.calls.recordLeg(second, other, 'transferred');
    if (other.role === 'caller') {
      second.caller = e;
      second.callerSub = eSub;
      second.callerParty = eParty;
    } else {
      second.callee = e;
      second.answeredBy = eSub;
      second.alerted = new Set(eSub ? [eSub] : this.calls.callSubscriptionIds(e.username));
      second.calleeParty = eParty;
    }
    e.role = other.role;
    e.incomingFrom = wasIncoming && e.role === 'caller' ? second.calleeParty : undefined;
    e.call = second;
    other.state = 'ended';
    this.calls.send(e, callNotification(e, 'respondCallUpdate', { sdp: answer }, custom), defer);
    this.calls.send(other, callNotification(other, 'callEnd', { statusCode: 0, reasonText: 'Transfer Successful' }), defer, toTransferor);
    this.calls.save(second);
    this.complete(call, t, 'Transfer Successful', defer);
  }

  /** Success: `sessionComplete` on the transferred leg; the transferred call ends (history: transferor `transferred`). */
  private complete(call: Call, t: Transfer, reasonText: string, defer: Defer): void {
    t.cancelTimeout();
    call.transfer = undefined;
    call.pendingUpdate = undefined;
    const transferor = t.transferor;
    this.calls.send(transferor, callNotification(transferor, 'sessionComplete', { reasonText }), defer);
    this.calls.recordLeg(call, t.transferee, 'answered', t.transfereeRole);
    this.calls.end(call, 'Transferred');
  }

  /** Failure: `sessionFail` to the transferor; a direct transfer's transferee goes back to its call (still held). */
  private fail(call: Call, reason: string, defer: Defer): void {
    const t = call.transfer;
    if (!t) return;
    t.cancelTimeout();
    call.transfer = undefined;
    call.pendingUpdate = undefined;
    const { transferor, transferee: e } = t;
    let transfereeGone = e.state === 'ended' && e.call === call;
    if (t.kind === 'direct' && t.targetCall && e.call === t.targetCall) {
      const target = t.targetCall;
      if (target.endedAt === undefined) this.calls.endUnanswered(target, 'Transfer failed', defer);
      transfereeGone = target.endReason === 'Caller cancelled';
      e.call = call;
      e.role = t.transfereeRole;
      e.incomingFrom = undefined;
      this.calls.forget(target);
      // Back in its call, which ended meanwhile when the transferor hung up (it then gets that callEnd).
      if (call.endedAt !== undefined) e.state = 'ended';
      else if (!transfereeGone) {
        e.state = 'answered';
        const abort = callNotification(e, 'respondCallUpdate', { retryAfter: 1, reasonText: 'Transfer failed' });
        abort.statusCode = 49;
        this.calls.send(e, abort, defer);
      }
    } else if (t.kind === 'consultative') {
      const second = t.other!.call;
      second.transferOf = undefined;
      second.pendingUpdate = undefined;
      if (t.stage === 'target' && e.state !== 'ended') {
        const abort = callNotification(e, 'respondCallUpdate', { retryAfter: 1, reasonText: 'Transfer failed' });
        abort.statusCode = 49;
        this.calls.send(e, abort, defer);
      }
      this.calls.save(second);
    }
    if (transferor.state !== 'ended') {
      const reasonText = t.kind === 'direct' ? 'Direct Transfer Failed' : 'Transfer Failed';
      this.calls.send(transferor, callNotification(transferor, 'sessionFail', { statusCode: 500, reasonText }), defer);
      if (transfereeGone && call.endedAt === undefined) {
        const to = this.calls.recipients(transferor);
        this.calls.end(call, 'Transferee hung up');
        this.calls.send(transferor, callNotification(transferor, 'callEnd', { statusCode: 0, reasonText: 'Call ended by remote party' }), defer, to);
      }
    }
    this.calls.save(call);
    this.calls.settingsLog(`call ${call.id}: ${t.kind} transfer failed (${reason})`);
  }
}

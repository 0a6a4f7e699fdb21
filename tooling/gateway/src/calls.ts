/**
 * Call control (§5, §18.3): legs per user, SDP relay between the two parties, ringing, answer,
 * reject, forward, cancel/end, renegotiation relay with glare protection, audits, leg queries,
 * alerting and inactivity timeouts. Notifications are handed to a `Defer` so that they go out
 * only after the HTTP response of the causing request (§3.7).
 */
import type { Notification } from './channels';
import { type Call, type Leg, type Party, callFromStore, callNotification, peerOf, snapshotCall, storedCall } from './call-model';
import { Transfers } from './call-transfer';
import { ClickToCalls } from './click-to-call';
import { type CallHistory, type HistoryState, historyEntry } from './history';
import type { Settings } from './config';
import { HttpError } from './http';
import { randomId } from './ids';
import type { Store } from './store';
import type { Subscription, SubscriptionManager } from './subscriptions';
import type { TimerSet } from './timers';
import type { CallSnapshot, UserRecord } from './types';
import { type UserDirectory, canonicalAddress, displayNameOf } from './users';
import type { CustomParameter } from './validation';

/** Schedules an effect (after the HTTP response, or immediately). */
export type Defer = (effect: () => void) => void;

/** Runs effects immediately (for timer-driven events). */
export const immediately: Defer = (effect) => effect();

/** A validated `callStart`. */
export interface StartInput {
  to: string;
  from?: string;
  sdp: string;
  customParameters?: CustomParameter[];
}

/** Handle of a request answered by later notifications to its own leg, see {@link CallManager.answering}. */
export interface Answering {
  /** The defer to hand to the CallManager for this request. */
  defer: Defer;
  /** Resolves when the HTTP response may be written. */
  ready(legId: string): Promise<void>;
}

/** How long a `startCallUpdate` (and each step of a transfer) waits for its answer. */
export const UPDATE_TIMEOUT_MS = 30_000;
/** 'before-response' order: the longest a response waits for its leg's first notification. */
const AHEAD_WAIT_MS = 5_000;
/** 'before-response' order: the response follows the notification by this much, so the client sees them in that order. */
const AHEAD_MARGIN_MS = 20;
/** An ended call is remembered (ids and states only, for late GET/DELETE answers) this long… */
const ENDED_RETENTION_MS = 10 * 60_000;
/** …and at most this many per calling user (the oldest are forgotten first). */
export const ENDED_CALLS_PER_USER = 100;

const legGone = () => new HttpError(404, 42, 'Call session not found');
const wrongState = (what: string) => new HttpError(409, 1004, `${what} is not allowed in the current call state`);

/** Keeps every call and leg; written through to the store and rebuilt from it at start. */
export class CallManager {
  private readonly legs = new Map<string, Leg>();
  private readonly calls = new Map<string, Call>();
  /** Ended calls by calling user, oldest first (bounded by {@link ENDED_CALLS_PER_USER}). */
  private readonly ended = new Map<string, Call[]>();
  private notifications = 0;
  /** Direct and consultative transfers (§5.13, §5.14). */
  readonly transfers: Transfers;
  /** Click-to-call (§13). */
  readonly clickToCalls: ClickToCalls;
  /** Told when a user's leg starts (caller: callStart; callee: answer) or ends (phone presence, `sip-events.ts`). */
  onCallActivity: (leg: Leg, onThePhone: boolean, defer?: Defer) => void = () => undefined;

  constructor(
    private readonly settings: Settings,
    readonly timers: TimerSet,
    readonly users: UserDirectory,
    private readonly subs: SubscriptionManager,
    private readonly store: Store,
    private readonly history: CallHistory,
  ) {
    this.transfers = new Transfers(this);
    this.clickToCalls = new ClickToCalls(this);
    const sweepMs = Math.max(10, Math.min(5_000, Math.floor(settings.legInactivityMs / 3)));
    timers.every(sweepMs, () => this.sweep());
    this.restore();
  }

  /** The leg `legId` if it belongs to `username` (another user's leg counts as unknown). */
  leg(username: string, legId: string): Leg | undefined {
    const leg = this.legs.get(legId);
    if (!leg || leg.username !== username) return undefined;
    leg.lastActivity = Date.now();
    this.save(leg.call);
    return leg;
  }

  /**
   * For a request that later notifications to its own leg answer (`callStart`, `startCallUpdate`):
   * by default the effects run after the response (`after`) and {@link Answering.ready} resolves at
   * once; with `notificationOrder: 'before-response'` (a test knob) the effects run at once and
   * `ready` resolves shortly after the leg's next notification (or after 5 s, or when the leg ended).
   */
  answering(after: Defer, request: 'callStart' | 'startCallUpdate'): Answering {
    if (this.settings.notificationOrder !== 'before-response') return { defer: after, ready: () => Promise.resolve() };
    const since = this.notifications;
    const ready = (legId: string) =>
      new Promise<void>((resolve) => {
        after(() => this.settings.probe({ kind: 'response', legId, request, at: performance.now() }));
        const leg = this.legs.get(legId);
        const done = () => {
          cancel();
          this.timers.after(AHEAD_MARGIN_MS, resolve);
        };
        const cancel = this.timers.after(AHEAD_WAIT_MS, resolve);
        if (!leg || leg.state === 'ended' || (leg.lastNotified ?? 0) > since) return done();
        (leg.onNotified ??= []).push(done);
      });
    return { defer: immediately, ready };
  }

  /** `callStart`: creates the call, alerts the callee; returns the caller's leg id. */
  start(user: UserRecord, input: StartInput, sessionSub: string | undefined, defer: Defer): string {
    this.checkSdp(input.sdp);
    const domain = user.username.slice(user.username.lastIndexOf('@') + 1);
    const address = canonicalAddress(input.to, domain);
    if (!address) throw new HttpError(400, 5, '"to" is not a valid address');
    if (this.liveLegs(user.username) >= this.settings.maxCallsPerUser) {
      throw new HttpError(403, 19, `Too many concurrent calls for this user (limit ${this.settings.maxCallsPerUser})`);
    }
    const target = this.users.find(address);
    const call = this.newCall(user, input, address, target);
    call.callerSub = sessionSub && this.subs.byId(sessionSub) ? sessionSub : undefined;
    this.graceAfterResponse(call.caller, 'callStart', defer);
    if (!target) {
      this.end(call, 'User not found');
      this.send(call.caller, callNotification(call.caller, 'callEnd', { statusCode: 404, reasonText: 'User not found' }), defer);
      return call.caller.id;
    }
    // An event to a watcher who is the callee goes after the alert's `call` notification (same defer): its SDK has the leg first.
    const afterAlert: Array<() => void> = [];
    this.onCallActivity(call.caller, true, (effect) => afterAlert.push(effect));
    this.alert(call, target.username, defer);
    for (const effect of afterAlert) defer(effect);
    this.save(call);
    return call.caller.id;
  }

  /** `ringing` from the callee: one `ringing` to the caller (first time only). */
  ringing(leg: Leg, defer: Defer): void {
    this.alive(leg);
    if (leg.role !== 'callee') throw wrongState('ringing');
    if (leg.state !== 'alerting' || leg.call.rang) return;
    leg.call.rang = true;
    this.send(peerOf(leg), callNotification(peerOf(leg), 'ringing', {}, this.customFor(leg)), defer);
    this.save(leg.call);
  }

  /** `callAnswer`: relays the answer SDP to the caller and cancels the other alerted devices. */
  answer(leg: Leg, sdp: string, custom: CustomParameter[] | undefined, sessionSub: string | undefined, defer: Defer): void {
    const call = leg.call;
    this.checkSdp(sdp);
    if (leg.role !== 'callee') throw wrongState('callAnswer');
    if (leg.state !== 'alerting') throw legGone();
    const answering = this.answeringSub(call, sessionSub);
    const others = this.liveSubs([...call.alerted].filter((id) => id !== answering));
    call.cancelAlerting?.();
    call.alertingUntil = undefined;
    if (call.clickToCall) {
      this.send(leg, callNotification(leg, 'callCancel'), defer, others);
      return this.clickToCalls.answered(leg, sdp, custom, answering, defer);
    }
    call.answeredBy = answering;
    call.answeredAt = Date.now();
    leg.state = 'answered';
    call.caller.state = 'answered';
    this.send(call.caller, callNotification(call.caller, 'respondCallUpdate', { sdp }, this.customFor(leg, custom)), defer);
    this.send(leg, callNotification(leg, 'callCancel'), defer, others);
    this.save(call);
    if (!leg.virtual) defer(() => this.onCallActivity(leg, true));
    if (call.transferOf) this.transfers.targetAnswered(call, defer);
  }

  /** Reject (call disposition): `callEnd` 603 to the caller, `callCancel` to other alerted devices. */
  reject(leg: Leg, sessionSub: string | undefined, defer: Defer): void {
    if (leg.role !== 'callee') throw wrongState('reject');
    if (leg.state === 'ended') throw legGone();
    if (leg.state !== 'alerting') throw wrongState('reject');
    this.refuse(leg, sessionSub, 603, 'Call rejected', defer);
  }

  /** Forward (call disposition): cancels this user's devices and alerts `address` with the original offer. */
  forward(leg: Leg, address: string, sessionSub: string | undefined, defer: Defer): void {
    const call = leg.call;
    if (leg.role !== 'callee') throw wrongState('forward');
    if (leg.state === 'ended') throw legGone();
    if (leg.state !== 'alerting') throw wrongState('forward');
    const domain = leg.username.slice(leg.username.lastIndexOf('@') + 1);
    const target = this.users.find(canonicalAddress(address, domain));
    if (!target) throw new HttpError(404, 1004, 'Forward destination not found');
    const others = this.liveSubs([...call.alerted].filter((id) => id !== sessionSub));
    this.send(leg, callNotification(leg, 'callCancel'), defer, others);
    this.recordLeg(call, leg, 'forwarded');
    leg.state = 'ended';
    call.cancelAlerting?.();
    const newLeg: Leg = { id: randomId('leg-'), username: target.username, role: 'callee', state: 'alerting', call, lastActivity: Date.now() };
    this.legs.set(newLeg.id, newLeg);
    call.callee = newLeg;
    call.calleeParty = { name: this.users.displayName(target), number: target.username };
    call.alerted = new Set();
    call.rang = false;
    this.alert(call, target.username, defer);
    this.save(call);
  }

  /** DELETE of a leg: cancel before answer, end after (§5.9); idempotent for ended legs. */
  hangup(leg: Leg, sessionSub: string | undefined, defer: Defer): void {
    const call = leg.call;
    if (leg.state === 'ended') return;
    const peer = peerOf(leg);
    if (leg.role === 'caller' && peer.state === 'alerting') {
      const alerted = this.liveSubs([...call.alerted]);
      this.end(call, 'Caller cancelled');
      this.send(peer, callNotification(peer, 'callCancel'), defer, alerted);
    } else if (leg.role === 'callee' && leg.state === 'alerting') {
      this.refuse(leg, sessionSub, 603, 'Call rejected', defer);
    } else {
      const recipients = this.recipients(peer);
      this.end(call, `Hung up by ${leg.username}`);
      this.send(peer, callNotification(peer, 'callEnd', { statusCode: 0, reasonText: 'Call ended by remote party' }), defer, recipients);
    }
  }

  /** `startCallUpdate`: relays the offer to the peer; one outstanding offer per call. */
  startUpdate(leg: Leg, sdp: string, custom: CustomParameter[] | undefined, defer: Defer): void {
    this.checkSdp(sdp);
    const call = this.answered(leg, 'startCallUpdate');
    if (call.pendingUpdate) throw new HttpError(409, 1004, 'Another call update is in progress');
    this.awaitUpdate(call, leg, Date.now() + UPDATE_TIMEOUT_MS);
    this.graceAfterResponse(leg, 'startCallUpdate', defer);
    const peer = peerOf(leg);
    this.send(peer, callNotification(peer, 'startCallUpdate', { sdp }, this.customFor(leg, custom)), defer);
    this.save(call);
  }

  /** `respondCallUpdate`: relays the answer to the side that sent the offer. */
  respondUpdate(leg: Leg, sdp: string, custom: CustomParameter[] | undefined, defer: Defer): void {
    this.checkSdp(sdp);
    const call = this.answered(leg, 'respondCallUpdate');
    if (this.transfers.onRespond(leg, sdp, custom, defer)) return;
    const pending = call.pendingUpdate;
    if (!pending || pending.from === leg) throw new HttpError(409, 1004, 'No call update to respond to');
    pending.cancel();
    call.pendingUpdate = undefined;
    this.send(pending.from, callNotification(pending.from, 'respondCallUpdate', { sdp }, this.customFor(leg, custom)), defer);
    this.save(call);
  }

  /** `sendCustomHeaders`: kept for the next notification to the peer (§5.12). */
  customHeaders(leg: Leg, custom: CustomParameter[]): void {
    this.answered(leg, 'sendCustomHeaders');
    leg.pendingCustom = custom;
    this.save(leg.call);
  }

  /** `audit`: 200 while the leg is alive, 404 + 42 otherwise. */
  audit(leg: Leg): void {
    this.alive(leg);
  }

  /** GET of a leg: RINGING / ANSWERED, or 404 + 47. */
  state(leg: Leg): 'RINGING' | 'ANSWERED' {
    if (leg.state === 'ended') throw new HttpError(404, 47, 'Call session not found');
    return leg.state === 'answered' ? 'ANSWERED' : 'RINGING';
  }

  /** A subscription ended: end or shrink the calls that depended on it (§18.2); notifications go through `defer`. */
  onSubscriptionRemoved(sub: Subscription, defer: Defer = immediately): void {
    for (const call of this.calls.values()) {
      if (call.endedAt) continue;
      const { caller, callee } = call;
      if (call.alerted.delete(sub.id) && callee.state === 'alerting' && !this.liveSubs([...call.alerted]).length) {
        const to = this.recipients(caller);
        this.end(call, 'Callee unavailable');
        this.endCaller(call, 480, 'Temporarily unavailable', defer, to);
        continue;
      }
      const calleeGone =
        callee.state === 'answered' &&
        (call.answeredBy === sub.id || (!call.answeredBy && !this.subs.forUser(callee.username, 'call').length));
      const callerGone = call.callerSub === sub.id || (sub.username === caller.username && !this.subs.forUser(caller.username, 'call').length);
      if (calleeGone) this.hangup(callee, undefined, defer);
      else if (callerGone) this.hangup(caller, undefined, defer);
      this.save(call);
    }
  }

  /** Snapshot for the test hooks. */
  snapshot(): CallSnapshot[] {
    return [...this.calls.values()].map(snapshotCall);
  }

  private newCall(user: UserRecord, input: StartInput, address: string, target?: UserRecord): Call {
    const now = Date.now();
    const call = {
      id: randomId('call-'),
      callerParty: { name: (input.from && displayNameOf(input.from)) ?? this.users.displayName(user), number: user.username },
      calleeParty: target
        ? { name: this.users.displayName(target), number: target.username }
        : { name: address.slice(0, address.lastIndexOf('@')), number: address },
      offer: input.sdp,
      offerCustom: input.customParameters,
      alerted: new Set<string>(),
      rang: false,
      createdAt: now,
    } as Call;
    call.caller = { id: randomId('leg-'), username: user.username, role: 'caller', state: 'calling', call, lastActivity: now };
    call.callee = { id: randomId('leg-'), username: target?.username ?? address, role: 'callee', state: 'alerting', call, lastActivity: now };
    this.calls.set(call.id, call);
    this.legs.set(call.caller.id, call.caller);
    if (target) this.legs.set(call.callee.id, call.callee);
    return call;
  }

  private alert(call: Call, username: string, defer: Defer): void {
    if (this.liveLegs(username) > this.settings.maxCallsPerUser) {
      // The callee's new leg is already counted: over the limit, the call is refused as busy.
      const to = this.recipients(call.caller);
      this.end(call, 'Callee busy');
      this.endCaller(call, 486, 'Busy here', defer, to);
      return;
    }
    const targets = this.subs.forUser(username, 'call');
    if (!targets.length) {
      const to = this.recipients(call.caller);
      this.end(call, 'Callee unavailable');
      this.endCaller(call, 480, 'Temporarily unavailable', defer, to);
      return;
    }
    call.alerted = new Set(targets.map((s) => s.id));
    const callee = call.callee;
    this.send(callee, callNotification(callee, 'call', call.offer ? { sdp: call.offer } : {}, call.offerCustom), defer, targets);
    this.armAlerting(call, Date.now() + this.settings.alertingTimeoutMs);
    this.save(call);
  }

  /** Ends the call unanswered at `until` unless the callee answered (or the call ended) by then. */
  private armAlerting(call: Call, until: number): void {
    const callee = call.callee;
    call.alertingUntil = until;
    call.cancelAlerting = this.timers.after(until - Date.now(), () => {
      if (call.endedAt || callee.state !== 'alerting') return;
      this.endUnanswered(call, 'No answer', immediately);
    });
  }

  /** Records `leg`'s outstanding offer; without an answer by `until`, it gets `respondCallUpdate` 49. */
  private awaitUpdate(call: Call, leg: Leg, until: number): void {
    const cancel = this.timers.after(until - Date.now(), () => {
      if (call.pendingUpdate?.from !== leg || leg.state === 'ended') return;
      call.pendingUpdate = undefined;
      this.save(call);
      const failure = callNotification(leg, 'respondCallUpdate', { retryAfter: 1, reasonText: 'Remote party did not respond' });
      failure.statusCode = 49;
      this.send(leg, failure, immediately);
    });
    call.pendingUpdate = { from: leg, cancel, until };
  }

  /** Rebuilds the calls from the store (at start), re-arming the alerting and update timeouts. */
  private restore(): void {
    for (const stored of this.store.calls.list()) {
      const call = callFromStore(stored);
      this.calls.set(call.id, call);
      for (const leg of [call.caller, call.callee]) this.legs.set(leg.id, leg);
      if (call.endedAt) {
        const mine = this.ended.get(call.caller.username) ?? [];
        mine.push(call);
        this.ended.set(call.caller.username, mine);
        continue;
      }
      if (stored.alertingUntil !== undefined && call.callee.state === 'alerting') this.armAlerting(call, stored.alertingUntil);
      const from = stored.pendingUpdate && [call.caller, call.callee].find((l) => l.id === stored.pendingUpdate!.fromLegId);
      if (from) this.awaitUpdate(call, from, stored.pendingUpdate!.until);
    }
  }

  /** Writes `call` through to the store. */
  save(call: Call): void {
    if (this.calls.get(call.id) === call) this.store.calls.put(storedCall(call));
  }

  /** Ends a call that is still ringing: caller ← `callEnd` 408, every alerted callee device ← `callCancel`. */
  endUnanswered(call: Call, reason: string, defer: Defer): void {
    const { caller, callee } = call;
    const alerted = this.liveSubs([...call.alerted]);
    const callerSubs = this.recipients(caller);
    this.end(call, reason);
    this.endCaller(call, 408, reason, defer, callerSubs);
    this.send(callee, callNotification(callee, 'callCancel'), defer, alerted);
  }

  private refuse(leg: Leg, sessionSub: string | undefined, code: number, reason: string, defer: Defer): void {
    const call = leg.call;
    const others = this.liveSubs([...call.alerted].filter((id) => id !== sessionSub));
    const callerSubs = this.recipients(call.caller);
    this.end(call, reason);
    this.endCaller(call, code, reason, defer, callerSubs);
    this.send(leg, callNotification(leg, 'callCancel'), defer, others);
  }

  /** Ends `call` (its legs that still belong to it), records its history, fails a transfer that depended on it. */
  end(call: Call, reason: string): void {
    if (call.endedAt) return;
    call.endedAt = Date.now();
    call.endReason = reason;
    // A leg that a transfer moved to another call lives on there.
    const mine = [call.caller, call.callee].filter((l) => l.call === call);
    if (!call.noHistory) for (const leg of mine) this.recordLeg(call, leg);
    for (const leg of mine) leg.state = 'ended';
    call.cancelAlerting?.();
    call.pendingUpdate?.cancel();
    call.pendingUpdate = undefined;
    // Released at once: only ids and states are kept for late GET/DELETE answers.
    call.offer = '';
    call.offerCustom = undefined;
    for (const leg of mine) leg.pendingCustom = undefined;
    this.transfers.onCallEnded(call, reason);
    const ended = this.ended.get(call.caller.username) ?? [];
    ended.push(call);
    this.ended.set(call.caller.username, ended);
    if (ended.length > ENDED_CALLS_PER_USER) this.forget(ended[0]);
    call.alertingUntil = undefined;
    this.save(call);
    this.settings.log(`call ${call.id} ended: ${reason}`);
    for (const leg of mine) if (!leg.virtual && this.users.find(leg.username)) this.onCallActivity(leg, false);
  }

  /**
   * Writes `leg`'s call-history record of `call` (README "Call history"); `state` defaults to what
   * the call's answer time and end reason say. Not for the gateway's virtual legs or unknown users.
   */
  recordLeg(call: Call, leg: Leg, state?: HistoryState, role: Leg['role'] = leg.role): void {
    if (leg.virtual || !this.users.find(leg.username)) return;
    this.history.add(leg.username, historyEntry(call, role, state));
  }

  /** `callEnd` to the caller of a call that ended before an answer (a transfer's target call: the transfer fails instead). */
  private endCaller(call: Call, code: number, reason: string, defer: Defer, to: Subscription[]): void {
    if (call.transferOf || call.caller.virtual) return;
    this.send(call.caller, callNotification(call.caller, 'callEnd', { statusCode: code, reasonText: reason }), defer, to);
  }

  /** The limit of live legs per user. */
  get maxCallsPerUser(): number {
    return this.settings.maxCallsPerUser;
  }

  /** Drops a call from memory and the store without ending it (a click-to-call's first call, merged into the second). */
  dropCall(call: Call): void {
    this.calls.delete(call.id);
    this.store.calls.delete(call.id);
  }

  /** Registers a new call and its legs (for call-transfer.ts, click-to-call.ts). */
  addCall(call: Call): void {
    this.calls.set(call.id, call);
    for (const leg of [call.caller, call.callee]) this.legs.set(leg.id, leg);
  }

  /** Alerts the callee of a new call (for call-transfer.ts). */
  alertCall(call: Call, defer: Defer): void {
    this.alert(call, call.callee.username, defer);
    this.save(call);
  }

  /** The subscription a leg's notifications go to, when there is exactly one known (for call-transfer.ts). */
  subscriptionOf(leg: Leg): string | undefined {
    return leg.role === 'caller' ? leg.call.callerSub : leg.call.answeredBy;
  }

  /** The ids of `username`'s subscriptions with the `call` service. */
  callSubscriptionIds(username: string): string[] {
    return this.subs.forUser(username, 'call').map((s) => s.id);
  }

  /** Logs one line (for call-transfer.ts). */
  settingsLog(line: string): void {
    this.settings.log(line);
  }

  /** A user's naming. */
  partyOf(user: UserRecord): Party {
    return { name: this.users.displayName(user), number: user.username };
  }

  /** Throws 413 + 5 for an SDP over `maxSdpBytes` (before any side effect). */
  checkSdp(sdp: string): void {
    if (Buffer.byteLength(sdp, 'utf8') > this.settings.maxSdpBytes) {
      throw new HttpError(413, 5, `"sdp" is larger than ${this.settings.maxSdpBytes} bytes`);
    }
  }

  /** Live (not ended) legs of `username`, either side. */
  liveLegs(username: string): number {
    let n = 0;
    for (const leg of this.legs.values()) if (leg.username === username && leg.state !== 'ended') n++;
    return n;
  }

  private alive(leg: Leg): void {
    if (leg.state === 'ended') throw legGone();
  }

  /** The leg's call when the leg is answered; 404 + 42 when ended, 409 + 1004 otherwise. */
  answered(leg: Leg, what: string): Call {
    this.alive(leg);
    if (leg.state !== 'answered') throw wrongState(what);
    return leg.call;
  }

  /** The custom parameters to attach for `sender` (given, else those kept from `sendCustomHeaders`). */
  customFor(sender: Leg, given?: CustomParameter[]): CustomParameter[] | undefined {
    const custom = given ?? sender.pendingCustom;
    sender.pendingCustom = undefined;
    return custom;
  }

  /**
   * The alerted subscription that answers: the one its `x-session` names; without one (Basic or
   * bearer auth names no device), the only alerted subscription still live, else the only one with a
   * socket attached (the others are stale, e.g. a closed tab's, held until they expire). Undefined
   * when it stays ambiguous: then every alerted device gets `callCancel` (§16.3).
   */
  private answeringSub(call: Call, sessionSub: string | undefined): string | undefined {
    if (sessionSub && call.alerted.has(sessionSub)) return sessionSub;
    const live = this.liveSubs([...call.alerted]);
    if (live.length === 1) return live[0]!.id;
    const connected = live.filter((s) => s.channel.connected);
    return connected.length === 1 ? connected[0]!.id : undefined;
  }

  private liveSubs(ids: string[]): Subscription[] {
    return ids.map((id) => this.subs.byId(id)).filter((s): s is Subscription => !!s);
  }

  /** The subscriptions notifications to `leg` go to. */
  recipients(leg: Leg): Subscription[] {
    const call = leg.call;
    if (leg.role === 'caller') {
      const own = call.callerSub ? this.subs.byId(call.callerSub) : undefined;
      return own ? [own] : this.subs.forUser(leg.username, 'call');
    }
    if (call.answeredBy) return this.liveSubs([call.answeredBy]);
    return this.liveSubs([...call.alerted]);
  }

  /**
   * Runs first among the request's effects, i.e. when its response has been written: from then,
   * notifications to `leg` (its answers) wait `notificationGraceMs` (§ Notification timing in the
   * README). Not in the 'before-response' test order, where they go out ahead of the response.
   */
  private graceAfterResponse(leg: Leg, request: 'callStart' | 'startCallUpdate', defer: Defer): void {
    if (this.settings.notificationOrder === 'before-response') return;
    defer(() => {
      const at = performance.now();
      leg.notBefore = at + this.settings.notificationGraceMs;
      this.settings.probe({ kind: 'response', legId: leg.id, request, at });
    });
  }

  /** Sends `message` to `leg`'s subscriptions through `defer`. */
  send(leg: Leg, message: Notification, defer: Defer, to: Subscription[] = this.recipients(leg)): void {
    if (!to.length) return;
    defer(() => {
      this.subs.notify(to, message, leg.notBefore);
      leg.lastNotified = ++this.notifications;
      for (const wake of leg.onNotified?.splice(0) ?? []) wake();
    });
  }

  private sweep(): void {
    const now = Date.now();
    for (const call of this.calls.values()) {
      if (call.endedAt) {
        if (now - call.endedAt > ENDED_RETENTION_MS) this.forget(call);
        continue;
      }
      const silent = [call.caller, call.callee].find((l) => !l.virtual && now - l.lastActivity > this.settings.legInactivityMs);
      if (!silent) continue;
      this.settings.log(`call ${call.id}: leg ${silent.id} silent, ending`);
      // Still ringing (whichever side went silent): the caller and every ringing device must hear of it.
      if (call.callee.state === 'alerting') {
        this.endUnanswered(call, 'Peer lost', immediately);
        continue;
      }
      const peer = peerOf(silent);
      const to = this.recipients(peer);
      this.end(call, 'Peer lost');
      this.send(peer, callNotification(peer, 'callEnd', { statusCode: 408, reasonText: 'Peer lost' }), immediately, to);
    }
  }

  /** Drops an ended call and the legs that still belong to it. */
  forget(call: Call): void {
    this.calls.delete(call.id);
    this.store.calls.delete(call.id);
    for (const [id, leg] of this.legs) if (leg.call === call) this.legs.delete(id);
    const mine = this.ended.get(call.caller.username) ?? [];
    const at = mine.indexOf(call);
    if (at >= 0) mine.splice(at, 1);
    if (!mine.length) this.ended.delete(call.caller.username);
  }
}

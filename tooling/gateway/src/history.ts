/**
 * Call history (§10): one record per party of every call the gateway relays, written when the
 * call ends (README "Call history"). In memory per user, newest last, bounded by
 * `maxHistoryRecordsPerUser` (the oldest dropped first); written through to the store's
 * `call_history` table and rebuilt from it at start.
 */
import type { Call, Leg } from './call-model';
import { randomId } from './ids';
import type { Store, StoredHistoryRecord } from './store';

/** Direction of a record as §10.1 names it. */
export type HistoryDirection = 'incoming' | 'outgoing' | 'missed';

/**
 * How the call went for this party: `answered`; `rejected` (the callee rejected); `cancelled`
 * (the caller gave up before an answer); `missed` (the callee did not answer: timeout, the caller
 * cancelled, the device went away); `unanswered` (the caller's view of a timeout);
 * `failed` (unknown user, busy, unavailable, lost before an answer); `forwarded` (the callee
 * forwarded it); `transferred` (the party transferred it away).
 */
export type HistoryState = 'answered' | 'rejected' | 'cancelled' | 'missed' | 'unanswered' | 'failed' | 'forwarded' | 'transferred';

/** What the call manager reports for one party of an ended call. */
export interface HistoryEntry {
  direction: HistoryDirection;
  state: HistoryState;
  callerName: string;
  callerDisplayNumber: string;
  calleeName: string;
  calleeDisplayNumber: string;
  remoteName: string;
  remoteDisplayNumber: string;
  /** ms since the epoch. */
  startTime: number;
  answerTime?: number;
  endTime: number;
}

/**
 * The record of `call` for its party in `role`: `state` defaults to what the call's answer time and
 * end reason say (README "Call history").
 */
export function historyEntry(call: Call, role: Leg['role'], state?: HistoryState): HistoryEntry {
  const caller = role === 'caller';
  const reason = call.endReason;
  const unanswered: HistoryState = caller
    ? reason === 'Caller cancelled' ? 'cancelled' : reason === 'No answer' ? 'unanswered' : 'failed'
    : 'missed';
  const outcome: HistoryState =
    state ??
    (reason === 'Transferred' ? 'transferred' : call.answeredAt !== undefined ? 'answered' : reason === 'Call rejected' ? 'rejected' : unanswered);
  const remote = caller ? call.calleeParty : call.callerParty;
  return {
    direction: caller ? 'outgoing' : outcome === 'missed' ? 'missed' : 'incoming',
    state: outcome,
    callerName: call.callerParty.name,
    callerDisplayNumber: call.callerParty.number,
    calleeName: call.calleeParty.name,
    calleeDisplayNumber: call.calleeParty.number,
    remoteName: remote.name,
    remoteDisplayNumber: remote.number,
    startTime: call.createdAt,
    answerTime: call.answeredAt,
    endTime: call.endedAt ?? Date.now(),
  };
}

/** A page of a user's history, newest first. */
export interface HistoryPage {
  items: Array<{ type: 'CallLog'; params: Record<string, string> }>;
}

/** The call history of every user. */
export class CallHistory {
  /** Records per user, oldest first. */
  private readonly byUser = new Map<string, StoredHistoryRecord[]>();
  private seq = 0;

  constructor(
    private readonly store: Store,
    private readonly maxPerUser: number,
  ) {
    for (const record of store.history.list()) {
      this.mine(record.username).push(record);
      this.seq = Math.max(this.seq, record.seq);
    }
    // A lowered limit applies to what was stored too.
    for (const username of this.byUser.keys()) this.trim(username);
  }

  /** Adds a record for `username` (dropping the oldest over the limit). */
  add(username: string, entry: HistoryEntry): void {
    const id = randomId('log-');
    const duration = entry.answerTime === undefined ? 0 : Math.max(0, entry.endTime - entry.answerTime);
    const params: Record<string, string> = {
      direction: entry.direction,
      state: entry.state,
      callerName: entry.callerName,
      callerDisplayNumber: entry.callerDisplayNumber,
      calleeName: entry.calleeName,
      calleeDisplayNumber: entry.calleeDisplayNumber,
      remoteName: entry.remoteName,
      remoteDisplayNumber: entry.remoteDisplayNumber,
      startTime: String(entry.startTime),
      answerTime: entry.answerTime === undefined ? '' : String(entry.answerTime),
      endTime: String(entry.endTime),
      duration: String(duration),
      resourceLocation: '',
    };
    const record: StoredHistoryRecord = { id, username, seq: ++this.seq, params };
    this.store.transaction(() => {
      this.store.history.put(record);
      this.mine(username).push(record);
      this.trim(username);
    });
  }

  /** `count` records of `username` from `startIndex`, newest first (§10.1). */
  page(username: string, startIndex: number, count: number): HistoryPage {
    const mine = this.byUser.get(username) ?? [];
    const newestFirst = mine.slice().reverse().slice(startIndex, startIndex + count);
    return { items: newestFirst.map((r) => ({ type: 'CallLog', params: { recordId: r.id, ...r.params } })) };
  }

  /** Removes one record of `username`; false when it has none with that id. */
  remove(username: string, recordId: string): boolean {
    const mine = this.byUser.get(username);
    const at = mine ? mine.findIndex((r) => r.id === recordId) : -1;
    if (!mine || at < 0) return false;
    mine.splice(at, 1);
    if (!mine.length) this.byUser.delete(username);
    this.store.history.delete(recordId);
    return true;
  }

  /** Removes every record of `username`. */
  clear(username: string): void {
    this.byUser.delete(username);
    this.store.history.clear(username);
  }

  /** How many records `username` has. */
  size(username: string): number {
    return this.byUser.get(username)?.length ?? 0;
  }

  private mine(username: string): StoredHistoryRecord[] {
    let mine = this.byUser.get(username);
    if (!mine) this.byUser.set(username, (mine = []));
    return mine;
  }

  private trim(username: string): void {
    const mine = this.mine(username);
    while (mine.length > this.maxPerUser) this.store.history.delete(mine.shift()!.id);
  }
}

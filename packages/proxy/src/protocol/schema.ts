/**
 * The channel protocol, version 1: every message is a JSON-safe object
 * `{ sb: 'proxy', v: 1, type, ... }`. This module is the one place that knows the message shapes:
 * the types of both directions, the constructors, and the validation each side runs on every
 * inbound message ({@link parseMainMessage}, {@link parseRemoteMessage}). The list is documented in the package README ("Channel messages").
 */

/** The protocol version carried by every message. @public */
export const PROTOCOL_VERSION = 1;

/** A plain, JSON-safe value. @public */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** An error as it travels on the channel: a code, a message and, for DOM errors, their name. @public */
export interface WireError {
  /** A `proxyErrorCodes` or `MEDIA_*`/DOM-derived code. */
  code: string;
  /** What happened. */
  message: string;
  /** The DOMException name (`NotAllowedError`…), so the main side rebuilds an equivalent error. */
  name?: string;
}

/** A track as the remote side describes it. @public */
export interface WireTrack {
  /** The remote's id of the track. */
  id: string;
  /** `audio` or `video`. */
  kind: 'audio' | 'video';
  /** The device label. */
  label: string;
  /** `MediaStreamTrack.enabled`. */
  enabled: boolean;
  /** `MediaStreamTrack.muted` (the source delivers no media). */
  muted: boolean;
  /** `live` or `ended`. */
  readyState: 'live' | 'ended';
  /** `getSettings()` (JSON-safe members only). */
  settings: { [key: string]: Json };
}

/** One transceiver of a remote peer connection. @public */
export interface WireTransceiver {
  /** Its id (given by the main side when the main side created it). */
  id: string;
  /** The media kind. */
  kind: 'audio' | 'video';
  /** The negotiated mid, or null. */
  mid: string | null;
  /** The preferred direction. */
  direction: string;
  /** The negotiated direction, or null. */
  currentDirection: string | null;
  /** The sender. */
  sender: {
    /** Its id. */
    id: string;
    /** The id of the sent track, or null. */
    trackId: string | null;
    /** `RTCRtpSender.getParameters()`. */
    parameters: { [key: string]: Json };
  };
  /** The receiver's track. */
  receiver: WireTrack;
}

/** A session description. @public */
export interface WireDescription {
  /** `offer`, `answer`, `pranswer` or `rollback`. */
  type: string;
  /** The SDP. */
  sdp: string;
}

/** The mirrored state of a remote peer connection. @public */
export interface WirePeerState {
  /** `signalingState`. */
  signalingState: string;
  /** `iceGatheringState`. */
  iceGatheringState: string;
  /** `iceConnectionState`. */
  iceConnectionState: string;
  /** `connectionState`. */
  connectionState: string;
  /** `localDescription`, or null. */
  localDescription: WireDescription | null;
  /** `remoteDescription`, or null. */
  remoteDescription: WireDescription | null;
  /** Every transceiver, in order. */
  transceivers: WireTransceiver[];
}

/** The events a remote peer connection reports (`pc.event`). @public */
export type PeerEventName =
  | 'icecandidate' | 'icecandidateerror' | 'icegatheringstatechange' | 'iceconnectionstatechange' | 'connectionstatechange'
  | 'signalingstatechange' | 'negotiationneeded' | 'track';

/** The methods the main side calls on a remote peer connection (`pc.call`); see the README for the arguments. @public */
export type PeerMethod =
  | 'addTrack' | 'removeTrack' | 'addTransceiver' | 'createOffer' | 'createAnswer' | 'setLocalDescription' | 'setRemoteDescription'
  | 'addIceCandidate' | 'getStats' | 'restartIce' | 'close' | 'setDirection' | 'stopTransceiver' | 'setCodecPreferences'
  | 'replaceTrack' | 'setParameters' | 'insertDTMF' | 'senderStats' | 'receiverStats';

/** Requests from the main side (each has an `id`; the remote answers with a `result`). @public */
export type MainRequest =
  | { type: 'init'; id: string; version: string; config: { [key: string]: Json } }
  | { type: 'media.get'; id: string; source: 'user' | 'display'; constraints: { [key: string]: Json } }
  | { type: 'media.devices'; id: string }
  | { type: 'track.stop'; id: string; trackId: string }
  | { type: 'track.enable'; id: string; trackId: string; enabled: boolean }
  | { type: 'pc.create'; id: string; pcId: string; config: { [key: string]: Json } }
  | { type: 'pc.call'; id: string; pcId: string; method: PeerMethod; args: Json[] }
  | { type: 'render'; id: string; elementId: string; trackIds: string[]; selector: string; kind: 'audio' | 'video'; muted: boolean }
  | { type: 'unrender'; id: string; elementId: string }
  | { type: 'sink'; id: string; elementId: string; speakerId: string }
  | { type: 'close'; id: string };

/** Messages from the main side without an answer. @public */
export type MainNotice = { type: 'heartbeat' };

/** Every message the main side sends (without the envelope). @public */
export type MainMessage = MainRequest | MainNotice;

/** Messages from the remote side (without the envelope). @public */
export type RemoteMessage =
  | { type: 'result'; id: string; ok: true; value: Json }
  | { type: 'result'; id: string; ok: false; error: WireError }
  | { type: 'error'; id?: string; error: WireError }
  | { type: 'heartbeat' }
  | { type: 'pc.event'; pcId: string; event: PeerEventName; state: WirePeerState; data: { [key: string]: Json } }
  | { type: 'track.event'; trackId: string; event: 'ended' | 'mute' | 'unmute'; track: WireTrack }
  | { type: 'stream.event'; streamId: string; event: 'addtrack' | 'removetrack'; trackId: string }
  | { type: 'devices.change' };

/** A message with its envelope. @public */
export type Envelope<M> = M & { sb: 'proxy'; v: typeof PROTOCOL_VERSION };

/** Wraps a message in the envelope. @internal */
export const envelope = <M extends object>(message: M): Envelope<M> => ({ sb: 'proxy', v: PROTOCOL_VERSION, ...message }) as Envelope<M>;

// ---- validation ----------------------------------------------------------------------------
// The tables are built on first use, one per direction, so that each side's bundle holds only the
// table of the messages it receives.

/** A field check; `m` is the whole message (for fields whose shape depends on another one). @internal */
export type Check = (v: unknown, m?: Record<string, unknown>) => boolean;
type Table = Record<string, Record<string, Check>>;
const str: Check = (v) => typeof v === 'string';
const bool: Check = (v) => typeof v === 'boolean';
const obj: Check = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const opt = (c: Check): Check => (v) => v === undefined || c(v);
const nullOr = (c: Check): Check => (v) => v === null || c(v);
const oneOf = (values: readonly unknown[]): Check => (v) => values.includes(v);
const arrayOf = (c: Check): Check => (v) => Array.isArray(v) && v.every((x) => c(x));
const shape = (fields: Record<string, Check>): Check => (v) => obj(v) && Object.entries(fields).every(([k, c]) => c((v as Record<string, unknown>)[k]));
const kind = (v: unknown) => v === 'audio' || v === 'video';
const wireError = (v: unknown) => shape({ code: str, message: str, name: opt(str) })(v);

const PEER_METHODS: readonly PeerMethod[] = [
  'addTrack', 'removeTrack', 'addTransceiver', 'createOffer', 'createAnswer', 'setLocalDescription', 'setRemoteDescription',
  'addIceCandidate', 'getStats', 'restartIce', 'close', 'setDirection', 'stopTransceiver', 'setCodecPreferences',
  'replaceTrack', 'setParameters', 'insertDTMF', 'senderStats', 'receiverStats',
];
const PEER_EVENTS: readonly PeerEventName[] = [
  'icecandidate', 'icecandidateerror', 'icegatheringstatechange', 'iceconnectionstatechange', 'connectionstatechange',
  'signalingstatechange', 'negotiationneeded', 'track',
];

/** The fields of each message the remote side receives (besides the envelope and `type`). */
function mainTable(): Table {
  return {
    init: { id: str, version: str, config: obj },
    'media.get': { id: str, source: oneOf(['user', 'display']), constraints: obj },
    'media.devices': { id: str },
    'track.stop': { id: str, trackId: str },
    'track.enable': { id: str, trackId: str, enabled: bool },
    'pc.create': { id: str, pcId: str, config: obj },
    'pc.call': { id: str, pcId: str, method: oneOf(PEER_METHODS), args: Array.isArray },
    render: { id: str, elementId: str, trackIds: arrayOf(str), selector: str, kind, muted: bool },
    unrender: { id: str, elementId: str },
    sink: { id: str, elementId: str, speakerId: str },
    close: { id: str },
    heartbeat: {},
  } satisfies Record<MainMessage['type'], Record<string, Check>>;
}

/** The checks of the remote side's data (messages and answers), built once on first use. */
function remoteChecks() {
  const wireTrack = shape({ id: str, kind, label: str, enabled: bool, muted: bool, readyState: oneOf(['live', 'ended']), settings: obj });
  const description = shape({ type: str, sdp: str });
  const peerState = shape({
    signalingState: str, iceGatheringState: str, iceConnectionState: str, connectionState: str,
    localDescription: nullOr(description), remoteDescription: nullOr(description),
    transceivers: arrayOf(shape({
      id: str, kind, mid: nullOr(str), direction: str, currentDirection: nullOr(str),
      sender: shape({ id: str, trackId: nullOr(str), parameters: obj }), receiver: wireTrack,
    })),
  });
  const stats = arrayOf((e) => Array.isArray(e) && e.length === 2 && str(e[0]) && obj(e[1]));
  const peerData: Record<string, Check> = {
    icecandidate: shape({ candidate: nullOr(obj) }),
    track: shape({ track: wireTrack, streamIds: arrayOf(str), transceiverId: nullOr(str) }),
  };
  /** The `value` of a `pc.call` answer, by method (`null` for the others). */
  const peerValue: Record<string, Check> = {
    createOffer: description, createAnswer: description, getStats: stats, senderStats: stats, receiverStats: stats, setParameters: obj,
  };
  const table: Table = {
    // a result carries `value` (ok) or `error` (not ok): checked in parse
    result: { id: str, ok: bool },
    error: { id: opt(str), error: wireError },
    heartbeat: {},
    // `data` by event: a candidate (or null), a track with its streams and transceiver, else any object
    'pc.event': { pcId: str, event: oneOf(PEER_EVENTS), state: peerState, data: (v, m) => (peerData[m!.event as string] ?? obj)(v) },
    'track.event': { trackId: str, event: oneOf(['ended', 'mute', 'unmute']), track: wireTrack },
    'stream.event': { streamId: str, event: oneOf(['addtrack', 'removetrack']), trackId: str },
    'devices.change': {},
  } satisfies Record<RemoteMessage['type'], Record<string, Check>>;
  return {
    table,
    answers: {
      'media.get': shape({ tracks: arrayOf(wireTrack) }),
      'media.devices': arrayOf(shape({ deviceId: str, groupId: str, kind: str, label: str })),
      'pc.call': (method: PeerMethod) => shape({ state: peerState, value: peerValue[method] ?? (() => true) }),
    },
  };
}

let remoteParts: ReturnType<typeof remoteChecks> | undefined;
const remote = () => (remoteParts ??= remoteChecks());

/**
 * The checks of the values the remote answers with (run by the main side before using them): a
 * `media.get` (its tracks), a `media.devices` (the device list), a `pc.call` of a method (its state
 * and value). @internal
 */
export const answerChecks = () => remote().answers;

/** Why a message was refused: a short text for the log and the error event. @internal */
export type Refusal = { reason: string; id?: string };

/** A value for a log line: primitives cut to 40 characters, objects by type (never their content). */
const short = (v: unknown) => (typeof v === 'object' ? typeof v : String(v).slice(0, 40));

/** Validates a message against a table (see {@link parseMainMessage}, {@link parseRemoteMessage}). */
function parse(data: unknown, table: Table): object {
  if (!obj(data)) return { reason: 'not an object' };
  const m = data as Record<string, unknown>;
  const id = str(m.id) ? (m.id as string) : undefined;
  if (m.sb !== 'proxy') return { reason: 'not a proxy message (sb)', id };
  if (m.v !== PROTOCOL_VERSION) return { reason: `unsupported protocol version ${short(m.v)}`, id };
  const fields = typeof m.type === 'string' && Object.prototype.hasOwnProperty.call(table, m.type) ? table[m.type] : undefined;
  if (!fields) return { reason: `unexpected message type ${short(m.type)}`, id };
  const bad = Object.keys(fields).find((k) => !fields[k]!(m[k], m));
  if (bad) return { reason: `${m.type as string}: invalid field "${bad}"`, id };
  if (m.type === 'result' && (m.ok ? !('value' in m) : !wireError(m.error))) return { reason: 'result: invalid value or error', id };
  return m;
}

let mainFields: Table | undefined;

/**
 * Validates a message from the main side (run by the remote on every inbound message). Returns the
 * message, or a {@link Refusal} (with the message's `id` when it had a string one, to answer it).
 * @internal
 */
export const parseMainMessage = (data: unknown) => parse(data, (mainFields ??= mainTable())) as Envelope<MainMessage> | Refusal;

/** Validates a message from the remote side (run by the main side on every inbound message). @internal */
export const parseRemoteMessage = (data: unknown) => parse(data, remote().table) as Envelope<RemoteMessage> | Refusal;

/** Whether a parse refused the message. @internal */
export const isRefusal = (m: object): m is Refusal => 'reason' in m && !('sb' in m);

/** A JSON-safe copy through JSON (the main side's values: constraints, options, descriptions). @internal */
export const plain = (value: unknown): Json => JSON.parse(JSON.stringify(value ?? null) ?? 'null') as Json;

/**
 * A JSON-safe copy of a value: functions, symbols, cycles and non-finite numbers are dropped,
 * class instances become plain objects of their enumerable own members (or their `toJSON()`).
 * @internal
 */
export function toJson(value: unknown, seen: Set<object> = new Set()): Json | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value as Json;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'object' || seen.has(value)) return undefined;
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function' && !Array.isArray(value)) return toJson(withJson.toJSON(), seen);
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((x) => toJson(x, seen) ?? null);
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value)) {
      const v = toJson((value as Record<string, unknown>)[key], seen);
      if (v !== undefined) out[key] = v;
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/**
 * The main side's end of the channel: wraps every outbound message in the envelope, numbers the
 * requests and settles them with the remote's `result`, validates every inbound message (one
 * schema, `parseRemoteMessage`) and hands the others (events, heartbeats) to its owner. Anything
 * malformed is reported through `onInvalid` and dropped; nothing thrown by the app's channel
 * escapes.
 */
import type { Logger } from '@switchboard/core';
import { envelope, isRefusal, parseRemoteMessage, type Check, type Envelope, type Json, type Refusal, type MainMessage, type MainRequest, type RemoteMessage, type WireError } from '../protocol/schema';
import type { ProxyChannel } from '../types';

/** Marks the `receive` a Link assigns with that Link, so another client's proxy cannot take the channel over. */
const RECEIVE_OWNER = Symbol('proxy.receiveOwner');

/** A request without its id (the link assigns it). */
type Unnumbered<M> = M extends { id: string } ? Omit<M, 'id'> : never;

/** What the link reports to its owner. @internal */
export interface LinkEvents {
  /** A valid message other than a result (events, heartbeats, errors). */
  onMessage(message: Exclude<RemoteMessage, { type: 'result' }>): void;
  /** A message refused by the schema (already logged). */
  onInvalid(reason: string): void;
  /** Any valid message arrived (for the heartbeat watch). */
  onHeard(): void;
}

/** An error answered by the remote: `name` is the DOM error's name when there was one. @internal */
export class RemoteError extends Error {
  /** The code the remote gave. */
  readonly code: string;
  constructor(wire: WireError) {
    super(wire.message);
    this.name = wire.name ?? 'RemoteError';
    this.code = wire.code;
  }
}

interface Pending {
  resolve(value: Json): void;
  reject(error: Error): void;
  /** The check of the answer's value. */
  check?: Check;
  timer?: ReturnType<typeof setTimeout>;
}

/** How a request is sent: its answer's check, `force` (sent while down), a timeout (ms). @internal */
export interface RequestOptions {
  /** The value of an ok answer must pass it, else the answer is invalid (and the request rejected). */
  check?: Check;
  /** Sent even while the link is down (the `init` that brings it up again). */
  force?: boolean;
  /** Rejects with a `PROXY_TIMEOUT` {@link RemoteError} when no answer came within it (ms). */
  timeout?: number;
}

/** The channel of the main side. @internal */
export class Link {
  private channel: ProxyChannel | undefined;
  private readonly pending = new Map<string, Pending>();
  private seq = 0;
  /** Requests that failed before their answer came (timeout, lost, replaced): a late answer is no error. */
  private readonly late = new Set<string>();
  private downError: Error | undefined;

  constructor(private readonly logger: Logger, private readonly events: LinkEvents) {}

  /** Whether a channel is set. */
  hasChannel(): boolean {
    return this.channel !== undefined;
  }

  /** Whether another Link listens to `channel` (its `receive` is that Link's). */
  inUseElsewhere(channel: ProxyChannel): boolean {
    const owner = (channel.receive as { [RECEIVE_OWNER]?: unknown } | undefined)?.[RECEIVE_OWNER];
    return owner !== undefined && owner !== this;
  }

  /** Installs a channel (assigning its `receive`); the previous one stops being listened to. */
  setChannel(channel: ProxyChannel): void {
    const previous = this.channel;
    if (previous && previous !== channel) previous.receive = undefined;
    this.channel = channel;
    const receive = (data: object) => {
      if (this.channel === channel) this.receive(data);
    };
    channel.receive = Object.assign(receive, { [RECEIVE_OWNER]: this });
    this.downError = undefined;
    this.failAll(new Error('The proxy channel was replaced'));
  }

  /** A new id, unique on this link (`<prefix>-<n>`). */
  newId(prefix: string): string {
    return `${prefix}-${++this.seq}`;
  }

  /** Sends a message; false (logged) when there is no channel or the channel's `send` threw. */
  send(message: MainMessage): boolean {
    if (!this.channel) return false;
    try {
      this.channel.send(envelope(message));
      return true;
    } catch (error) {
      this.logger.warn(`proxy: the channel refused a "${message.type}" message`, error);
      return false;
    }
  }

  /**
   * Sends a request and resolves with the remote's value (rejects with a {@link RemoteError});
   * rejects at once while the link is down, unless `force`.
   */
  request(message: Unnumbered<MainRequest>, { check, force, timeout }: RequestOptions = {}): Promise<Json> {
    if (this.downError && !force) return Promise.reject(this.downError);
    const id = this.newId('r');
    return new Promise<Json>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, check, timer: timeout ? setTimeout(() => this.settle(id, new RemoteError({ code: 'PROXY_TIMEOUT', message: 'no answer in time' })), timeout) : undefined });
      if (!this.send({ ...message, id } as MainRequest)) this.settle(id, new RemoteError({ code: 'PROXY_NO_CHANNEL', message: `proxy: could not send "${message.type}"` }));
    });
  }

  /** Sends a request whose answer nobody waits for; a refusal is logged. */
  command(message: Unnumbered<MainRequest>): void {
    this.request(message).catch((error: unknown) => this.logger[this.downError ? 'debug' : 'warn'](`proxy: the remote refused "${message.type}"`, error));
  }

  /** The remote is gone: fails the waiting requests, and every later one until {@link Link.up}. */
  down(error: Error): void {
    this.downError = error;
    this.failAll(error);
  }

  /** The remote is (again) initialised. */
  up(): void {
    this.downError = undefined;
  }

  /** Rejects every request waiting for an answer. */
  failAll(error: Error): void {
    for (const id of [...this.pending.keys()]) this.settle(id, error);
  }

  /** Removes a waiting request (its timer cleared). */
  private take(id: string): Pending | undefined {
    const p = this.pending.get(id);
    this.pending.delete(id);
    clearTimeout(p?.timer);
    return p;
  }

  /** Rejects one waiting request; its answer, if it still comes, is late (ignored). */
  private settle(id: string, error: Error): void {
    const p = this.take(id);
    if (!p) return;
    if (this.late.size > 255) this.late.clear();
    this.late.add(id);
    p.reject(error);
  }

  /** Stops listening to the channel and fails the waiting requests. */
  dispose(): void {
    if (this.channel) this.channel.receive = undefined;
    this.channel = undefined;
    // later requests (the media plugin stopping its tracks on destroy) fail quietly
    this.down(new Error('The proxy plugin was disposed'));
  }

  private receive(data: unknown): void {
    let message: Envelope<RemoteMessage> | Refusal;
    try {
      message = parseRemoteMessage(data);
    } catch (error) {
      message = { reason: `unreadable message (${String(error)})` };
    }
    if (isRefusal(message)) return this.invalid(message.reason);
    this.events.onHeard();
    if (message.type !== 'result') {
      if (message.type === 'error' && message.id !== undefined) this.take(message.id)?.reject(new RemoteError(message.error));
      try {
        this.events.onMessage(message);
      } catch (error) {
        // a message that passed the schema and still broke its handler (e.g. a getter changing its value)
        this.invalid(`${message.type}: unusable (${String(error)})`);
      }
      return;
    }
    const waiting = this.take(message.id);
    if (!waiting) {
      // a late answer (its request failed meanwhile) is no error; one never asked for, or repeated, is
      if (!this.late.delete(message.id)) this.invalid(`unexpected result ${message.id.slice(0, 40)}`);
      return;
    }
    if (!message.ok) return waiting.reject(new RemoteError(message.error));
    if (waiting.check && !waiting.check(message.value)) {
      const reason = `result ${message.id}: invalid value`;
      waiting.reject(new RemoteError({ code: 'PROXY_INVALID_MESSAGE', message: reason }));
      return this.invalid(reason);
    }
    waiting.resolve(message.value);
  }

  private invalid(reason: string): void {
    this.logger.warn(`proxy: dropped an invalid message from the remote: ${reason}`);
    this.events.onInvalid(reason);
  }
}

/**
 * Messaging (§6 and README "Messaging"): one-to-one IM relay, chat-group fan-out, SMS both ways,
 * and every user's stored history per conversation. Notifications go through the recipients'
 * channels, so a recipient whose socket is down gets them once, in order, when it reconnects
 * (the channel queue); a recipient with no subscription holding the service finds them in its
 * history. History lives in the store's `messages` table only (not in memory), bounded per user.
 */
import type { Settings } from './config';
import { ChatGroups, type GroupAction } from './groups';
import { HttpError } from './http';
import { randomId } from './ids';
import { FixedWindowLimiter } from './rate-limit';
import type { ConversationSummary, ConversationType, Store, StoredGroup, StoredMessage } from './store';
import type { SubscriptionManager } from './subscriptions';
import type { UserRecord } from './types';
import { canonicalAddress, phoneNumberOf, type UserDirectory } from './users';

/** What happened to a message when it was sent. */
export type DeliveryStatus = StoredMessage['deliveryStatus'];

/** The answer to a send: the message id and its delivery status (per recipient for a group). */
export interface SendResult {
  messageId: string;
  deliveryStatus: DeliveryStatus;
  recipients?: Array<{ address: string; deliveryStatus: DeliveryStatus }>;
}

/** A message as served by the history routes (the stored record without its owner). */
export type WireMessage = Omit<StoredMessage, 'username'>;

/** Lower is less delivered: a group send reports its least delivered recipient. */
const RANK: Record<DeliveryStatus, number> = { stored: 0, sent: 1, queued: 2, delivered: 3, received: 3 };

/** The per-user histories, the relay and its limits. */
export class MessageService {
  /** Messages per user (the store holds the messages; this only counts them for the limit). */
  private readonly counts: Map<string, number>;
  private readonly rate: FixedWindowLimiter;

  constructor(
    private readonly settings: Settings,
    private readonly store: Store,
    private readonly subs: SubscriptionManager,
    private readonly users: UserDirectory,
    readonly groups: ChatGroups,
  ) {
    this.counts = store.messages.counts();
    this.rate = new FixedWindowLimiter(settings.messageRateLimit, settings.messageRateWindowMs, 'messages');
    // A lowered limit applies to what was stored too.
    for (const username of this.counts.keys()) this.trim(username);
  }

  /** Participants of a chat group at most (also the longest `participants` list a request may give). */
  get maxGroupParticipants(): number {
    return this.settings.maxGroupParticipants;
  }

  /** Checks a message text: 400 + 5 when empty, 413 + 5 over `maxMessageBytes`. */
  checkText(text: string): void {
    if (!text) throw new HttpError(400, 5, '"message" must be a non-empty string');
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > this.settings.maxMessageBytes) {
      throw new HttpError(413, 5, `Message of ${bytes} bytes is over the limit of ${this.settings.maxMessageBytes}`);
    }
  }

  /**
   * The earlier answer for a repeated `clientCorrelator` of `sender` (nothing is sent again);
   * 409 + 1004 when it named another message. Undefined for a new one.
   */
  private repeated(sender: string, clientCorrelator: string | undefined, recipient: string, text: string): SendResult | undefined {
    const earlier = clientCorrelator === undefined ? undefined : this.store.messages.byCorrelator(sender, clientCorrelator);
    if (!earlier) return undefined;
    if (earlier.text !== text || earlier.recipient !== recipient) throw new HttpError(409, 1004, 'clientCorrelator already used for another message');
    return { messageId: earlier.messageId, deliveryStatus: earlier.deliveryStatus };
  }

  /**
   * Sends an IM (§6.1) from `sender` to a user or, with a group id as `toUrl`, to a group. A
   * `clientCorrelator` the sender used before answers that message again without sending it.
   */
  sendIm(sender: UserRecord, toUrl: string, text: string, clientCorrelator?: string): SendResult {
    this.checkText(text);
    const target = toUrl.trim();
    if (ChatGroups.isGroupId(target)) {
      const group = this.groups.get(sender.username, target);
      if (!group) throw new HttpError(404, 1004, 'Unknown destination');
      const again = this.repeated(sender.username, clientCorrelator, group.groupId, text);
      if (again) return again;
      this.rate.take(sender.username);
      return this.sendToGroup(sender.username, group, text, clientCorrelator);
    }
    const recipient = this.users.find(canonicalAddress(target, this.users.defaultDomain));
    if (!recipient) throw new HttpError(404, 1004, 'Unknown destination');
    const again = this.repeated(sender.username, clientCorrelator, recipient.username, text);
    if (again) return again;
    this.rate.take(sender.username);
    const messageId = randomId('im-', 12);
    const time = Date.now();
    const base = { messageId, type: 'im' as const, sender: sender.username, recipient: recipient.username, text, time };
    // One transaction: the queued frame and both copies are stored together, or none of them.
    return this.store.transaction(() => {
      const deliveryStatus = this.deliver(recipient.username, 'IM', {
        eventType: 'IM',
        eventId: messageId,
        imnotificationParams: { primaryContact: `sip:${sender.username}`, msgText: text },
      });
      this.record({ ...base, username: sender.username, conversationId: recipient.username, direction: 'outgoing', deliveryStatus, clientCorrelator });
      if (recipient.username !== sender.username) {
        this.record({ ...base, username: recipient.username, conversationId: sender.username, direction: 'incoming', deliveryStatus: 'received' });
      }
      return { messageId, deliveryStatus };
    });
  }

  /** Sends an SMS from `sender` (who needs a `phoneNumber`: else 403 + 35) to a phone number. */
  sendSms(sender: UserRecord, toUrl: string, text: string, clientCorrelator?: string): SendResult {
    const from = sender.phoneNumber && phoneNumberOf(sender.phoneNumber);
    if (!from) throw new HttpError(403, 35, 'SMS is not enabled for this user (no phone number)');
    const to = phoneNumberOf(toUrl);
    if (!to) throw new HttpError(400, 37, '"toUrl" must be a phone number such as +15550100001');
    this.checkText(text);
    const again = this.repeated(sender.username, clientCorrelator, to, text);
    if (again) return again;
    this.rate.take(sender.username);
    const messageId = randomId('sms-', 12);
    const owner = this.users.findByPhone(to);
    if (!owner) this.settings.log(`sms ${messageId} from ${sender.username} to a number no user owns: stored (the gateway has no SMS network)`);
    return this.store.transaction(() => {
      const deliveryStatus = owner ? this.smsTo(owner, from, to, text, messageId) : 'sent';
      this.record({
        messageId, username: sender.username, conversationId: to, type: 'sms', direction: 'outgoing',
        sender: from, recipient: to, text, time: Date.now(), deliveryStatus, clientCorrelator,
      });
      return { messageId, deliveryStatus };
    });
  }

  /** An SMS from the network to `to`, the number of a configured user (the admin endpoint); TypeError when invalid. */
  injectSms(from: string, to: string, text: string): { messageId: string; delivered: number } {
    const sender = typeof from === 'string' ? phoneNumberOf(from) : undefined;
    if (!sender) throw new TypeError('from must be a phone number such as +15550100001');
    const owner = typeof to === 'string' ? this.users.findByPhone(to) : undefined;
    if (!owner) throw new TypeError(`to must be the phoneNumber of a configured user; ${String(to)} is none`);
    if (typeof text !== 'string') throw new TypeError('message must be a string');
    try {
      this.checkText(text);
    } catch (err) {
      throw new TypeError((err as Error).message);
    }
    const messageId = randomId('sms-', 12);
    this.store.transaction(() => this.smsTo(owner, sender, phoneNumberOf(to)!, text, messageId));
    return { messageId, delivered: this.subs.forUser(owner.username, 'smsinbound').length };
  }

  /** Creates a group of `owner` and `participants` (user ids as written); tells every participant. */
  createGroup(owner: string, subject: string, participants: string[]): StoredGroup {
    const known = participants.map((p) => this.knownUser(p));
    // A group change notifies every participant: it counts against the message rate like a message.
    this.groups.checkCreate(owner, subject, known);
    this.rate.take(owner);
    const group = this.groups.create(owner, subject, known);
    this.announce(group, 'created', owner, group.participants);
    return group;
  }

  /** Adds participants to a group `by` one of its participants. */
  addToGroup(group: StoredGroup, by: string, participants: string[]): StoredGroup {
    const known = participants.map((p) => this.knownUser(p));
    this.groups.checkAdd(group, known);
    this.rate.take(by);
    const added = this.groups.add(group, known);
    if (added.length) this.announce(group, 'added', by, added);
    return group;
  }

  /** Removes `participant` (as written) from a group `by` one of its participants; the removed one is told too. */
  removeFromGroup(group: StoredGroup, by: string, participant: string): StoredGroup {
    const user = this.users.find(canonicalAddress(participant, this.users.defaultDomain))?.username ?? participant;
    const before = [...group.participants];
    this.groups.checkRemove(group, by, user);
    this.rate.take(by);
    this.groups.remove(group, by, user);
    this.announce(group, 'removed', by, [user], before);
    return group;
  }

  /** The conversations of `username`, most recently active first. */
  conversations(username: string): Array<Omit<ConversationSummary, 'lastMessage'> & { type: ConversationType; lastMessage: WireMessage }> {
    return this.store.messages.conversations(username).map((c) => ({
      conversationId: c.conversationId,
      type: c.lastMessage.type,
      messageCount: c.messageCount,
      lastMessage: wire(c.lastMessage),
    }));
  }

  /** A page of a conversation, newest first; 404 + 42 when `username` has no message in it. */
  page(username: string, conversationId: string, startIndex: number, count: number): WireMessage[] {
    const page = this.store.messages.page(username, conversationId, startIndex, count);
    if (!page.length && !this.store.messages.page(username, conversationId, 0, 1).length) {
      throw new HttpError(404, 42, 'No such conversation');
    }
    return page.map(wire);
  }

  /** Deletes a conversation's messages of `username`; 404 + 42 when there are none. */
  clear(username: string, conversationId: string): void {
    const removed = this.store.messages.clear(username, conversationId);
    if (!removed) throw new HttpError(404, 42, 'No such conversation');
    this.counts.set(username, Math.max(0, (this.counts.get(username) ?? removed) - removed));
  }

  private sendToGroup(sender: string, group: StoredGroup, text: string, clientCorrelator?: string): SendResult {
    const messageId = randomId('im-', 12);
    const time = Date.now();
    const base = { messageId, type: 'group' as const, conversationId: group.groupId, sender, recipient: group.groupId, text, time };
    const notification = {
      eventType: 'IM',
      eventId: messageId,
      imnotificationParams: { primaryContact: `sip:${sender}`, msgText: text, groupId: group.groupId },
    };
    return this.store.transaction(() => {
      const recipients = group.participants
        .filter((p) => p !== sender)
        .map((address) => ({ address, deliveryStatus: this.deliver(address, 'IM', notification) }));
      const least = recipients.reduce<DeliveryStatus>((min, r) => (RANK[r.deliveryStatus] < RANK[min] ? r.deliveryStatus : min), 'delivered');
      this.record({ ...base, username: sender, direction: 'outgoing', deliveryStatus: least, clientCorrelator });
      for (const r of recipients) this.record({ ...base, username: r.address, direction: 'incoming', deliveryStatus: 'received' });
      return { messageId, deliveryStatus: least, recipients };
    });
  }

  /** Stores and notifies an SMS for `owner` (of number `to`) from `from`. */
  private smsTo(owner: UserRecord, from: string, to: string, text: string, messageId: string): DeliveryStatus {
    const status = this.deliver(owner.username, 'smsinbound', {
      eventType: 'SMS',
      eventId: messageId,
      smsnotificationParams: { primaryContact: `tel:${from}`, msgText: text, destinationAddress: to },
    });
    this.record({
      messageId, username: owner.username, conversationId: from, type: 'sms', direction: 'incoming',
      sender: from, recipient: to, text, time: Date.now(), deliveryStatus: 'received',
    });
    return status;
  }

  /** Sends a `groupChat` notification about a change (the group as it is now) to `to` (default: the participants) and the changed users. */
  private announce(group: StoredGroup, action: GroupAction, by: string, changed: string[], to = group.participants): void {
    const params = { action, groupId: group.groupId, subject: group.subject, owner: group.owner, participants: [...group.participants], changed, by };
    const message = { eventType: 'groupChat', groupChatNotificationParams: params };
    for (const username of new Set([...to, ...changed])) for (const sub of this.subs.forUser(username, 'IM')) sub.channel.offer({ ...message });
  }

  /** Notifies `username`'s subscriptions holding `service`: delivered (a socket is attached), queued, or stored only (none, or no room). */
  private deliver(username: string, service: string, message: { eventType: string; [k: string]: unknown }): DeliveryStatus {
    // offer(): another user's messages never overflow the recipient's queue (README "Queue overflow").
    let status: DeliveryStatus = 'stored';
    for (const sub of this.subs.forUser(username, service)) {
      if (!sub.channel.offer({ ...message })) continue;
      if (sub.channel.connected) status = 'delivered';
      else if (status === 'stored') status = 'queued';
    }
    return status;
  }

  private knownUser(address: string): string {
    const user = this.users.find(canonicalAddress(address, this.users.defaultDomain));
    if (!user) throw new HttpError(404, 1004, `Unknown user ${address}`);
    return user.username;
  }

  /** Appends a message to its user's history, dropping that user's oldest over the limit. */
  private record(message: StoredMessage): void {
    this.store.messages.append(message);
    this.counts.set(message.username, (this.counts.get(message.username) ?? 0) + 1);
    this.trim(message.username);
  }

  private trim(username: string): void {
    let count = this.counts.get(username) ?? 0;
    while (count > this.settings.maxStoredMessagesPerUser) {
      this.store.messages.dropOldest(username);
      count--;
    }
    this.counts.set(username, count);
  }
}

function wire({ username: _username, ...message }: StoredMessage): WireMessage {
  return message;
}

/**
 * The messaging backend extension point: where messages are sent and histories come from. The
 * plugin contributes the Link adapter (protocol §6 and the gateway's conversation routes) as its
 * fallback; another gateway contributes its own factory.
 */
import { defineExtensionPoint, type Logger } from '@switchboard/core';
import type { LinkTransport, NotificationRegistry } from '@switchboard/connectivity';

/** The gateway's answer to a send. @public */
export interface SendResult {
  /** The gateway's id of the message (the recipient's notification `eventId`). */
  messageId: string;
  /** `delivered`, `queued`, `stored` or `sent`. */
  deliveryStatus: string;
}

/** A message as a backend stores it. @public */
export interface StoredMessage {
  /** The gateway's id. */
  messageId: string;
  /** The conversation id: peer, group id or `+digits`. */
  conversationId: string;
  /** `im`, `group` or `sms`. */
  type: string;
  /** `incoming` or `outgoing`. */
  direction: string;
  /** The sender's address. */
  sender: string;
  /** The text sent. */
  text: string;
  /** Epoch ms. */
  time: number;
  /** Delivery status of this copy. */
  deliveryStatus: string;
}

/** A thread in the gateway's list. @public */
export interface StoredConversation {
  /** The conversation id. */
  conversationId: string;
  /** `im`, `group` or `sms`. */
  type: string;
}

/** A chat group. @public */
export interface ChatGroup {
  /** The group's id. */
  groupId: string;
  /** Its participants' addresses, the owner included. */
  participants: string[];
  /** Its subject. */
  subject?: string;
}

/** A file stored by the gateway for a message's `file` part. @public */
export interface FileInfo {
  /** Where the gateway serves it (`files/{fileId}`, relative to the user path). */
  url: string;
  /** The file name. */
  name: string;
  /** Its size, in bytes. */
  size: number;
  /** Its content type. */
  type: string;
}

/** A message that arrived (an `IM` or `SMS` notification). @public */
export interface IncomingMessage {
  /** The gateway's id (the notification's `eventId`). */
  messageId: string;
  /** `im`, `group` or `sms`. */
  type: 'im' | 'group' | 'sms';
  /** The conversation id: the sender (im), the group id, or the sender's `+digits` number (sms). */
  conversationId: string;
  /** The sender's address (`tel:` / `sip:` stripped). */
  sender: string;
  /** The text. */
  text: string;
}

/** What a backend reports as it arrives. @public */
export interface IncomingSink {
  /** A message arrived. */
  message(message: IncomingMessage): void;
  /** A group was created, or its participants changed. */
  group(group: ChatGroup): void;
}

/**
 * Messaging operations. Every method rejects with a coded BasicError (`UNKNOWN_DESTINATION`,
 * `MESSAGE_TOO_LARGE`, `MESSAGE_SEND_FAILED`, `MESSAGING_REQUEST_FAILED`, or the transport's
 * `NETWORK_ERROR`).
 * @public
 */
export interface MessagingBackend {
  /** Adapter name, for logs. */
  readonly name: string;
  /** Sends `text` to a user or group (`im`) or a number (`sms`); `key` makes a retry idempotent. */
  send(kind: 'im' | 'sms', to: string, text: string, key: string): Promise<SendResult>;
  /** The user's conversations. */
  fetchConversations(): Promise<StoredConversation[]>;
  /** Up to `amount` messages of a conversation, newest first, skipping the `startIndex` newest (default 0). */
  fetchMessages(conversationId: string, amount: number, startIndex?: number): Promise<StoredMessage[]>;
  /** Creates a chat group with `participants` (the requester added by the gateway). */
  createGroup(participants: string[], subject?: string): Promise<ChatGroup>;
  /** Uploads the file of a `file` part for `to` (a user or group); without it, file parts reject with NOT_IMPLEMENTED. */
  uploadFile?(to: string, file: Blob): Promise<FileInfo>;
  /** The bytes of a received (or sent) file. */
  downloadFile?(file: FileInfo): Promise<Blob>;
  /** Starts reporting incoming messages and group changes to `sink` (malformed ones are the backend's to log and drop); returns the stop function. */
  listen(sink: IncomingSink): () => void;
}

/** What a messaging backend factory receives. @public */
export interface MessagingBackendContext {
  /** The connectivity plugin's Link transport. */
  transport: LinkTransport;
  /** Connectivity's notification registry (where the Link adapter hears `IM`, `SMS` and `groupChat`). */
  notifications: NotificationRegistry;
  /** The messaging plugin's logger. */
  logger: Logger;
}

/** Creates a messaging backend for one client. @public */
export type MessagingBackendFactory = (context: MessagingBackendContext) => MessagingBackend;

/** The messaging backend extension point (id `messaging.backend`). @public */
export const messagingBackendExtensionPoint = defineExtensionPoint<MessagingBackendFactory>('messaging.backend');

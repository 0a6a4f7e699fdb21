/**
 * The messaging events (seed 000 `conversations:*`, `messages:*`), merged into core's `SdkEventMap`.
 */
import { eventNames, type BasicError } from '@switchboard/core';
import type { ConversationType } from './types';

/** Which conversation an event is about. @public */
export interface ConversationInfo {
  /** The conversation's destinations (the peer, the group's participants, or the phone number). */
  destination: string[];
  /** The conversation's type. */
  type: ConversationType;
}

/** `messages:change`: one conversation's message list changed. @public */
export interface MessagesChangeEvent {
  /** The conversation's destination (its id: the peer, the group id, or the phone number). */
  destination: string;
  /** The conversation's type. */
  type: ConversationType;
  /** The message affected, when one was. */
  messageId?: string;
  /** The sender of that message, when one was affected. */
  sender?: string;
}

/** `messages:error`: a messaging operation failed. @public */
export interface MessagesErrorEvent {
  /** The coded error. */
  error: BasicError;
  /** The conversation's id, when the failure belongs to one. */
  destination?: string;
  /** The message that failed to send, when one did. */
  messageId?: string;
}

/** The messaging plugin's events. @public */
export interface MessagingEventMap {
  /** A conversation was created and added to the state. */
  'conversations:new': [params: ConversationInfo[]];
  /** The conversation list changed. */
  'conversations:change': [params: ConversationInfo[]];
  /** One conversation's message list changed. */
  'messages:change': [params: MessagesChangeEvent];
  /** A messaging operation failed. */
  'messages:error': [params: MessagesErrorEvent];
}

declare module '@switchboard/core' {
  interface SdkEventMap extends MessagingEventMap {}
}

/** Every event the messaging plugin emits. @public */
export const messagingEvents = /* @__PURE__ */ eventNames<MessagingEventMap>()({
  'conversations:new': true,
  'conversations:change': true,
  'messages:change': true,
  'messages:error': true,
});

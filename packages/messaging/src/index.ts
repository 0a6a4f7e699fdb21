/**
 * `@switchboard/messaging`: IM, group chat and SMS conversations (`messagingPlugin`, the
 * `conversation` namespace) and voicemail indicators (`voicemailPlugin`, the `voicemail`
 * namespace) over the Link gateway.
 * @packageDocumentation
 */
export { messagingPlugin, MESSAGING_PLUGIN_VERSION } from './plugin';
export type { MessagingPluginOptions } from './plugin';
export { chatTypes } from './api';
export { messagingConfigDefaults } from './config';
export type { MessagingConfig } from './config';
export { messagingEvents } from './events';
export type { ConversationInfo, MessagesChangeEvent, MessagesErrorEvent, MessagingEventMap } from './events';
export { messagingErrorCodes } from './errors';
export type { MessagingErrorCode } from './errors';
export { messagingBackendExtensionPoint } from './backend';
export type {
  ChatGroup, FileInfo, IncomingMessage, IncomingSink, MessagingBackend, MessagingBackendContext, MessagingBackendFactory, SendResult, StoredConversation, StoredMessage,
} from './backend';
export { linkMessagingBackend, linkMessagingBackendFactory } from './link';
export type {
  ChatTypes, Conversation, ConversationApi, ConversationChange, ConversationOptions, ConversationType, DeliveryStatus, LocationValue, Message, MessageEntry, MessagePart,
} from './types';
export { voicemailPlugin, VOICEMAIL_PLUGIN_VERSION } from './voicemail/plugin';
export type { VoicemailPluginOptions } from './voicemail/plugin';
export { voicemailEvents } from './voicemail/events';
export type { VoicemailErrorEvent, VoicemailEventMap } from './voicemail/events';
export { voicemailBackendExtensionPoint, linkVoicemailBackend, linkVoicemailBackendFactory } from './voicemail/backend';
export type { VoicemailBackend, VoicemailBackendContext, VoicemailBackendFactory } from './voicemail/backend';
export type { VoicemailApi, VoicemailCounts, VoicemailData } from './voicemail/types';

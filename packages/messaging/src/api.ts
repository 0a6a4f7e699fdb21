/**
 * The `conversation` namespace: argument type checks (TypeError), then the hub, which checks
 * values (INVALID_ARGUMENT) before anything is stored or sent.
 */
import { BasicError } from '@switchboard/core';
import { messagingError } from './errors';
import { isBlob, isFileInfo } from './parts';
import type { MessagingHub } from './MessagingHub';
import type { ChatTypes, ConversationApi, ConversationOptions, MessagePart } from './types';

/** The conversation types (`conversation.chatTypes`). @public */
export const chatTypes: ChatTypes = /* @__PURE__ */ Object.freeze({ CHAT: 'chat', IM: 'im', SMS: 'sms', GROUP: 'group', OTHER: 'other' } as const);

const destinationsOf = (method: string, value: unknown): string[] => {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw new TypeError(`conversation.${method}(): destination must be a string or an array of strings`);
};

const optionsOf = (method: string, options: unknown): ConversationOptions => {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new TypeError(`conversation.${method}(): options must be an object`);
  const o = options as ConversationOptions;
  if (o.type !== undefined && typeof o.type !== 'string') throw new TypeError(`conversation.${method}(): options.type must be a string`);
  if (o.subject !== undefined && typeof o.subject !== 'string') throw new TypeError(`conversation.${method}(): options.subject must be a string`);
  return o;
};

/**
 * Builds the frozen `conversation` namespace; under a `compatibility` profile (001/002) `get`
 * creates a missing conversation. @internal
 */
export function createConversationApi(hub: MessagingHub, legacy?: unknown): ConversationApi {
  return Object.freeze({
    get(destination: string | string[], options?: ConversationOptions) {
      const destinations = destinationsOf('get', destination);
      const type = optionsOf('get', options).type ?? 'im';
      if (legacy || destinations.length > 1) return hub.obtain(destinations, destinations.length > 1 ? 'group' : type, 'conversation.get()');
      if (destinations.length === 0) return undefined;
      if (!['im', 'sms', 'other', 'group'].includes(type)) throw messagingError('INVALID_ARGUMENT', 'conversation.get(): options.type must be one of im, sms, other, group.');
      return hub.find(destinations[0]!, type as 'im', 'conversation.get()');
    },
    getAll: () => hub.getAll(),
    create(destinations: string | string[], type: 'im' | 'sms' | 'group' | 'other' = 'im', options?: ConversationOptions) {
      const list = destinationsOf('create', destinations);
      if (typeof type !== 'string') throw new TypeError('conversation.create(): type must be a string');
      return hub.obtain(list, type, 'conversation.create()', optionsOf('create', options).subject);
    },
    fetch(options?: Record<string, unknown>) {
      if (options !== undefined && (typeof options !== 'object' || options === null)) throw new TypeError('conversation.fetch(): options must be an object');
      return hub.fetch();
    },
    downloadFile(part: MessagePart) {
      const m = 'conversation.downloadFile()';
      if (typeof part !== 'object' || part === null) throw new TypeError(`${m}: part must be an object`);
      const { file } = part;
      const fail = (error: BasicError) => Promise.reject(hub.error(error));
      if (isBlob(file)) return Promise.resolve(file);
      if (!isFileInfo(file)) return fail(messagingError('INVALID_ARGUMENT', `${m}: part has no stored file.`));
      if (!hub.backend.downloadFile) return fail(messagingError('NOT_IMPLEMENTED', `${m}: the ${hub.backend.name} backend stores no files.`));
      return hub.backend.downloadFile(file).catch((cause: unknown) => fail(cause instanceof BasicError ? cause : messagingError('MESSAGING_REQUEST_FAILED', `${m} failed`, cause)));
    },
    chatTypes,
  });
}

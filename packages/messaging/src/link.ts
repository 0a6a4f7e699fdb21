/**
 * The `link` messaging backend: `POST instantmessage` (protocol §6.1) and the gateway's `sms`,
 * `conversations` and `groupchat` routes (tooling/gateway/README.md), over the connectivity
 * plugin's transport.
 */
import type { LinkNotification, LinkResponse } from '@switchboard/connectivity';
import type { Logger } from '@switchboard/core';
import type { FileInfo, IncomingSink, MessagingBackend, MessagingBackendContext, MessagingBackendFactory, StoredMessage } from './backend';
import { messagingError } from './errors';

type Wrapped = Record<string, unknown> & { statusCode?: number | string; reason?: string };
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The coded error of a refused request: 404 + 1004 unknown destination, 413 too large, else `fallback`. @internal */
export function refusal(operation: string, wrapper: string, res: LinkResponse<unknown>, fallback: 'MESSAGE_SEND_FAILED' | 'MESSAGING_REQUEST_FAILED') {
  const all = isObject(res.body) ? res.body : {};
  const body = (isObject(all[wrapper]) ? all[wrapper] : Object.values(all).find(isObject)) as Wrapped | undefined;
  const code = body?.statusCode ?? res.status;
  const reason = body?.reason ?? res.error?.message ?? `HTTP ${res.status}`;
  const text = `${operation} was refused by the gateway: ${reason} (HTTP ${res.status}, statusCode ${code}).`;
  if (res.status === 404 && String(code) === '1004') return messagingError('UNKNOWN_DESTINATION', text);
  if (res.status === 413) return messagingError('MESSAGE_TOO_LARGE', text);
  return messagingError(fallback, text);
}

const isMessage = (m: unknown): m is StoredMessage =>
  isObject(m) && typeof m.messageId === 'string' && typeof m.conversationId === 'string' && typeof m.text === 'string' && typeof m.sender === 'string';

const bare = (address: string) => address.replace(/^(sip|tel):/i, '');
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';

/**
 * Routes one `IM` / `SMS` / `groupChat` notification (gateway README *IM*, *SMS*, *Chat groups*)
 * to `sink`; a malformed one is logged and dropped. @internal
 */
export function routeNotification(n: LinkNotification, sink: IncomingSink, logger: Logger): void {
  const drop = () => logger.warn(`messaging: dropped a malformed ${n.eventType} notification`, { eventId: n.eventId });
  if (n.eventType === 'groupChat') {
    const g = n.groupChatNotificationParams;
    if (!isObject(g) || !isText(g.groupId) || !Array.isArray(g.participants) || !g.participants.every(isText)) return drop();
    sink.group({ groupId: g.groupId, participants: g.participants, subject: typeof g.subject === 'string' ? g.subject : undefined });
    return;
  }
  const sms = n.eventType === 'SMS';
  const p = sms ? n.smsnotificationParams : n.imnotificationParams;
  if (!isObject(p) || !isText(n.eventId) || !isText(p.primaryContact) || typeof p.msgText !== 'string') return drop();
  if (p.groupId !== undefined && !isText(p.groupId)) return drop();
  const sender = bare(p.primaryContact);
  const type = sms ? 'sms' : p.groupId ? 'group' : 'im';
  sink.message({ messageId: n.eventId, type, conversationId: (p.groupId as string | undefined) ?? sender, sender, text: p.msgText });
}

/** Creates the Link messaging backend. @public */
export function linkMessagingBackend({ transport, notifications, logger }: MessagingBackendContext): MessagingBackend {
  const path = (p: string) => `${transport.userPath()}/${p}`;
  const raw = (resource: string, init: RequestInit) => {
    if (!transport.fetchRaw) throw messagingError('NOT_IMPLEMENTED', 'files: the transport sends no binary bodies.');
    return transport.fetchRaw(resource, init);
  };
  return {
    name: 'link',
    async send(kind, to, text, key) {
      const [route, req, resp] = kind === 'sms' ? ['sms', 'smsRequest', 'smsResponse'] : ['instantmessage', 'imRequest', 'imResponse'];
      const res = await transport.request<Record<string, Wrapped>>(path(route), {
        method: 'POST',
        body: { [req]: { toUrl: to, message: text, charset: 'UTF-8', clientCorrelator: key } },
      });
      const body = res.body?.[resp];
      if (!res.ok) throw refusal(route, resp, res, 'MESSAGE_SEND_FAILED');
      if (!isObject(body) || typeof body.messageId !== 'string') throw messagingError('MESSAGE_SEND_FAILED', `${route}: the answer has no messageId.`);
      return { messageId: body.messageId, deliveryStatus: typeof body.deliveryStatus === 'string' ? body.deliveryStatus : 'sent' };
    },
    async fetchConversations() {
      const res = await transport.request<{ conversationsResponse?: Wrapped }>(path('conversations'));
      if (!res.ok) throw refusal('conversations', 'conversationsResponse', res, 'MESSAGING_REQUEST_FAILED');
      const list = res.body?.conversationsResponse?.conversations;
      if (!Array.isArray(list)) throw messagingError('MESSAGING_REQUEST_FAILED', 'conversations: the answer has no conversations array.');
      return list.filter((c): c is { conversationId: string; type: string } => isObject(c) && typeof c.conversationId === 'string' && typeof c.type === 'string');
    },
    async fetchMessages(conversationId, amount, startIndex = 0) {
      const res = await transport.request<{ conversationsResponse?: Wrapped }>(path(`conversations/${encodeURIComponent(conversationId)}/messages`), {
        query: { count: String(amount), startIndex: String(startIndex) },
      });
      if (res.status === 404) return [];
      if (!res.ok) throw refusal('conversation messages', 'conversationsResponse', res, 'MESSAGING_REQUEST_FAILED');
      const list = res.body?.conversationsResponse?.messages;
      if (!Array.isArray(list)) throw messagingError('MESSAGING_REQUEST_FAILED', 'conversation messages: the answer has no messages array.');
      return list.filter((m): m is StoredMessage => isMessage(m) || (logger.warn('messaging: dropped a malformed stored message'), false));
    },
    async createGroup(participants, subject) {
      const res = await transport.request<{ groupChatResponse?: Wrapped }>(path('groupchat'), {
        method: 'POST',
        body: { groupChatRequest: subject === undefined ? { participants } : { participants, subject } },
      });
      if (!res.ok) throw refusal('groupchat', 'groupChatResponse', res, 'MESSAGING_REQUEST_FAILED');
      const group = res.body?.groupChatResponse?.group;
      if (!isObject(group) || typeof group.groupId !== 'string' || !Array.isArray(group.participants)) {
        throw messagingError('MESSAGING_REQUEST_FAILED', 'groupchat: the answer has no group.');
      }
      return { groupId: group.groupId, participants: group.participants.map(String), subject: typeof group.subject === 'string' ? group.subject : undefined };
    },
    async uploadFile(to, file) {
      const name = (file as Partial<File>).name || 'file';
      const query = new URLSearchParams({ to, name, type: file.type || 'application/octet-stream' });
      const res = await raw(`${path('files')}?${query}`, { method: 'POST', body: file });
      const body = (await res.json().catch(() => ({}))) as Record<string, Wrapped>;
      const info = body.fileResponse as Partial<FileInfo> | undefined;
      if (!res.ok) throw refusal('files', 'fileResponse', { ok: false, status: res.status, body }, 'MESSAGE_SEND_FAILED');
      if (!isObject(info) || !isText(info.url)) throw messagingError('MESSAGE_SEND_FAILED', 'files: the answer has no url.');
      return { url: info.url, name: String(info.name), size: Number(info.size), type: String(info.type) };
    },
    async downloadFile(file) {
      const res = await raw(`${transport.userPath()}/${file.url}`, {});
      if (!res.ok) throw messagingError('MESSAGING_REQUEST_FAILED', `files: the download was refused (HTTP ${res.status}).`);
      return new Blob([await res.arrayBuffer()], { type: file.type });
    },
    listen: (sink) => notifications.register(['IM', 'SMS', 'groupChat'], (n) => routeNotification(n, sink, logger)),
  };
}

/** The default messaging backend factory. @public */
export const linkMessagingBackendFactory: MessagingBackendFactory = linkMessagingBackend;

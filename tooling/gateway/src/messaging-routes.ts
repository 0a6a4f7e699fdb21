/**
 * REST routes of messaging (§6.1 and the extensions of README "Messaging"): send an IM, send an
 * SMS, the stored conversations, chat groups. Bodies are validated before anything else (400 +
 * 5), then destinations and limits are checked, before any side effect.
 */
import { index } from './history-routes';
import type { MessageService, SendResult } from './messages';
import type { RequestContext, Route } from './router';
import type { StoredGroup } from './store';
import { HttpError } from './http';
import { optionalString, requireString, unwrap, type Json } from './validation';

const BASE = '/rest/version/1/user/:userId';

/** A required array of non-empty strings (400 + 5 otherwise), at most `max` of them (403 + 19, before any is resolved). */
function requireStringList(obj: Json, key: string, max: number): string[] {
  const v = obj[key];
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && s)) throw new HttpError(400, 5, `"${key}" must be an array of non-empty strings`);
  if (v.length > max) throw new HttpError(403, 19, `A group has at most ${max} participants`);
  return v as string[];
}

/** An optional `clientCorrelator` (idempotency key): 1–128 of `A-Z a-z 0-9 . _ ~ : -`, else 400 + 38 (as for subscriptions). */
function correlator(req: Json): string | undefined {
  const v = req.clientCorrelator;
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^[A-Za-z0-9._~:-]{1,128}$/.test(v)) throw new HttpError(400, 38, '"clientCorrelator" must be 1-128 characters of A-Z a-z 0-9 . _ ~ : -');
  return v;
}

/** `message` of a send request: a string (its emptiness and size are checked by the service). */
function messageText(req: Json): string {
  const v = req.message;
  if (typeof v !== 'string') throw new HttpError(400, 5, '"message" must be a string');
  return v;
}

function sent(wrapper: string, result: SendResult) {
  return { status: 200, body: { [wrapper]: { statusCode: 0, ...result } } };
}

const groupBody = (group: StoredGroup) => ({ ...group, participants: [...group.participants] });

/** The messaging routes. */
export function messagingRoutes(messages: MessageService): Route[] {
  const group = (ctx: RequestContext): StoredGroup => {
    const found = messages.groups.get(ctx.user.username, ctx.params.groupId);
    if (!found) throw new HttpError(404, 42, 'No such group');
    return found;
  };
  return [
    {
      method: 'POST',
      path: `${BASE}/instantmessage`,
      wrapper: 'imResponse',
      handler: (ctx) => {
        const req = unwrap(ctx.body, 'imRequest');
        const toUrl = requireString(req, 'toUrl');
        const text = messageText(req);
        optionalString(req, 'charset');
        optionalString(req, 'type');
        return sent('imResponse', messages.sendIm(ctx.user, toUrl, text, correlator(req)));
      },
    },
    {
      method: 'POST',
      path: `${BASE}/sms`,
      wrapper: 'smsResponse',
      handler: (ctx) => {
        const req = unwrap(ctx.body, 'smsRequest');
        const toUrl = requireString(req, 'toUrl');
        const text = messageText(req);
        optionalString(req, 'charset');
        return sent('smsResponse', messages.sendSms(ctx.user, toUrl, text, correlator(req)));
      },
    },
    {
      method: 'GET',
      path: `${BASE}/conversations`,
      wrapper: 'conversationsResponse',
      handler: (ctx) => ({ status: 200, body: { conversationsResponse: { statusCode: 0, conversations: messages.conversations(ctx.user.username) } } }),
    },
    {
      method: 'GET',
      path: `${BASE}/conversations/:conversationId/messages`,
      wrapper: 'conversationsResponse',
      handler: (ctx) => {
        const count = index(ctx, 'count', 50);
        const startIndex = index(ctx, 'startIndex', 0);
        const page = messages.page(ctx.user.username, ctx.params.conversationId, startIndex, count);
        return { status: 200, body: { conversationsResponse: { statusCode: 0, conversationId: ctx.params.conversationId, messages: page } } };
      },
    },
    {
      method: 'DELETE',
      path: `${BASE}/conversations/:conversationId`,
      wrapper: 'conversationsResponse',
      handler: (ctx) => {
        messages.clear(ctx.user.username, ctx.params.conversationId);
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: `${BASE}/groupchat`,
      wrapper: 'groupChatResponse',
      handler: (ctx) => {
        const req = unwrap(ctx.body, 'groupChatRequest');
        const participants = requireStringList(req, 'participants', messages.maxGroupParticipants);
        const subject = optionalString(req, 'subject') ?? '';
        const created = messages.createGroup(ctx.user.username, subject, participants);
        return { status: 201, body: { groupChatResponse: { statusCode: 0, group: groupBody(created) } } };
      },
    },
    {
      method: 'GET',
      path: `${BASE}/groupchat`,
      wrapper: 'groupChatResponse',
      handler: (ctx) => ({ status: 200, body: { groupChatResponse: { statusCode: 0, groups: messages.groups.forUser(ctx.user.username).map(groupBody) } } }),
    },
    {
      method: 'GET',
      path: `${BASE}/groupchat/:groupId`,
      wrapper: 'groupChatResponse',
      handler: (ctx) => ({ status: 200, body: { groupChatResponse: { statusCode: 0, group: groupBody(group(ctx)) } } }),
    },
    {
      method: 'POST',
      path: `${BASE}/groupchat/:groupId/participants`,
      wrapper: 'groupChatResponse',
      handler: (ctx) => {
        const participants = requireStringList(unwrap(ctx.body, 'groupChatRequest'), 'participants', messages.maxGroupParticipants);
        const updated = messages.addToGroup(group(ctx), ctx.user.username, participants);
        return { status: 200, body: { groupChatResponse: { statusCode: 0, group: groupBody(updated) } } };
      },
    },
    {
      method: 'DELETE',
      path: `${BASE}/groupchat/:groupId/participants/:participant`,
      wrapper: 'groupChatResponse',
      handler: (ctx) => {
        const updated = messages.removeFromGroup(group(ctx), ctx.user.username, ctx.params.participant);
        return { status: 200, body: { groupChatResponse: { statusCode: 0, group: groupBody(updated) } } };
      },
    },
  ];
}

/** REST routes of presence (§7.1, §7.2): update own presence; watch, stop watching, get. */
import { HttpError } from './http';
import { MAX_NOTE_BYTES, MAX_WATCHED_NAME_BYTES, PRESENCE_ACTIVITIES, PRESENCE_STATUSES, type PresenceService } from './presence';
import type { Route } from './router';
import { optionalString, unwrap } from './validation';

const BASE = '/rest/version/1/user/:userId';
const ACTIONS = ['watch', 'stopwatch', 'get'];

/** A required string field whose value must be one of `allowed`: 400 + 5 when missing or not a string, 400 + 37 otherwise. */
function oneOf(obj: Record<string, unknown>, key: string, allowed: readonly string[]): string {
  const v = obj[key];
  if (typeof v !== 'string') throw new HttpError(400, 5, `"${key}" must be a string`);
  if (!allowed.includes(v)) throw new HttpError(400, 37, `"${key}" must be one of ${allowed.join(', ')}`);
  return v;
}

/** The presence routes. */
export function presenceRoutes(presence: PresenceService): Route[] {
  return [
    {
      method: 'POST',
      path: `${BASE}/presence`,
      wrapper: 'presenceResponse',
      handler: (ctx) => {
        const req = unwrap(ctx.body, 'presenceRequest');
        const status = oneOf(req, 'status', PRESENCE_STATUSES);
        const activity = oneOf(req, 'activity', PRESENCE_ACTIVITIES);
        const note = optionalString(req, 'note');
        if (note !== undefined && Buffer.byteLength(note, 'utf8') > MAX_NOTE_BYTES) throw new HttpError(413, 5, `"note" is over ${MAX_NOTE_BYTES} bytes`);
        const username = ctx.user.username;
        presence.charge(username, Math.max(1, presence.watcherCount(username)));
        ctx.after(() => presence.update(username, { status, activity, note }));
        return { status: 200, body: { presenceResponse: { statusCode: 0 } } };
      },
    },
    {
      method: 'POST',
      path: `${BASE}/presenceWatcher`,
      wrapper: 'presenceWatcherResponse',
      handler: (ctx) => {
        const req = unwrap(ctx.body, 'presenceWatcherRequest');
        const userList = req.userList;
        if (!Array.isArray(userList) || !userList.length || !userList.every((u) => typeof u === 'string' && u)) {
          throw new HttpError(400, 5, '"userList" must be a non-empty array of non-empty strings');
        }
        const names = userList as string[];
        if (names.some((n) => Buffer.byteLength(n, 'utf8') > MAX_WATCHED_NAME_BYTES)) throw new HttpError(413, 5, `A name in "userList" is over ${MAX_WATCHED_NAME_BYTES} bytes`);
        const action = oneOf(req, 'action', ACTIONS);
        const subs = presence.watchingSubs(ctx.user.username, ctx.auth.sessionSubscriptionId);
        if (action === 'stopwatch') presence.stopWatching(subs, names);
        else {
          const distinct = new Set(names).size;
          if (action === 'get' && distinct > presence.maxWatches) throw new HttpError(403, 19, 'Too many users in one request');
          if (action === 'watch') presence.checkWatch(subs, names);
          presence.charge(ctx.user.username, distinct * subs.length);
          if (action === 'watch') presence.watch(subs, names);
          ctx.after(() => presence.push(subs, names));
        }
        return { status: 200, body: { presenceWatcherResponse: { statusCode: 0 } } };
      },
    },
  ];
}

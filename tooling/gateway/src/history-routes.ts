/** REST routes of §10: `GET logHistory`, `DELETE logRecord/{recordId}`, `DELETE logHistory`. */
import type { CallHistory } from './history';
import { HttpError } from './http';
import type { RequestContext, Route } from './router';

const BASE = '/rest/version/1/user/:userId';

/** A non-negative integer query parameter (`fallback` when absent); 400 + 5 otherwise. */
export function index(ctx: RequestContext, name: string, fallback: number): number {
  const raw = ctx.url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw)) throw new HttpError(400, 5, `"${name}" must be a non-negative integer`);
  return Number(raw);
}

/** The call-history routes. */
export function historyRoutes(history: CallHistory): Route[] {
  return [
    {
      method: 'GET',
      path: `${BASE}/logHistory`,
      wrapper: 'logHistory',
      handler: (ctx) => {
        const count = index(ctx, 'count', 50);
        const startIndex = index(ctx, 'startIndex', 0);
        const { items } = history.page(ctx.user.username, startIndex, count);
        return { status: 200, body: { logHistory: { statusCode: 0, logItems: items } } };
      },
    },
    {
      method: 'DELETE',
      path: `${BASE}/logRecord/:recordId`,
      wrapper: 'logRecord',
      handler: (ctx) => {
        if (!history.remove(ctx.user.username, ctx.params.recordId)) throw new HttpError(404, 42, 'Call log record not found');
        return { status: 204 };
      },
    },
    {
      method: 'DELETE',
      path: `${BASE}/logHistory`,
      wrapper: 'logHistory',
      handler: (ctx) => {
        history.clear(ctx.user.username);
        return { status: 204 };
      },
    },
  ];
}

/**
 * The admin endpoints (README "Admin endpoints"): `POST /admin/sms/inbound`, `POST /admin/mwi` and `POST /admin/sip-events`,
 * the `/__test__/` hooks of the same name behind `Authorization: Bearer <adminToken>`. Served only
 * when an admin token is configured (else they are unknown routes: 404 + 42); a missing or wrong
 * token answers 401 + 4 before anything is done. The token is compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpError } from './http';
import { hookRoute, mwiRun, sipEventRun, smsInboundRun } from './hooks';
import type { RequestContext, Route } from './router';
import type { GatewayHooks } from './types';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Whether `authorization` is `Bearer <token>` (constant time over SHA-256 digests). */
export function isAdminAuthorization(authorization: unknown, token: string): boolean {
  const presented = typeof authorization === 'string' ? /^Bearer +(\S+) *$/i.exec(authorization)?.[1] : undefined;
  // Hash both sides so the comparison runs over equal-length buffers whatever was sent.
  return timingSafeEqual(digest(presented ?? ''), digest(token)) && presented !== undefined;
}

/** The admin routes for `token` (a non-empty string). */
export function adminRoutes(hooks: GatewayHooks, token: string): Route[] {
  const authorize = (ctx: RequestContext): void => {
    if (!isAdminAuthorization(ctx.req.headers.authorization, token)) throw new HttpError(401, 4, 'Authentication required');
  };
  return [
    hookRoute('/admin/', 'POST', 'sms/inbound', smsInboundRun(hooks), 201, authorize),
    hookRoute('/admin/', 'POST', 'mwi', mwiRun(hooks), 200, authorize),
    hookRoute('/admin/', 'POST', 'sip-events', sipEventRun(hooks), 200, authorize),
  ];
}

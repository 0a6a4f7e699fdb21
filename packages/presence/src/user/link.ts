/** The `link` directory backend: Kandy Link REST v1 directory, own profile, localization (protocol §11). */
import type { Logger } from '@switchboard/core';
import { pluginError } from '../errors';
import { isObject, refused, succeeded } from '../shared';
import type { UserBackend, UserBackendContext, UserBackendFactory } from './backend';
import type { User } from './types';

/**
 * A directory item as a User keyed by `primaryContact` (else `userId`), or undefined (logged)
 * when it is not an object with one of them. @internal
 */
export function toUser(item: unknown, logger: Logger): User | undefined {
  const id = isObject(item) ? (item.primaryContact ?? item.userId) : undefined;
  if (!isObject(item) || typeof id !== 'string' || id === '') {
    logger.warn('directory: dropped a malformed directory item', item);
    return undefined;
  }
  const { statusCode: _statusCode, ...fields } = item;
  return { ...fields, userId: id };
}

/** Creates the Link directory backend. @public */
export function linkUserBackend({ transport, logger }: UserBackendContext): UserBackend {
  return {
    name: 'link',
    async search({ criteria, criteriaType }) {
      const query: Record<string, string> = {};
      if (criteria !== undefined) query.criteria = criteria;
      if (criteria !== undefined && criteriaType !== undefined) query.criteriaType = String(criteriaType);
      const res = await transport.request<{ directory?: { directoryItems?: unknown } }>(`${transport.userPath()}/directory`, { query });
      if (!succeeded(res, 'directory')) throw refused('user', 'DIRECTORY_REQUEST_FAILED', 'directory search', 'directory', res);
      const items = res.body.directory?.directoryItems ?? [];
      if (!Array.isArray(items)) throw pluginError('user', 'DIRECTORY_REQUEST_FAILED', 'directory response has a directoryItems that is not a list.');
      return items.map((item) => toUser(item, logger)).filter((u): u is User => u !== undefined);
    },
    async selfInfo() {
      const res = await transport.request<{ userProfileData?: unknown }>(`${transport.userPath()}/userProfileData`);
      if (!succeeded(res, 'userProfileData')) throw refused('user', 'DIRECTORY_REQUEST_FAILED', 'userProfileData', 'userProfileData', res);
      const user = toUser(res.body.userProfileData, logger);
      if (!user) throw pluginError('user', 'DIRECTORY_REQUEST_FAILED', 'userProfileData response has no primaryContact or userId.');
      const lang = await transport.request<{ acceptLanguage?: unknown }>('/rest/version/1/localization');
      const acceptLanguage = lang.body?.acceptLanguage;
      if (!lang.ok || typeof acceptLanguage !== 'string' || acceptLanguage === '') {
        throw pluginError('user', 'DIRECTORY_REQUEST_FAILED', `localization request failed (HTTP ${lang.status}, no acceptLanguage).`);
      }
      return { ...user, acceptLanguage };
    },
  };
}

/** The default directory backend factory. @public */
export const linkUserBackendFactory: UserBackendFactory = linkUserBackend;

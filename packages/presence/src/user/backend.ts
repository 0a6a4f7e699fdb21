/**
 * The directory backend extension point. The user plugin contributes the Link adapter (protocol
 * §11) as its fallback.
 */
import { defineExtensionPoint, type Logger } from '@switchboard/core';
import type { LinkTransport } from '@switchboard/connectivity';
import type { User } from './types';

/** One directory query: `criteria` alone searches every field; none lists every user. @public */
export interface DirectoryQuery {
  /** The search value. */
  criteria?: string;
  /** 1 first name, 2 last name, 3 first or last name, 4 phone number, 5 user id / user name. */
  criteriaType?: 1 | 2 | 3 | 4 | 5;
}

/**
 * Directory operations. Every method rejects with a BasicError (`DIRECTORY_REQUEST_FAILED` for a
 * refusal, the transport's `NETWORK_ERROR` otherwise).
 * @public
 */
export interface UserBackend {
  /** Adapter name, for logs. */
  readonly name: string;
  /** The users matching the query. Malformed entries are the backend's to log and drop. */
  search(query: DirectoryQuery): Promise<User[]>;
  /** This user's own profile, with the gateway's `acceptLanguage`. */
  selfInfo(): Promise<User>;
}

/** What a user backend factory receives. @public */
export interface UserBackendContext {
  /** The connectivity plugin's Link transport. */
  transport: LinkTransport;
  /** The user plugin's logger. */
  logger: Logger;
}

/** Creates a directory backend for one client. @public */
export type UserBackendFactory = (context: UserBackendContext) => UserBackend;

/** The directory backend extension point (id `user.backend`). @public */
export const userBackendExtensionPoint = defineExtensionPoint<UserBackendFactory>('user.backend');

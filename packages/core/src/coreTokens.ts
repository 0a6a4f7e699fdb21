/** Tokens for the services core provides to every plugin. */
import type { AuthManager } from './auth';
import type { EventBus } from './events';
import type { LogManager } from './logger';
import type { ConfigReader } from './plugin';
import { createToken } from './tokens';

/** Core's DI tokens. @public */
export const coreTokens = Object.freeze({
  /** The client's event bus. */
  events: createToken<EventBus>('core.events'),
  /** Credentials. */
  auth: createToken<AuthManager>('core.auth'),
  /** Logger factory. */
  logs: createToken<LogManager>('core.logs'),
  /** Configuration access. */
  config: createToken<ConfigReader>('core.config'),
});

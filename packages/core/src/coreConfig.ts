/**
 * Core's config sections: `logs` and `authentication` (seed 000 `config.logs`,
 * `config.authentication`).
 */
import { is, type Check, type ConfigSection } from './config';
import type { LogsConfig } from './logger';

/** `config.authentication`. @public */
export interface AuthenticationConfig {
  /** The REST server of the gateway. */
  server?: {
    /** Hostname of the REST server (no default). */
    base?: string;
    /** Protocol for requests. @default 'https' */
    protocol?: 'https' | 'http';
    /** Port for requests. @default 443 */
    port?: number;
  };
}

const LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;
const logActionsCheck: Check = (v) => {
  if (v === false) return undefined;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'false or an object';
  const o = v as Record<string, unknown>;
  for (const k of ['actionOnly', 'collapsed', 'diff', 'exposePayloads']) {
    if (o[k] !== undefined && typeof o[k] !== 'boolean') return `an object whose "${k}" is a boolean`;
  }
  if (o.handler !== undefined && typeof o.handler !== 'function') return 'an object whose "handler" is a function';
  if (o.level !== undefined && is.oneOf(LEVELS, { caseInsensitive: true })(o.level)) return `an object whose "level" is a log level`;
  return undefined;
};

/** Defaults of `config.logs`. @public */
export const logsConfigDefaults = {
  /** `'debug'`. */
  logLevel: 'debug',
  /** `false`: no action logs. */
  logActions: false,
} satisfies LogsConfig;

/** @internal */
export const logsSection: ConfigSection<LogsConfig> = {
  name: 'logs',
  defaults: logsConfigDefaults,
  schema: {
    logLevel: is.oneOf(LEVELS, { caseInsensitive: true }),
    handler: is.function(),
    logActions: logActionsCheck,
    // compatibility keys of 001/002 (the logger applies them: flattened values, call debug logs, console groups)
    flatten: is.boolean(),
    enableFcsLogs: is.boolean(),
    enableGrouping: is.boolean(),
  },
  // the 001/002 default (seed 001 `logs.enableGrouping`); their logActions defaults are the logger's
  legacyDefaults: { enableGrouping: true },
};

/** Defaults of `config.authentication`. @public */
export const authenticationConfigDefaults = {
  /** No `base` (it is required). */
  server: {
    /** `'https'`. */
    protocol: 'https',
    /** `443`. */
    port: 443,
  },
} satisfies AuthenticationConfig;

/** @internal */
export const authenticationSection: ConfigSection<AuthenticationConfig> = {
  name: 'authentication',
  defaults: authenticationConfigDefaults,
  schema: {
    server: {
      base: is.string({ nonEmpty: true }),
      protocol: is.oneOf(['https', 'http']),
      port: is.number({ min: 1, max: 65535, integer: true }),
    },
  },
};

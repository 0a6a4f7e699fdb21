/**
 * The SDK logger (seed 000 `logger` namespace): levels, {@link LogEntry}, {@link LogHandler}, a
 * default console handler, named loggers per target, and action logs. Secrets are masked in
 * every entry unless `logs.logActions.exposePayloads` explicitly allows them.
 */

/**
 * Possible levels for the SDK logger; 'debug' is the lowest and 'silent' the highest.
 * @public
 */
export const levels = Object.freeze({
  /** Nothing will be logged. */
  SILENT: 'silent',
  /** Unhandled error information. */
  ERROR: 'error',
  /** Recoverable problems the application should handle (e.g. invalid configuration). */
  WARN: 'warn',
  /** A high-level account of what the SDK does and why. */
  INFO: 'info',
  /** Detailed operation data for debugging. */
  DEBUG: 'debug',
} as const);

/** A log level value. @public */
export type LogLevel = (typeof levels)[keyof typeof levels];

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

/** Logger methods; the timer methods are logged at debug level. @public */
export type LogMethod = 'debug' | 'info' | 'warn' | 'error' | 'time' | 'timeLog' | 'timeEnd';

/** The subject a log is about. @public */
export interface LogTarget {
  /** The type of the target; also part of the logger's name. */
  type: string;
  /** A unique identifier for the target. */
  id?: string;
  /** The type and id combined; the type alone when there is no id. */
  name: string;
}

/** The data compiled for every log. @public */
export interface LogEntry {
  /** When the log was created, in ms since the UNIX epoch. */
  timestamp: number;
  /** The log function used to create the log. */
  method: LogMethod;
  /** The severity level of the log. */
  level: LogLevel;
  /** The subject of the log. */
  target: LogTarget;
  /** The logged information, as given to the logger method. */
  messages: unknown[];
  /** Timing data, for timer methods. */
  timer?: {
    /** The timer's label. */
    label: string;
    /** When the timer started (ms since the epoch, `Date.now()`). */
    startTime: number;
    /** When this entry was logged (same clock). */
    currentTime: number;
    /** `currentTime - startTime`, in ms. */
    duration: number;
  };
}

/** A function that consumes log entries. @public */
export type LogHandler = (entry: LogEntry) => void;

/** Options for action logs (`logs.logActions`). @public */
export interface LogActionsOptions {
  /** Handler for action log entries. @default the console handler */
  handler?: LogHandler;
  /** Only output the action itself, without SDK context. @default false (`true` under a `compatibility` profile, 001/002) */
  actionOnly?: boolean;
  /** Print action logs collapsed. @default false */
  collapsed?: boolean;
  /** Include a diff of the context the action changed. @default false */
  diff?: boolean;
  /** Level of the action logs. @default 'debug' */
  level?: LogLevel;
  /** Allow payloads, which may be sensitive, in the logs. @default true (`false` under a `compatibility` profile, 001/002) */
  exposePayloads?: boolean;
}

/** The SDK context around an action, for action logs. @public */
export interface ActionContext {
  /** The context before the action (used by `logActions.diff`). */
  before?: unknown;
  /** The context after the action. */
  after: unknown;
}

/** `config.logs`. @public */
export interface LogsConfig {
  /** Log level. Case-insensitive. @default 'debug' */
  logLevel?: LogLevel | Uppercase<LogLevel>;
  /** The function that receives log entries. @default the console handler */
  handler?: LogHandler;
  /** Action-log options, or false to turn action logs off. @default false */
  logActions?: false | LogActionsOptions;
  /** (001/002) Output every logged value as a plain string. @default false */
  flatten?: boolean;
  /** (001/002) Group the lines of an action log in the console (default handler only). @default false (`true` under a `compatibility` profile) */
  enableGrouping?: boolean;
  /** (001/002) When false, the detailed call logs (debug level, target `call`) are dropped. @default true */
  enableFcsLogs?: boolean;
}

/**
 * The default handler: a thin console wrapper with the prefix `timestamp - target.type - level`.
 * @public
 */
export const defaultLogHandler: LogHandler = (entry) => {
  const { timestamp, level, target } = entry;
  const method = entry.method === 'time' || entry.method === 'timeLog' || entry.method === 'timeEnd' ? 'debug' : entry.method;
  const [first, ...extra] = entry.messages;
  // eslint-disable-next-line no-console -- the default handler is the console by definition
  console[method](`${timestamp} - ${target.type} - ${level} - ${String(first)}`, ...extra);
};

/** Keys whose values are credentials or tokens; masked unless payloads may be exposed. */
const SECRET_KEY = /pass(word)?|token|secret|authorization|^x-token$|^x-session$|hmac|credential/i;
const MASK = '[REDACTED]';

/** Deep-copies `value` with secret-looking keys masked. @internal */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEY.test(k) && v != null && v !== '' ? MASK : redact(v, depth + 1);
  }
  return out;
}

/** JSON text of `value`, or `String(value)` when it cannot be serialised. */
function flat(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Masks `token=…`/`access_token=…` query parameters and auth headers inside strings. @internal */
export function redactText(text: string): string {
  return text
    .replace(/([?&](?:access_)?token=)[^&\s]+/gi, `$1${MASK}`)
    .replace(/(Basic|Bearer)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${MASK}`);
}

/**
 * A named logger. Created per target by {@link LogManager.create}.
 * @public
 */
export interface Logger {
  /** Logs `messages` at the `debug` level. */
  debug(...messages: unknown[]): void;
  /** Logs `messages` at the `info` level. */
  info(...messages: unknown[]): void;
  /** Logs `messages` at the `warn` level. */
  warn(...messages: unknown[]): void;
  /** Logs `messages` at the `error` level. */
  error(...messages: unknown[]): void;
  /** Starts a timer. */
  time(label: string): void;
  /** Logs the elapsed time of a timer. */
  timeLog(label: string, ...messages: unknown[]): void;
  /** Logs and stops a timer. */
  timeEnd(label: string, ...messages: unknown[]): void;
  /**
   * Logs an action (an SDK operation or state change) to the action-log handler. `context` is only
   * called when action logs are on: it returns the SDK context after the action (and before it,
   * for `logActions.diff`).
   */
  action(type: string, payload?: unknown, context?: () => ActionContext): void;
}

/**
 * Creates named loggers that read the current `logs` config on every call, so `updateConfig`
 * takes effect immediately.
 * @public
 */
export class LogManager {
  /**
   * @param getConfig the current `logs` section
   * @param legacy whether the client has a compatibility profile: action logs then default to
   *   `actionOnly: true` and `exposePayloads: false` (001/002)
   */
  constructor(
    private readonly getConfig: () => LogsConfig,
    private readonly legacy: () => boolean = () => false,
  ) {}

  /** Creates a logger for a target (`type`, optional `id`). */
  create(type: string, id?: string): Logger {
    const target: LogTarget = Object.freeze({ type, id, name: id ? `${type}/${id}` : type });
    const timers = new Map<string, number>();
    const write = (method: LogMethod, level: LogLevel, messages: unknown[], timer?: LogEntry['timer']) =>
      this.write({ timestamp: Date.now(), method, level, target, messages, timer });
    const timer = (label: string, end: boolean): LogEntry['timer'] | undefined => {
      const start = timers.get(label);
      if (start === undefined) return undefined;
      if (end) timers.delete(label);
      const now = Date.now();
      return { label, startTime: start, currentTime: now, duration: now - start };
    };
    /** The method of a level, which writes at that level. */
    const at =
      (level: 'debug' | 'info' | 'warn' | 'error') =>
      (...m: unknown[]) =>
        write(level, level, m);
    return {
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      time: (label) => {
        timers.set(label, Date.now());
      },
      timeLog: (label, ...m) => write('timeLog', 'debug', [label, ...m], timer(label, false)),
      timeEnd: (label, ...m) => write('timeEnd', 'debug', [label, ...m], timer(label, true)),
      action: (actionType, payload, context) => this.writeAction(target, actionType, payload, context),
    };
  }

  /** The current level, normalised to lower case. */
  level(): LogLevel {
    const raw = String(this.getConfig().logLevel ?? 'debug').toLowerCase();
    return raw in RANK ? (raw as LogLevel) : 'debug';
  }

  private exposesPayloads(): boolean {
    const actions = this.getConfig().logActions;
    return typeof actions === 'object' && actions !== null && actions.exposePayloads === true;
  }

  private write(entry: LogEntry): void {
    const config = this.getConfig();
    if (RANK[entry.level] < RANK[this.level()] || (config.enableFcsLogs === false && entry.level === 'debug' && entry.target.type === 'call')) return;
    if (!this.exposesPayloads()) {
      entry.messages = entry.messages.map((m) => (typeof m === 'string' ? redactText(m) : redact(m)));
    }
    const handler = config.handler ?? defaultLogHandler;
    try {
      // NOTE: inside the try: a circular or BigInt value must not throw into the SDK; String() is the fallback.
      if (config.flatten) entry.messages = entry.messages.map((m) => (typeof m === 'string' ? m : m instanceof Error ? String(m) : flat(m)));
      handler(entry);
    } catch {
      // NOTE: a broken app log handler must not break the SDK; there is nowhere left to report it.
    }
  }

  private writeAction(target: LogTarget, type: string, payload: unknown, context?: () => ActionContext): void {
    const options = this.getConfig().logActions;
    if (!options) return;
    const raw = String(options.level ?? 'debug').toLowerCase() as LogLevel;
    const level = raw in RANK && raw !== 'silent' ? raw : 'debug';
    if (RANK[level] < RANK[this.level()]) return;
    const legacy = this.legacy();
    const expose = options.exposePayloads ?? !legacy;
    const messages: unknown[] = [`action ${type}`, { type, payload: expose ? payload : '[payload hidden]' }];
    const c = (options.actionOnly ?? legacy) ? undefined : context?.();
    if (c) {
      messages.push({ context: expose ? c.after : redact(c.after) });
      if (options.diff && isPlainObject(Object(c.before)) && isPlainObject(Object(c.after))) {
        const before = c.before as Record<string, unknown>;
        const after = c.after as Record<string, unknown>;
        const diff: Record<string, [unknown, unknown]> = {};
        for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
          if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) diff[k] = [before[k], after[k]];
        }
        messages.push({ diff: expose ? diff : redact(diff) });
      }
    }
    const entry: LogEntry = { timestamp: Date.now(), method: level, level, target, messages };
    const grouped = !options.handler && (options.collapsed || this.getConfig().enableGrouping);
    try {
      if (grouped) {
        // eslint-disable-next-line no-console -- grouping is a console feature of the default handler
        console[options.collapsed ? 'groupCollapsed' : 'group'](`${entry.timestamp} - ${target.type} - ${type}`);
        defaultLogHandler(entry);
        // eslint-disable-next-line no-console -- see above
        console.groupEnd();
      } else (options.handler ?? defaultLogHandler)(entry);
    } catch {
      // see write()
    }
  }

}

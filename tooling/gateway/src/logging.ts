/**
 * The gateway's logger: one pino logger (Fastify's `loggerInstance`) with `redact` paths for
 * credential headers and fields, whose records reach {@link GatewayOptions.logger} as text lines
 * (`debug: ` prefix for low-importance ones) or as JSON lines. Every line also passes through
 * {@link redact}, the single definition of what is secret, so URLs (`?token=…`) and messages are
 * covered as well as structured fields.
 */
import { pino, type Logger } from 'pino';
import { REDACTED, SECRET_FIELDS, SECRET_HEADERS, redact } from './redact';
import type { GatewayOptions } from './types';

/** pino's numeric level of `debug`. */
const DEBUG_LEVEL = 20;

/** Redact paths of the structured records (headers of requests and responses, secret fields). */
export const REDACT_PATHS: readonly string[] = [
  ...SECRET_HEADERS.flatMap((h) => [`req.headers["${h}"]`, `res.headers["${h}"]`, `headers["${h}"]`]),
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`]),
];

/** The logger of one gateway and the line-oriented `log()` the rest of the gateway uses. */
export interface Logging {
  pino: Logger;
  /** Logs one line; a `debug: ` prefix makes it a debug record, a `BUG` prefix an error record. */
  log(line: string): void;
}

function textOf(record: Record<string, unknown>): string {
  const err = record.err as { message?: string } | undefined;
  const msg = `${String(record.msg ?? '')}${err?.message ? ` (${err.message})` : ''}`;
  return (record.level as number) <= DEBUG_LEVEL ? `debug: ${msg}` : msg;
}

/**
 * Creates the logging of a gateway for `options.logger` / `options.logFormat` (silent without a
 * logger); `secrets` are configured secret values (the TURN shared secret) no line may carry.
 */
export function createLogging(options: Pick<GatewayOptions, 'logger' | 'logFormat'>, secrets: readonly string[] = []): Logging {
  const sink = options.logger;
  const json = options.logFormat === 'json';
  const destination = {
    write(chunk: string): void {
      if (!sink) return;
      try {
        const line = chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk;
        sink(redact(json ? line : textOf(JSON.parse(line) as Record<string, unknown>), secrets));
      } catch {
        /* a failing logger never breaks the gateway */
      }
    },
  };
  const logger = pino(
    {
      level: sink ? 'debug' : 'silent',
      base: null,
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    },
    destination,
  );
  return {
    pino: logger,
    log: (line) => {
      if (!sink) return;
      if (line.startsWith('debug: ')) logger.debug(line.slice('debug: '.length));
      else if (line.startsWith('BUG')) logger.error(line);
      else logger.info(line);
    },
  };
}

/**
 * Command line: `switchboard-gateway [--port 8080] [--https-port 8443] [--host 127.0.0.1]
 * [--data DIR] [--users FILE] [--tls-cert FILE --tls-key FILE | --no-tls] [--static DIR]
 * [--log-format text|json] [--turn-url URL]... [--turn-secret SECRET] [--turn-ttl SECONDS] [--max-subscriptions-per-user N]
 * [--max-message-bytes N] [--max-stored-messages-per-user N] [--message-rate N] [--message-rate-window-ms MS]
 * [--max-group-participants N] [--max-groups-per-user N] [--max-contacts-per-user N] [--max-watches-per-subscription N] [--presence-notification-rate N]
 * [--max-file-bytes N] [--max-file-bytes-per-user N] [--max-sip-event-subscriptions-per-user N]
 * [--test-endpoints] [--quiet]`. Serves http + ws on `--port` and https + wss on `--https-port`; without
 * `--tls-cert/--tls-key` the certificate is a self-signed one kept in `DIR/tls/` (created once;
 * `--data :memory:` keeps it in memory). `--https-port` defaults to 8443, or to an ephemeral port
 * beside `--port 0`. Once listening it prints the http line, the https line and which URL another machine or a Link
 * 5.x client must use (this machine's browsers may use the http one with the Switchboard SDK); logs go to stderr.
 * The environment variable `SB_GATEWAY_ADMIN_TOKEN` enables the `/admin/` endpoints (README "Admin endpoints").
 */
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { IN_MEMORY, ensureCertificate } from './certificate';
import { startGateway } from './index';
import type { Gateway, GatewayOptions } from './types';

const USAGE =
  'usage: gateway [--port N] [--https-port N] [--host H] [--data DIR] [--users FILE] [--tls-cert FILE --tls-key FILE | --no-tls] ' +
  '[--static DIR] [--log-format text|json] [--turn-url URL]... [--turn-secret SECRET] [--turn-ttl SECONDS] [--max-subscriptions-per-user N] ' +
  '[--max-message-bytes N] [--max-stored-messages-per-user N] [--message-rate N] [--message-rate-window-ms MS] ' +
  '[--max-group-participants N] [--max-groups-per-user N] [--max-contacts-per-user N] [--max-watches-per-subscription N] [--presence-notification-rate N] ' +
  '[--max-file-bytes N] [--max-file-bytes-per-user N] [--max-sip-event-subscriptions-per-user N] [--test-endpoints] [--quiet]';

/** Flags taking a positive whole number, and the option each sets (README "Messaging", "SIP events"). */
const COUNT_FLAGS = {
  '--max-message-bytes': 'maxMessageBytes',
  '--max-stored-messages-per-user': 'maxStoredMessagesPerUser',
  '--message-rate': 'messageRateLimit',
  '--message-rate-window-ms': 'messageRateWindowMs',
  '--max-group-participants': 'maxGroupParticipants',
  '--max-groups-per-user': 'maxGroupsPerUser',
  '--max-contacts-per-user': 'maxContactsPerUser',
  '--max-watches-per-subscription': 'maxWatchesPerSubscription',
  '--presence-notification-rate': 'presenceNotificationRate',
  '--max-file-bytes': 'maxFileBytes',
  '--max-file-bytes-per-user': 'maxFileBytesPerUser',
  '--max-sip-event-subscriptions-per-user': 'maxSipEventSubscriptionsPerUser',
} as const satisfies Record<string, keyof GatewayOptions>;

/** The data directory when `--data` is not given (relative to the working directory). */
export const DEFAULT_DATA_DIR = '.gateway-data';

/** What the command line asks for. */
export type CliOptions = GatewayOptions & { quiet?: boolean; dataDir: string; autoTls: boolean };

/** Parses the command line into gateway options. */
export function parseArgs(argv: readonly string[]): CliOptions {
  // NOTE: the unauthenticated /__test__ hooks (token minting, socket drops…) are opt-in on the CLI.
  const options: CliOptions = { port: 8080, testEndpoints: false, dataDir: DEFAULT_DATA_DIR, autoTls: true };
  let cert: string | undefined;
  let key: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    if (flag === '--port') options.port = Number(value());
    else if (flag === '--https-port') options.httpsPort = Number(value());
    else if (flag === '--host') options.host = value();
    else if (flag === '--data') options.dataDir = value();
    else if (flag === '--users') options.users = value();
    else if (flag === '--tls-cert') cert = value();
    else if (flag === '--tls-key') key = value();
    else if (flag === '--no-tls') options.autoTls = false;
    else if (flag === '--static') options.staticDir = value();
    else if (flag === '--log-format') options.logFormat = value() as 'text' | 'json';
    else if (flag === '--turn-url') options.turnUrls = [...(options.turnUrls ?? []), value()];
    else if (flag === '--turn-secret') options.turnSecret = value();
    else if (flag === '--turn-ttl') options.turnCredentialTtlSeconds = Number(value());
    else if (flag === '--max-subscriptions-per-user') options.maxSubscriptionsPerUser = Number(value());
    else if (flag in COUNT_FLAGS) {
      const n = Number(value());
      if (!(Number.isInteger(n) && n > 0)) throw new Error(`invalid ${flag} (a positive whole number)\n${USAGE}`);
      options[COUNT_FLAGS[flag as keyof typeof COUNT_FLAGS]] = n;
    } else if (flag === '--quiet') options.quiet = true;
    else if (flag === '--test-endpoints') options.testEndpoints = true;
    else throw new Error(`unknown argument ${flag}\n${USAGE}`);
  }
  // https defaults to 8443 beside the default http port, and to an ephemeral port beside `--port 0`.
  options.httpsPort ??= options.port === 0 ? 0 : 8443;
  for (const [name, port] of [['--port', options.port], ['--https-port', options.httpsPort]] as const) {
    if (!Number.isInteger(port) || (port as number) < 0 || (port as number) > 65535) throw new Error(`invalid ${name}\n${USAGE}`);
  }
  if (options.logFormat !== undefined && options.logFormat !== 'text' && options.logFormat !== 'json') throw new Error(`invalid --log-format\n${USAGE}`);
  const ttl = options.turnCredentialTtlSeconds;
  if (ttl !== undefined && !(Number.isInteger(ttl) && ttl > 0)) throw new Error(`invalid --turn-ttl (a positive whole number of seconds)\n${USAGE}`);
  const maxSubs = options.maxSubscriptionsPerUser;
  if (maxSubs !== undefined && !(Number.isInteger(maxSubs) && maxSubs > 0)) throw new Error(`invalid --max-subscriptions-per-user (a positive whole number)\n${USAGE}`);
  if (!!cert !== !!key) throw new Error(`--tls-cert and --tls-key go together\n${USAGE}`);
  if (cert && key) {
    options.tls = { cert, key };
    options.autoTls = false;
  }
  return options;
}

/** An address of this host that another machine can reach (the first external IPv4), if any. */
function externalAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) if (info.family === 'IPv4' && !info.internal) return info.address;
  }
  return undefined;
}

/** The lines the CLI prints once listening. */
export function listeningLines(gateway: Gateway, certificate: string | undefined, turnUrls: readonly string[] = []): string[] {
  const lines = [`Switchboard gateway listening on ${gateway.url}`];
  const turn = turnUrls.length ? [`TURN credentials (shared secret) for ${turnUrls.join(', ')}: configure these URLs in call.defaultPeerConfig.iceServers`] : [];
  if (!gateway.httpsUrl) return [...lines, ...turn];
  lines.push(`Switchboard gateway listening on ${gateway.httpsUrl}`);
  const wildcard = gateway.host === '0.0.0.0' || gateway.host === '::' || gateway.host === '';
  const external = wildcard ? externalAddress() : undefined;
  const https = external ? `https://${external}:${gateway.httpsPort}` : gateway.httpsUrl;
  const loopback = /^(127\.|::1$|localhost$)/.test(gateway.host);
  lines.push(
    `Other machines and Kandy Link 5.x clients must use ${https} (notifications on ${https.replace(/^https/, 'wss')}):` +
      ' browsers give the microphone and camera only to secure pages, and the Link 5.x client always builds wss:// URLs;' +
      ` on this machine the Switchboard SDK and the demo also work over ${gateway.url} (ws)` +
      (loopback ? '; this host only listens on its loopback address: start with --host 0.0.0.0 to be reachable from another machine' : '') +
      (certificate ? `; the certificate is self-signed: trust ${certificate} or accept it once in the browser` : ''),
  );
  return [...lines, ...turn];
}

async function main(): Promise<void> {
  const { quiet, dataDir, autoTls, ...options } = parseArgs(process.argv.slice(2));
  if (!quiet) options.logger = (line) => process.stderr.write(options.logFormat === 'json' ? `${line}\n` : `${new Date().toISOString()} ${line}\n`);
  let certificate: string | undefined;
  if (autoTls) {
    const own = await ensureCertificate(dataDir === IN_MEMORY ? IN_MEMORY : resolve(dataDir));
    options.tls = { cert: own.cert, key: own.key };
    certificate = own.certPath;
    if (own.created && own.certPath) process.stderr.write(`created a self-signed certificate: ${own.certPath}\n`);
  }
  // The admin token comes from the environment, never argv (which `ps` shows).
  const adminToken = process.env.SB_GATEWAY_ADMIN_TOKEN;
  if (adminToken) options.adminToken = adminToken;
  const gateway = await startGateway({ ...options, data: dataDir === IN_MEMORY ? IN_MEMORY : resolve(dataDir) });
  process.stdout.write(`${listeningLines(gateway, certificate, options.turnUrls).join('\n')}\n`);
  const stop = () => {
    void gateway.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

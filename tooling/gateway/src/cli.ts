/**
 * Command line: `switchboard-gateway [--port 8080] [--host 127.0.0.1] [--users FILE]
 * [--tls-cert FILE --tls-key FILE] [--static DIR] [--data DIR]`. Prints one line
 * `Switchboard gateway listening on <url>` once listening; logs go to stderr.
 */
import { startGateway } from './index';
import type { GatewayOptions } from './types';

const USAGE = 'usage: gateway [--port N] [--host H] [--users FILE] [--tls-cert FILE --tls-key FILE] [--static DIR] [--data DIR|:memory:] [--test-endpoints] [--quiet]';

/** Where the CLI keeps its state unless `--data` says otherwise (relative to the working directory). */
export const DEFAULT_DATA_DIR = './.gateway-data';

/** Parses the command line into gateway options. */
export function parseArgs(argv: readonly string[]): GatewayOptions & { quiet?: boolean } {
  // NOTE: the unauthenticated /__test__ hooks (token minting, socket drops…) are opt-in on the CLI.
  const options: GatewayOptions & { quiet?: boolean } = { port: 8080, testEndpoints: false, data: DEFAULT_DATA_DIR };
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
    else if (flag === '--host') options.host = value();
    else if (flag === '--users') options.users = value();
    else if (flag === '--tls-cert') cert = value();
    else if (flag === '--tls-key') key = value();
    else if (flag === '--static') options.staticDir = value();
    else if (flag === '--data') options.data = value();
    else if (flag === '--quiet') options.quiet = true;
    else if (flag === '--test-endpoints') options.testEndpoints = true;
    else throw new Error(`unknown argument ${flag}\n${USAGE}`);
  }
  if (!Number.isInteger(options.port) || (options.port as number) < 0) throw new Error(`invalid --port\n${USAGE}`);
  if (!!cert !== !!key) throw new Error(`--tls-cert and --tls-key go together\n${USAGE}`);
  if (cert && key) options.tls = { cert, key };
  return options;
}

async function main(): Promise<void> {
  const { quiet, ...options } = parseArgs(process.argv.slice(2));
  if (!quiet) options.logger = (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  const gateway = await startGateway(options);
  process.stdout.write(`Switchboard gateway listening on ${gateway.url}\n`);
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

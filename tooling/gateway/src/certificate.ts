/**
 * The CLI's TLS material when none is given: a self-signed certificate (EC P-256, SHA-256, valid
 * for 825 days) for `localhost`, `127.0.0.1`, `::1`, the host name and every address of this
 * host, created once with `selfsigned` in `<dataDir>/tls/` (`cert.pem`, `key.pem`, mode 0600) and
 * reused on the next start. The data directory `:memory:` (tests) keeps it in memory only.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import type { TlsOptions } from './types';

/** Where the certificate of a data directory is kept. */
export function certificatePaths(dataDir: string): { dir: string; cert: string; key: string } {
  const dir = join(dataDir, 'tls');
  return { dir, cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') };
}

/** The names and addresses the certificate is valid for. */
export function certificateNames(): { dns: string[]; ips: string[] } {
  const ips = new Set(['127.0.0.1', '::1']);
  for (const list of Object.values(networkInterfaces())) for (const info of list ?? []) ips.add(info.address.split('%')[0]);
  const dns = new Set(['localhost', hostname()].filter(Boolean));
  return { dns: [...dns], ips: [...ips] };
}

/** The data directory that keeps nothing on disk. */
export const IN_MEMORY = ':memory:';

/**
 * The PEM certificate and key of `dataDir`, created (and `created: true`) when they do not exist
 * yet; `certPath` is where the certificate is kept (undefined for {@link IN_MEMORY}).
 */
export async function ensureCertificate(dataDir: string): Promise<TlsOptions & { created: boolean; certPath?: string }> {
  const paths = certificatePaths(dataDir);
  if (dataDir !== IN_MEMORY && existsSync(paths.cert) && existsSync(paths.key)) {
    return { cert: readFileSync(paths.cert, 'utf8'), key: readFileSync(paths.key, 'utf8'), created: false, certPath: paths.cert };
  }
  const { dns, ips } = certificateNames();
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await generate([{ name: 'commonName', value: 'Switchboard gateway (self-signed)' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 825 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...dns.map((value) => ({ type: 2 as const, value })), ...ips.map((ip) => ({ type: 7 as const, ip }))] },
    ],
  });
  if (dataDir === IN_MEMORY) return { cert: pems.cert, key: pems.private, created: true };
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  writeFileSync(paths.key, pems.private, { mode: 0o600 });
  writeFileSync(paths.cert, pems.cert, { mode: 0o600 });
  chmodSync(paths.key, 0o600);
  chmodSync(paths.cert, 0o600);
  return { cert: pems.cert, key: pems.private, created: true, certPath: paths.cert };
}

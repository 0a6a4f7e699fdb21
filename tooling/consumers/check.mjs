#!/usr/bin/env node
/**
 * The consumer check (issue 6 point 7): packs every public package, installs the tarballs into a
 * fresh consumer project and checks that real consumers can use them (Vite and webpack builds,
 * strict tsc without skipLibCheck in three resolution modes, typed config, Node import/require
 * without a DOM, ESM + CJS copies together, tarball contents). Prints one line per check; exits 1
 * when one fails.
 *
 *   node tooling/consumers/check.mjs            # prepare (build, pack, npm install; needs the network), then check
 *   node tooling/consumers/check.mjs --offline  # check the project the last prepare.mjs left (no network)
 *   node tooling/consumers/check.mjs --offline --only <n>   # one check (index in --list)
 *   node tooling/consumers/check.mjs --list     # the checks, as JSON
 */
import { CHECKS } from './checks.mjs';
import { prepare, readManifest } from './prepare.mjs';

const argv = process.argv.slice(2);
if (argv.includes('--list')) {
  console.log(JSON.stringify(CHECKS.map(({ name }) => ({ name }))));
  process.exit(0);
}
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? Number(argv[onlyAt + 1]) : undefined;

let manifest;
try {
  manifest = argv.includes('--offline') ? readManifest() : prepare();
} catch (error) {
  console.error(`✖ preparation: ${error.message}`);
  process.exit(1);
}

let failed = 0;
for (const [index, check] of CHECKS.entries()) {
  if (only !== undefined && index !== only) continue;
  const t0 = Date.now();
  try {
    const summary = check.run(manifest);
    console.log(`✔ ${check.name} (${((Date.now() - t0) / 1000).toFixed(1)} s): ${summary}`);
  } catch (error) {
    failed++;
    console.log(`✖ ${check.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n${String(error.message).replace(/^/gm, '    ')}`);
  }
}
if (only === undefined) console.log(`\nconsumer checks: ${failed ? `${failed} FAILED` : 'all passed'}`);
process.exit(failed ? 1 : 0);

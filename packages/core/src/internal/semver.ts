/**
 * A minimal semver range check for plugin `sdkRange` values: `*`, `x` wildcards, exact and partial
 * versions, `^`, `~`, comparators (`>=`, `>`, `<=`, `<`, `=`), space-separated AND sets and `||`
 * unions. Pre-release tags are ignored; each version part must be below 1000. Kept tiny on purpose
 * (the `semver` package is ~7 KB).
 */

/** `1.2.x` → [1, 2, -1] (-1 = wildcard or missing), or undefined. */
const parts = (v: string): number[] | undefined => {
  const m = /^v?(\d+|[x*])(?:\.(\d+|[x*]))?(?:\.(\d+|[x*]))?(?:[-+].*)?$/i.exec(v);
  return m ? [m[1], m[2], m[3]].map((x) => (x === undefined || isNaN(+x) ? -1 : +x)) : undefined;
};

/** A version as one comparable number (wildcards count as 0). */
const value = (p: number[]) => p.reduce((n, x) => n * 1000 + Math.max(x, 0), 0);

function matchOne(v: number, comparator: string): boolean {
  const [, op = '', rest = ''] = /^(\^|~|[<>]=?|=)?(.*)$/.exec(comparator)!;
  const t = parts(rest);
  if (!t) return false;
  const wild = t.indexOf(-1);
  if (wild === 0) return true;
  const d = v - value(t);
  if (/[<>]/.test(op)) return op === '>=' ? d >= 0 : op === '>' ? d > 0 : op === '<=' ? d <= 0 : d < 0;
  // the part an upper bound bumps: ^ the first non-zero, ~ the minor, a wildcard the part before it
  const i = op === '^' ? t.findIndex((x, j) => x > 0 || j === 2 || t[j + 1]! < 0) : op === '~' ? (wild === 1 ? 0 : 1) : wild < 0 ? 3 : wild - 1;
  return i > 2 ? d === 0 : d >= 0 && v < value(t.map((x, j) => (j < i ? x : j === i ? x + 1 : 0)));
}

/** Whether `version` satisfies `range`. An unparsable version or range never matches. @internal */
export function satisfies(version: string, range: string): boolean {
  const v = parts(version);
  return !!v && !v.includes(-1) &&
    range.split('||').some((set) => set.trim().replace(/([<>=^~]+)\s+/g, '$1').split(/\s+/).filter(Boolean).every((c) => matchOne(value(v), c)));
}

/**
 * A minimal semver range check for plugin `sdkRange` values: `*`, `x` wildcards, exact versions,
 * `^`, `~`, comparators (`>=`, `>`, `<=`, `<`, `=`), space-separated AND sets and `||` unions.
 * Pre-release tags are ignored. Kept tiny on purpose (the `semver` package is ~7 KB).
 */
const parse = (v: string): number[] | undefined => {
  const m = /^v?(\d+|[x*])(?:\.(\d+|[x*]))?(?:\.(\d+|[x*]))?(?:[-+].*)?$/i.exec(v);
  return m ? [1, 2, 3].map((i) => (m[i] === undefined || isNaN(+m[i]!) ? -1 : +m[i]!)) : undefined;
};

/** Compares a and b, wildcards (-1) in b counting as 0. */
const cmp = (a: number[], b: number[]) => {
  for (let i = 0; i < 3; i++) if (a[i] !== Math.max(b[i]!, 0)) return a[i]! - Math.max(b[i]!, 0);
  return 0;
};

/** Exclusive upper bound of `^t`, `~t` or a wildcard/exact `t`. */
function upper(t: number[], op: string): number[] {
  // index of the part that is bumped
  let i = op === '^' ? t.findIndex((x, k) => x !== 0 || k === 2) : op === '~' ? (t[1]! < 0 ? 0 : 1) : t.indexOf(-1) - 1;
  if (op === '^' && t[i]! < 0) i--;
  if (i < 0) i = op ? 0 : 2;
  return t.map((x, k) => (k < i ? x : k === i ? Math.max(x, 0) + 1 : 0));
}

function matchOne(v: number[], comparator: string): boolean {
  const [, op = '', rest = ''] = /^(\^|~|[<>]=?|=)?(.*)$/.exec(comparator)!;
  const t = parse(rest);
  if (!t) return false;
  if (t[0]! < 0) return true;
  const c = cmp(v, t);
  if (op === '>=') return c >= 0;
  if (op === '>') return c > 0;
  if (op === '<=') return c <= 0;
  if (op === '<') return c < 0;
  if (op === '^' || op === '~' || t.includes(-1)) return c >= 0 && cmp(v, upper(t, op === '=' ? '' : op)) < 0;
  return c === 0;
}

/** Whether `version` satisfies `range`. An unparsable version or range never matches. @internal */
export function satisfies(version: string, range: string): boolean {
  const v = parse(version);
  return !!v && !v.includes(-1) &&
    range.split('||').some((set) => set.trim().replace(/([<>=^~]+)\s+/g, '$1').split(/\s+/).filter(Boolean).every((c) => matchOne(v, c)));
}

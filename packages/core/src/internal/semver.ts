/**
 * A minimal semver range check for plugin `sdkRange` values: `*`, `x`, exact versions, `^`, `~`,
 * comparators (`>=`, `>`, `<=`, `<`, `=`), space-separated AND sets and `||` unions.
 * Pre-release tags are ignored. Kept tiny on purpose (the full `semver` package is ~7 KB).
 */
type Triple = [number, number, number];

function parse(v: string): Triple | undefined {
  const m = /^v?(\d+|x|\*)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?(?:[-+].*)?$/i.exec(v.trim());
  if (!m) return undefined;
  const n = (s: string | undefined) => (s === undefined || s === 'x' || s === 'X' || s === '*' ? -1 : Number(s));
  return [n(m[1]), n(m[2]), n(m[3])];
}

function cmp(a: Triple, b: Triple): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** Replaces wildcard parts by 0 (for lower bounds). */
const floor = (t: Triple): Triple => t.map((x) => (x < 0 ? 0 : x)) as Triple;

function upperOf(t: Triple, op: '^' | '~' | 'x'): Triple {
  const [maj, min, pat] = t;
  if (op === '^') {
    if (maj > 0 || min < 0) return [maj + 1, 0, 0];
    if (min > 0 || pat < 0) return [0, min + 1, 0];
    return [0, 0, pat + 1];
  }
  if (op === '~') return min < 0 ? [maj + 1, 0, 0] : [maj, min + 1, 0];
  // wildcard like 1.x or 1.2.x
  if (min < 0) return [maj + 1, 0, 0];
  if (pat < 0) return [maj, min + 1, 0];
  return [maj, min, pat + 1];
}

function matchOne(version: Triple, comparator: string): boolean {
  const m = /^(\^|~|>=|<=|>|<|=)?\s*(.+)$/.exec(comparator);
  if (!m) return false;
  const op = m[1] ?? '';
  const target = parse(m[2]!);
  if (!target) return false;
  if (target[0] < 0) return true;
  const low = floor(target);
  switch (op) {
    case '^':
    case '~':
      return cmp(version, low) >= 0 && cmp(version, upperOf(target, op)) < 0;
    case '>=':
      return cmp(version, low) >= 0;
    case '>':
      return cmp(version, low) > 0;
    case '<=':
      return cmp(version, low) <= 0;
    case '<':
      return cmp(version, low) < 0;
    default:
      return target.includes(-1) ? cmp(version, low) >= 0 && cmp(version, upperOf(target, 'x')) < 0 : cmp(version, low) === 0;
  }
}

/** Whether `version` satisfies `range`. An unparsable version or range never matches. @internal */
export function satisfies(version: string, range: string): boolean {
  const v = parse(version);
  if (!v || v.includes(-1)) return false;
  return range.split('||').some((set) => {
    const parts = set.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/).filter(Boolean);
    return parts.length === 0 ? true : parts.every((c) => matchOne(v, c));
  });
}

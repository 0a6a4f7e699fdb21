/**
 * The candidate most like `word` (case-insensitive): the longest shared beginning plus shared end,
 * which is what a typo (a dropped, doubled or swapped letter) leaves intact. Ties: the first. @internal
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = -1;
  const a = word.toLowerCase();
  for (const candidate of candidates) {
    const b = candidate.toLowerCase();
    let head = 0;
    let tail = 0;
    while (head < a.length && a[head] === b[head]) head++;
    while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
    if (head + tail > bestScore) [best, bestScore] = [candidate, head + tail];
  }
  return best;
}

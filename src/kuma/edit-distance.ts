// Levenshtein distance that gives up early: suggestions only care about small distances, and a
// linter runs this for every unknown name in a workspace.

// Two rows reused across calls: suggestion runs compare one name against every catalogue entry.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

function ensureRows(length: number): void {
  if (rowA.length >= length) return;
  rowA = new Int32Array(length * 2);
  rowB = new Int32Array(length * 2);
}

/**
 * The edit distance between `a` and `b` when it is at most `limit`, otherwise `limit + 1`.
 * Costs O(len · limit) instead of O(len²) by only filling the diagonal band that can stay under the limit.
 */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  // Within no edits: equal or not (secret-not-found's later candidates once a 1-edit match is found).
  if (limit <= 0) return a === b ? 0 : 1;
  // A common prefix and suffix cost no edit, so only what lies between is compared: a workspace's
  // Secret names share theirs ("general-tls-certs-12" beside "general-tls-certs-8").
  let start = 0;
  while (start < a.length && start < b.length && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  if (start > 0 || endA < a.length || endB < b.length) return bandedDistance(a.slice(start, endA), b.slice(start, endB), limit);
  return bandedDistance(a, b, limit);
}

function bandedDistance(a: string, b: string, limit: number): number {
  if (a.length === 0 || b.length === 0) return Math.min(a.length + b.length, limit + 1);
  const over = limit + 1;
  ensureRows(b.length + 1);
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= b.length; j++) previous[j] = j <= limit ? j : over;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    // Only the band is computed; its two neighbours are the only cells outside it that the next
    // row reads (filling the whole row made every comparison quadratic in the name's length).
    current[0] = i <= limit ? i : over;
    if (from > 1) current[from - 1] = over;
    if (to < b.length) current[to + 1] = over;
    let rowMinimum = current[0];
    for (let j = from; j <= to; j++) {
      const substitution = previous[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      const value = Math.min(substitution, previous[j] + 1, current[j - 1] + 1, over);
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return over;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length], over);
}

/** The candidate closest to `name` within `limit` edits; ties go to the earlier candidate. */
export function closestWithin(name: string, candidates: Iterable<string>, limit: number): string | undefined {
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = boundedEditDistance(name, candidate, bestDistance - 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      if (distance === 0) break;
    }
  }
  return best;
}

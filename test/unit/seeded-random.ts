// Reproducible randomness for the property tests: a seeded linear congruential generator (the
// same sequence on every run and machine, so a failure names its input), and random texts made
// of given pieces.

/** Numbers in [0, 1) from `seed`, the same sequence every time. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Up to `maxPieces` pieces drawn from `pieces`, joined. */
export function randomText(random: () => number, pieces: readonly string[], maxPieces: number): string {
  let text = '';
  const count = Math.floor(random() * maxPieces);
  for (let i = 0; i < count; i++) text += pieces[Math.floor(random() * pieces.length)];
  return text;
}

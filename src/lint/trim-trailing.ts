// Trimming a run of characters off the end of a text without a regex: V8 tries an end-anchored
// pattern such as /\/+$/ from every position of a long run that is not at the end, so a line of
// 100,000 slashes or spaces followed by one more character takes seconds.

/** `text` without the characters of `characters` at its end. */
export function trimTrailing(text: string, characters: string): string {
  let end = text.length;
  while (end > 0 && characters.includes(text[end - 1])) end--;
  return end === text.length ? text : text.slice(0, end);
}

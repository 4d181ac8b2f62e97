// Values a linter cannot know (lint-rules.md, general conventions): shell substitutions and
// template placeholders stand for text that only exists when the script runs or the page is
// rendered, so no rule may judge them as malformed.

/**
 * `{{ … }}` (Helm, Go templates, Jekyll), `{% … %}` (Liquid, Jinja) and `<your-namespace>`-style
 * blanks, also of a few words (`<base 64 encoded PEM>` in Cluster API's book): no base64, PEM,
 * name or address holds a `<`.
 */
const TEMPLATE_PLACEHOLDER = /\{\{|\{%|<[A-Za-z][\w.-]*(?: [\w.-]+){0,8}>/;

export function hasTemplatePlaceholder(value: string): boolean {
  return TEMPLATE_PLACEHOLDER.test(value);
}

/** `$(…)`, `${VAR}` or a template placeholder anywhere in the value. */
export function isUnknowable(value: string): boolean {
  return value.includes('$(') || value.includes('${') || hasTemplatePlaceholder(value);
}

/**
 * A value the author cut short in documentation: `...`, `…`, `"MIIEOzCCAyO..." # redacted`
 * (cert-manager's design docs, Kuma's Gateway API guide). Base64 and PEM never hold "...", so a
 * material value that does is an elision, not damaged material.
 */
export function isElided(value: string): boolean {
  return value.includes('...') || value.includes('…');
}

/** A material value no rule may judge: a template placeholder or an elision. */
export function isPlaceholderValue(value: string): boolean {
  return hasTemplatePlaceholder(value) || isElided(value);
}

// Values a linter cannot know (lint-rules.md, general conventions): shell substitutions and
// template placeholders stand for text that only exists when the script runs or the page is
// rendered, so no rule may judge them as malformed.

/** `{{ … }}` (Helm, Go templates, Jekyll), `{% … %}` (Liquid, Jinja) and `<your-namespace>`-style blanks. */
const TEMPLATE_PLACEHOLDER = /\{\{|\{%|<[A-Za-z][\w.-]*>/;

export function hasTemplatePlaceholder(value: string): boolean {
  return TEMPLATE_PLACEHOLDER.test(value);
}

/** `$(…)`, `${VAR}` or a template placeholder anywhere in the value. */
export function isUnknowable(value: string): boolean {
  return value.includes('$(') || value.includes('${') || hasTemplatePlaceholder(value);
}

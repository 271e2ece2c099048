/**
 * A tiny HTML templating layer: every interpolation is escaped unless it is already
 * {@link SafeHtml} (the output of `html` itself or of {@link raw}). Strings from sweep files and
 * the store therefore cannot inject markup by accident.
 */

/** Markup that is already safe to insert as is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Marks trusted markup (built by this package, never user text) as safe. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** A value `html` accepts: text (escaped), numbers, safe markup, lists of those; null/undefined/false render nothing. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Tagged template producing {@link SafeHtml}; interpolations are escaped by default. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Joins markup fragments. */
export function join(parts: readonly HtmlValue[], separator = ''): SafeHtml {
  return new SafeHtml(parts.map(render).join(separator));
}

/**
 * JSON safe inside a `<script>` element: `<`, `>`, `&` and U+2028/U+2029 become \u escapes,
 * so no `</script>` or `<!--` can end or confuse the element, and the text stays valid JS too.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A `<script type="application/json">` element holding `value`, read back with `JSON.parse(el.textContent)`. */
export function jsonScript(id: string, value: unknown): SafeHtml {
  return html`<script type="application/json" id="${id}">${raw(jsonForScript(value))}</script>`;
}

import { describe, expect, it } from 'vitest';
import { escapeHtml, html, jsonForScript, jsonScript, raw } from './html.ts';

describe('html escaping', () => {
  it('escapes text and attribute characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('escapes every interpolation of the template unless it is safe markup', () => {
    const value = '<script>alert(1)</script>';
    const out = html`<td title="${value}">${value}</td>${raw('<b>ok</b>')}${html`<i>${'<'}</i>`}`.value;
    expect(out).toBe('<td title="&lt;script&gt;alert(1)&lt;/script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</td><b>ok</b><i>&lt;</i>');
  });

  it('renders lists, numbers and empty values', () => {
    expect(html`${['<a>', 1, null, undefined, false, [2, '&']]}`.value).toBe('&lt;a&gt;12&amp;');
  });

  it('keeps JSON inside a script element from closing it, and still parses back', () => {
    const value = { s: '</script><!-- & \u2028 \u2029 >' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
    expect(jsonScript('d', value).value).toMatch(/^<script type="application\/json" id="d">[^<]*<\/script>$/);
  });
});

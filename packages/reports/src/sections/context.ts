import type { ChartRegistry } from '../charts.ts';
import { html } from '../html.ts';
import type { HtmlValue, SafeHtml } from '../html.ts';
import type { SweepData } from '../sweep-data.ts';

/** What every section renders from: the sweep's data and the page's chart registry. */
export interface SectionContext {
  data: SweepData;
  charts: ChartRegistry;
}

/** A rendered section with its anchor and title for the table of contents. */
export interface Section {
  id: string;
  title: string;
  html: SafeHtml;
}

/** Wraps a section's content under its heading. */
export function section(id: string, title: string, lead: HtmlValue, ...content: HtmlValue[]): Section {
  return { id, title, html: html`<section id="${id}"><h2>${title}</h2>${lead ? html`<p class="lead">${lead}</p>` : ''}${content}</section>` };
}

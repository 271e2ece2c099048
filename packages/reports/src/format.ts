/** A number for tables: integers as is, others to 4 significant digits, non-finite as a dash. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (Number.isInteger(value) && Math.abs(value) < 1e7) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

/** Mean ± std as text (std left out for a single value). */
export function formatMeanStd(mean: number, std: number, n: number): string {
  if (n === 0) return '–';
  return n === 1 ? formatNumber(mean) : `${formatNumber(mean)} ± ${formatNumber(std)}`;
}

/** A parameter value as short text: strings as is, everything else as compact JSON. */
export function formatParam(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A duration in milliseconds as `1h 02m`, `3m 05s` or `4.2s`. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(Math.round(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** A timestamp (ms since the epoch) as `YYYY-MM-DD HH:MM UTC`. */
export function formatTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** JSON indented by two spaces, with arrays and objects of plain values kept on one line when short, so that configs read at a glance. */
export function readableJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/([[{])\n\s*([^[\]{}]*?)\n\s*([\]}])/g, (whole, open: string, inner: string, close: string) => {
    const line = `${open}${open === '{' ? ' ' : ''}${inner.split(/,\n\s*/).join(', ')}${open === '{' ? ' ' : ''}${close}`;
    return line.length <= 80 ? line : whole;
  });
}

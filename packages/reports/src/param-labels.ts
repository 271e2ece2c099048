import { formatParam } from './format.ts';

/** A parameter value as the store holds it (JSON). */
type Value = unknown;

const isRecord = (v: Value): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const key = (v: Value): string => JSON.stringify(v ?? null);

/** A number or a list of numbers the way a researcher writes it: `0.5`, `100-50-25`. */
function compact(value: Value): string {
  if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return value.join('-');
  if (Array.isArray(value) && value.every((v) => isRecord(v) && typeof v.latentDim === 'number')) {
    return value.map((v) => (v as Record<string, number>).latentDim).join('-');
  }
  return formatParam(value);
}

/**
 * Short labels for the distinct values of one parameter, by their JSON text. Numbers and strings
 * stay as they are, number lists become `100-50`, and objects (a KL schedule, an architecture)
 * keep only what tells them apart: their `kind` when it differs between every value, plus the
 * fields whose values differ (`linear steps=500`). A clipped JSON string would hide exactly the
 * part that varies.
 */
export function shortValueLabels(values: readonly Value[]): Map<string, string> {
  const distinct = [...new Map(values.map((v) => [key(v), v])).values()];
  const out = new Map<string, string>();
  if (!distinct.every(isRecord)) {
    for (const v of distinct) out.set(key(v), compact(v));
    return out;
  }
  const records = distinct as Record<string, unknown>[];
  // Fields that vary between records of the same kind: the kind names the rest.
  const varyingWithin = (kind: unknown): string[] => {
    const same = records.filter((r) => key(r.kind) === key(kind));
    const fields = [...new Set(same.flatMap((r) => Object.keys(r)))].filter((f) => f !== 'kind');
    return fields.filter((f) => new Set(same.map((r) => key(r[f]))).size > 1);
  };
  for (const r of records) {
    const kind = typeof r.kind === 'string' ? r.kind : undefined;
    const shown = varyingWithin(r.kind).filter((f) => f in r);
    const parts = [...(kind === undefined ? [] : [kind]), ...shown.map((f) => `${f}=${compact(r[f])}`)];
    out.set(key(r), parts.join(' ') || compact(r));
  }
  return out;
}

/** Labels of every swept parameter's values: `labelOf(param, value)`. */
export class ParamLabels {
  private readonly byParam = new Map<string, Map<string, string>>();

  constructor(runs: readonly { params: Record<string, Value> }[], params: readonly string[]) {
    for (const p of params) this.byParam.set(p, shortValueLabels(runs.filter((r) => p in r.params).map((r) => r.params[p])));
  }

  /** The short label of one value of `param` (its compact text when the parameter was not swept). */
  value(param: string, value: Value): string {
    return this.byParam.get(param)?.get(key(value)) ?? compact(value);
  }

  /** `param=value`, or the value alone when it already names itself (an object with a kind). */
  pair(param: string, value: Value): string {
    const text = this.value(param, value);
    return isRecord(value) && typeof value.kind === 'string' ? `${param} ${text}` : `${param}=${text}`;
  }
}

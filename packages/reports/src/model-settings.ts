import type { JsonValue } from '@vaelab/tracking';
import type { ReportRun, SweepData } from './sweep-data.ts';

/** A model config as its checkpoint records it: every field resolved, defaults included. */
export type ModelConfig = Record<string, unknown>;

const CHECKPOINT_MAGIC = 'VAELAB\u0000\u0001';

/**
 * The `config` of a vaelab checkpoint's JSON header, read without decoding the weights (the
 * layout is core's `encodeCheckpoint`: 8 magic bytes, a uint32 LE header length, the header).
 * Undefined for bytes that are not a checkpoint.
 */
export function checkpointConfig(bytes: Uint8Array): ModelConfig | undefined {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== CHECKPOINT_MAGIC) return undefined;
  const length = new DataView(bytes.buffer, bytes.byteOffset + 8, 4).getUint32(0, true);
  try {
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length))) as { config?: ModelConfig };
    return typeof header.config === 'object' && header.config !== null ? header.config : undefined;
  } catch {
    return undefined;
  }
}

/** Model configs per configuration key, read once from the first run of each configuration that saved a checkpoint. */
export class ModelConfigs {
  private readonly cache = new Map<string, ModelConfig | undefined>();

  constructor(private readonly data: Pick<SweepData, 'runs' | 'artifact'>) {}

  /** The resolved model config of a run's configuration, or undefined when none of its runs saved a checkpoint. */
  of(run: ReportRun): ModelConfig | undefined {
    if (!this.cache.has(run.configKey)) {
      const withCheckpoint = this.data.runs.find((r) => r.configKey === run.configKey && r.artifacts.some((a) => a.name === 'checkpoint'));
      const artifact = withCheckpoint && this.data.artifact(withCheckpoint.id, 'checkpoint');
      this.cache.set(run.configKey, artifact ? checkpointConfig(artifact.bytes) : undefined);
    }
    return this.cache.get(run.configKey);
  }
}

/**
 * Whether a run models p(x|y) rather than p(x): its config has classes (`numClasses`), or it
 * measured a conditional accuracy, or it is a CVAE. Its ELBO and IWAE bound are then bounds on
 * the conditional likelihood and do not compare with unconditional ones.
 */
export function isConditional(run: ReportRun, config: ModelConfig | undefined): boolean {
  return Number(config?.numClasses ?? 0) > 0 || 'conditional_accuracy' in run.summaries || run.variant === 'cvae';
}

/** Latent dimensions of a run: the model config's `latentDim`, else the `latentDim` parameter, else the number of `kl/dim<j>` summaries. */
export function latentSize(run: ReportRun, config: ModelConfig | undefined): number | undefined {
  const fromConfig = Number(config?.latentDim);
  if (Number.isInteger(fromConfig) && fromConfig > 0) return fromConfig;
  if (typeof run.params.latentDim === 'number') return run.params.latentDim;
  const dims = Object.keys(run.summaries).filter((k) => /^kl\/dim\d+$/.test(k)).length;
  return dims > 0 ? dims : undefined;
}

/** Config fields that say what a model is, in the order a reader scans them. Training-only fields are left out. */
export const MODEL_SETTING_FIELDS = ['latentDim', 'layers', 'architecture', 'activation', 'latentHidden', 'likelihood', 'beta', 'gamma', 'capacity', 'numClasses'] as const;

const text = (value: unknown): string => {
  if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return value.join('-');
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    if (o.kind === 'mlp' && Array.isArray(o.hidden)) return `MLP ${text(o.hidden)}`;
    if (o.kind === 'conv') return 'conv';
    return Object.entries(o).map(([k, v]) => `${k} ${text(v)}`).join(', ');
  }
  return String(value);
};

/**
 * The model settings that differ between the given configurations and are not swept (swept
 * ones are shown already), as `field value` text per configuration: the fixed choices a reader
 * must know to compare them (β = 4, latent size 20 against 150, ReLU 400 against tanh 200-200).
 */
export function differingSettings(configs: readonly (ModelConfig | undefined)[], swept: readonly string[]): { fields: string[]; values: string[][] } {
  const known = configs.filter((c): c is ModelConfig => c !== undefined);
  const fields = MODEL_SETTING_FIELDS.filter((f) => !swept.includes(f) && new Set(known.map((c) => JSON.stringify(c[f] ?? null))).size > 1);
  return { fields, values: configs.map((c) => fields.map((f) => (c === undefined ? '?' : c[f] === undefined ? '–' : text(c[f] as JsonValue)))) };
}

/**
 * How the report labels and reads a run's values by key: its final summaries (the store's
 * `summaries`) and the training series logged under the same keys (`loss`, `kl`, ...).
 */
export interface SummaryKeyInfo {
  key: string;
  label: string;
  /** Axis unit, e.g. `nats` or `score 0–1`. */
  unit: string;
  better: 'higher' | 'lower' | 'neither';
  /** Fixed axis range, for bounded scores. */
  range?: [number, number];
}

const info = (key: string, label: string, unit: string, better: SummaryKeyInfo['better'], range?: [number, number]): SummaryKeyInfo =>
  ({ key, label, unit, better, ...(range ? { range } : {}) });

/** The summary keys the report knows, in the order tables list them. */
export const SUMMARY_KEYS: readonly SummaryKeyInfo[] = [
  info('loss', 'Loss', 'nats', 'lower'),
  info('elbo', 'ELBO', 'nats', 'higher'),
  info('reconstruction', 'Reconstruction', 'nats', 'lower'),
  info('kl', 'KL', 'nats', 'neither'),
  info('active_units', 'Active units', 'latent dims', 'higher'),
  info('mutual_information', 'Mutual information', 'nats', 'higher'),
  info('log_likelihood', 'Log-likelihood (IWAE)', 'nats', 'higher'),
  info('log_likelihood_elbo', 'ELBO (IWAE examples)', 'nats', 'higher'),
  info('frechet_distance', 'Fréchet distance (samples)', '', 'lower'),
  info('frechet_distance_recon', 'Fréchet distance (recon.)', '', 'lower'),
  info('precision', 'Precision', 'score 0–1', 'higher', [0, 1]),
  info('recall', 'Recall', 'score 0–1', 'higher', [0, 1]),
  info('conditional_accuracy', 'Conditional accuracy', 'score 0–1', 'higher', [0, 1]),
  info('classifier_accuracy', 'Classifier accuracy (ceiling)', 'score 0–1', 'neither', [0, 1]),
  info('beta_vae_score', 'β-VAE score', 'score 0–1', 'higher', [0, 1]),
  info('factor_vae_score', 'FactorVAE score', 'score 0–1', 'higher', [0, 1]),
  info('mig', 'MIG', 'score 0–1', 'higher', [0, 1]),
  info('dci_disentanglement', 'DCI disentanglement', 'score 0–1', 'higher', [0, 1]),
  info('dci_completeness', 'DCI completeness', 'score 0–1', 'higher', [0, 1]),
  info('dci_informativeness', 'DCI informativeness', 'score 0–1', 'higher', [0, 1]),
  info('sap', 'SAP', 'score 0–1', 'higher', [0, 1]),
  info('irs', 'IRS', 'score 0–1', 'higher', [0, 1]),
  info('modularity', 'Modularity', 'score 0–1', 'higher', [0, 1]),
  info('explicitness', 'Explicitness', 'score 0–1', 'higher', [0, 1]),
  info('samples_per_second', 'Throughput', 'samples/s', 'higher'),
  info('train_seconds', 'Training time', 's', 'lower'),
  info('grad_norm_max', 'Max gradient norm', 'norm', 'lower'),
];

const BY_KEY = new Map(SUMMARY_KEYS.map((m) => [m.key, m]));

/** Info of a summary key; per-dim and per-layer keys get a derived label. */
export function summaryKeyInfo(key: string): SummaryKeyInfo {
  const known = BY_KEY.get(key);
  if (known) return known;
  const layer = /^(kl|active_units)\/layer(\d+)$/.exec(key);
  if (layer) return layer[1] === 'kl' ? info(key, `KL, layer ${layer[2]}`, 'nats', 'neither') : info(key, `Active units, layer ${layer[2]}`, 'latent dims', 'higher');
  const dim = /^kl\/dim(\d+)$/.exec(key);
  if (dim) return info(key, `KL, dim ${dim[1]}`, 'nats', 'neither');
  return info(key, key, '', 'neither');
}

/** Axis title: label and unit. */
export function axisTitle(key: string): string {
  const m = summaryKeyInfo(key);
  return m.unit ? `${m.label} (${m.unit})` : m.label;
}

/** Whether a summary key is one of the per-dimension KL values. */
export const isPerDimKey = (key: string): boolean => /^kl\/dim\d+$/.test(key);

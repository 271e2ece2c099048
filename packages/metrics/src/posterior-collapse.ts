/**
 * Posterior-collapse diagnostics of a diagonal-Gaussian encoder q(z|x) = N(mu(x), exp(logvar(x)))
 * against the prior N(0, I). All inputs are points x latent dims (`mu[i]` = mean of point i).
 *
 * - `klPerDimension`: KL(q(z_j|x) || N(0,1)) = 0.5 (mu^2 + exp(logvar) - 1 - logvar), averaged
 *   over the points, one number per latent dimension.
 * - `activeUnits`: Burda, Grosse & Salakhutdinov 2015 ("Importance Weighted Autoencoders",
 *   https://arxiv.org/abs/1509.00519, Section 5.2): A_u = Cov_x(E_q[u|x]) > 0.01, i.e. the
 *   variance over x of the posterior mean. The variance uses n - 1 like He et al.'s `calc_au`
 *   (lagging-inference-networks code); the comparison is the paper's strict `>`.
 * - `mutualInformation`: I(x; z) under the aggregate posterior, the estimator of He et al. 2019
 *   ("Lagging Inference Networks and Posterior Collapse in Variational Autoencoders",
 *   https://arxiv.org/abs/1901.05534, `calc_mi` in github.com/jxhe/vae-lagging-encoder):
 *     E_x E_q(z|x)[log q(z|x)] = mean_x(-0.5 D log(2 pi) - 0.5 sum_j (1 + logvar_j))
 *     E[log q(z)] = mean_i logsumexp_k log q(z_i | x_k) - log N
 *   with one sample z_i ~ q(z|x_i) per point and the aggregate posterior q(z) estimated over the
 *   same batch. The samples are an input so the function is deterministic. He et al. evaluate it
 *   per mini-batch and average weighted by batch size; pass `batchSize` to do the same.
 */
import { columnCount } from './matrix.ts';
import type { Matrix } from './matrix.ts';

const LOG_2PI = Math.log(2 * Math.PI);

function checkSameShape(a: Matrix, b: Matrix, what: string): number {
  const d = columnCount(a, what);
  if (b.length !== a.length || columnCount(b, what) !== d) {
    throw new RangeError(`${what}: inputs must have the same points x dims shape`);
  }
  return d;
}

/** Mean over points of the closed-form KL of each latent dimension, in nats. */
export function klPerDimension(mu: Matrix, logvar: Matrix): Float64Array {
  const d = checkSameShape(mu, logvar, 'klPerDimension');
  const kl = new Float64Array(d);
  for (let i = 0; i < mu.length; i++) {
    for (let j = 0; j < d; j++) {
      const m = mu[i][j];
      const lv = logvar[i][j];
      kl[j] += 0.5 * (m * m + Math.exp(lv) - 1 - lv);
    }
  }
  for (let j = 0; j < d; j++) kl[j] /= mu.length;
  return kl;
}

export interface ActiveUnitsOptions {
  /** Variance of the posterior mean above which a unit is active. @default 0.01 */
  readonly threshold?: number;
}

export interface ActiveUnitsResult {
  /** Number of active units. */
  readonly count: number;
  /** Whether each latent dimension is active. */
  readonly active: boolean[];
  /** Variance over points (n - 1) of each dimension's posterior mean. */
  readonly variances: Float64Array;
}

/** Active units of posterior means `means` (points x dims). */
export function activeUnits(means: Matrix, options: ActiveUnitsOptions = {}): ActiveUnitsResult {
  const threshold = options.threshold ?? 0.01;
  const d = columnCount(means, 'activeUnits');
  const n = means.length;
  if (n < 2) throw new RangeError('activeUnits: needs at least two points');
  const mean = new Float64Array(d);
  for (const row of means) for (let j = 0; j < d; j++) mean[j] += row[j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const variances = new Float64Array(d);
  for (const row of means) {
    for (let j = 0; j < d; j++) {
      const e = row[j] - mean[j];
      variances[j] += e * e;
    }
  }
  for (let j = 0; j < d; j++) variances[j] /= n - 1;
  const active = Array.from(variances, (v) => v > threshold);
  return { count: active.filter(Boolean).length, active, variances };
}

export interface MutualInformationOptions {
  /**
   * Points per aggregate-posterior estimate; the result is the batch-size-weighted mean over
   * consecutive batches, as He et al. average `calc_mi` over test batches. @default all points
   */
  readonly batchSize?: number;
}

function miOfBatch(mu: Matrix, logvar: Matrix, z: Matrix, start: number, end: number, d: number): number {
  const n = end - start;
  let negEntropy = 0;
  for (let i = start; i < end; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += 1 + logvar[i][j];
    negEntropy += -0.5 * d * LOG_2PI - 0.5 * s;
  }
  negEntropy /= n;
  // Per-point constant of log q(z | x_k): -0.5 (D log 2 pi + sum_j logvar_kj).
  const constK = new Float64Array(n);
  const invVar: Float64Array[] = [];
  for (let k = 0; k < n; k++) {
    let s = 0;
    const iv = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      s += logvar[start + k][j];
      iv[j] = 1 / Math.exp(logvar[start + k][j]);
    }
    constK[k] = -0.5 * (d * LOG_2PI + s);
    invVar.push(iv);
  }
  const logDensity = new Float64Array(n);
  let logQz = 0;
  for (let i = 0; i < n; i++) {
    const zi = z[start + i];
    let m = -Infinity;
    for (let k = 0; k < n; k++) {
      const muk = mu[start + k];
      const iv = invVar[k];
      let q = 0;
      for (let j = 0; j < d; j++) {
        const dev = zi[j] - muk[j];
        q += dev * dev * iv[j];
      }
      const v = -0.5 * q + constK[k];
      logDensity[k] = v;
      if (v > m) m = v;
    }
    let sum = 0;
    for (let k = 0; k < n; k++) sum += Math.exp(logDensity[k] - m);
    logQz += m + Math.log(sum) - Math.log(n);
  }
  return negEntropy - logQz / n;
}

/**
 * He et al.'s I(x; z) estimate in nats from posterior means, log-variances and one sample
 * `z[i] ~ q(z | x_i)` per point (all points x dims). In expectation over the samples it lies in
 * [0, log(batch size)]; a single draw can stray slightly outside.
 */
export function mutualInformation(
  mu: Matrix, logvar: Matrix, z: Matrix, options: MutualInformationOptions = {},
): number {
  const d = checkSameShape(mu, logvar, 'mutualInformation');
  checkSameShape(mu, z, 'mutualInformation');
  const n = mu.length;
  const batch = Math.max(1, Math.min(options.batchSize ?? n, n));
  let total = 0;
  for (let start = 0; start < n; start += batch) {
    const end = Math.min(n, start + batch);
    total += miOfBatch(mu, logvar, z, start, end, d) * (end - start);
  }
  return total / n;
}

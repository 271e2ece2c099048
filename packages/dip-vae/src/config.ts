import { z } from 'zod';
import { baseVaeConfigSchema, lossWeight } from '@vaelab/core';
import type { BaseVaeConfig } from '@vaelab/core';

/** Which covariance DIP-VAE pulls towards the identity (Kumar et al. 2018). */
export type DipType =
  /** DIP-VAE-I: the covariance of the encoder means, Cov[mu(x)] (eq. 6). */
  | 'i'
  /** DIP-VAE-II: the covariance of the aggregate posterior, E[Sigma(x)] + Cov[mu(x)] (eq. 7). */
  | 'ii';

/**
 * Config of {@link DIPVAE}. disentanglement_lib's unsupervised study sweeps `lambdaOd` over 1,
 * 2, 5, 10, 20 and 50, with lambda_d = 10 * lambda_od for type i and lambda_d = lambda_od for
 * type ii (its `lambda_d_factor` of 10 and 1).
 */
export interface DipVaeConfig extends BaseVaeConfig {
  /** DIP-VAE-I or DIP-VAE-II. @default 'i' */
  type: DipType;
  /** Weight of the squared off-diagonal covariance entries. @default 10 */
  lambdaOd: number;
  /** Weight of the squared deviations of the diagonal from 1; null derives it: 10 * lambdaOd for type i, lambdaOd for type ii. @default null */
  lambdaD: number | null;
}

/** What the constructor accepts: any subset of the fields. */
export type DipVaeInit = Partial<DipVaeConfig>;

/** Schema of {@link DipVaeConfig}. */
export const dipVaeConfigSchema = baseVaeConfigSchema.extend({
  type: z.enum(['i', 'ii']).default('i').describe('i: penalise the covariance of the encoder means; ii: of the aggregate posterior'),
  lambdaOd: lossWeight().default(10).describe('weight of the off-diagonal covariance penalty'),
  lambdaD: lossWeight().nullable().default(null).describe('weight of the diagonal penalty (default: 10 x lambda-od for type i, lambda-od for ii)'),
});

/** lambda_d as disentanglement_lib derives it from lambda_od when it is not given. */
export function diagonalWeight(config: Pick<DipVaeConfig, 'type' | 'lambdaOd' | 'lambdaD'>): number {
  return config.lambdaD ?? (config.type === 'i' ? 10 : 1) * config.lambdaOd;
}

export { DEFAULT_LOGVAR_RANGE, clampLogvar, reparameterize } from './reparameterize.ts';
export type { LogvarRange } from './reparameterize.ts';
export { gaussianKl, gaussianKlStandard, gaussianLogDensity } from './kl.ts';
export { bernoulliLogLikelihood, gaussianLogLikelihood } from './likelihood.ts';
export { elbo, freeBitsKl } from './elbo.ts';
export { iwaeBound, logMeanExp } from './iwae.ts';
export { DEFAULT_KL_SCHEDULE, capacity, klWeight } from './schedules.ts';
export type { KlSchedule } from './schedules.ts';

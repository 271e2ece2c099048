/**
 * Weight of the KL term as a function of the training step, as plain data so that it can be
 * stored in a config, hashed and shown in a report.
 */
export type KlSchedule =
  | { kind: 'constant'; weight: number }
  /** Linear warm-up from `from` to `to` over `steps` steps (Bowman et al. 2016). */
  | { kind: 'linear'; steps: number; from?: number; to?: number }
  /** Cyclical annealing (Fu et al. 2019): `cycles` cycles over `totalSteps`; within each cycle the weight rises linearly over the first `ratio` of it, then stays at `max`; after `totalSteps` it stays at `max`. */
  | { kind: 'cyclical'; totalSteps: number; cycles: number; ratio: number; max?: number };

/** @default `{ kind: 'constant', weight: 1 }`: the plain ELBO. */
export const DEFAULT_KL_SCHEDULE: KlSchedule = { kind: 'constant', weight: 1 };

/** The KL weight at `step` (0-based). */
export function klWeight(schedule: KlSchedule, step: number): number {
  switch (schedule.kind) {
    case 'constant':
      return schedule.weight;
    case 'linear': {
      const from = schedule.from ?? 0;
      const to = schedule.to ?? 1;
      if (schedule.steps <= 0) return to;
      return from + (to - from) * Math.min(1, step / schedule.steps);
    }
    case 'cyclical': {
      // Fu et al. 2019, eq. 6: tau = mod(t - 1, ceil(T / M)) / (T / M), weight = f(tau).
      const max = schedule.max ?? 1;
      // After the annealing horizon the weight stays at its maximum (e.g. for evaluation).
      if (step >= schedule.totalSteps) return max;
      const period = schedule.totalSteps / schedule.cycles;
      const tau = (step % Math.ceil(period)) / period;
      return tau <= schedule.ratio ? (max * tau) / schedule.ratio : max;
    }
  }
}

/**
 * The capacity C(step) of Burgess et al. 2018 (section 5): rises linearly from 0 to `cMax`
 * nats over `steps` steps, then stays at `cMax`.
 */
export function capacity(step: number, cMax: number, steps: number): number {
  if (steps <= 0) return cMax;
  return cMax * Math.min(1, Math.max(0, step) / steps);
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { createRng } from '@vaelab/core';
import type { Rng } from '@vaelab/core';
import { ExperimentStore } from '@vaelab/tracking';
import type { JsonValue, SeriesEntry } from '@vaelab/tracking';
import { fixtureCheckpoint } from './checkpoint.ts';
import { latentsJson, manifoldPng, samplesPng, traversalsPng } from './synthetic-images.ts';

/** A parameter value that must show as text, never run. */
export const HOSTILE_TEXT = '<script>alert(1)</script>';

/** A stable identity for a fixture run (the store only needs it unique within a sweep). */
function fixtureHash(sweep: string, variant: string, params: Record<string, JsonValue>): string {
  return createHash('sha256').update(JSON.stringify([sweep, variant, params])).digest('hex');
}

/** The fixture sweeps' `base` as written for the full protocol. */
export const FULL_BASE = { steps: 300_000, evalExamples: 10_000 };
/** The quick profile's `base`, which the fixture runs carry as their parameters. */
export const QUICK_BASE = { steps: 1_500, evalExamples: 1_000 };

/** Options of {@link addFixtureSweep}. */
export interface FixtureSweepOptions {
  /** @default 'beta-demo' */
  name?: string;
  /** @default ['beta-vae'] */
  variants?: string[];
  /** Values of `beta`. @default [0.25, 1, 4, 16] */
  betas?: number[];
  /** Values of `latentDim`. @default [4] */
  latentDims?: number[];
  /** Seeds per configuration. @default 2 */
  seeds?: number;
  /** Make one run failed and one diverged. @default true */
  problems?: boolean;
  /** Add a swept `tag` parameter whose value is {@link HOSTILE_TEXT} for one configuration, and hostile text elsewhere. @default false */
  hostile?: boolean;
  /** Per-layer KL summaries and series as a hierarchical VAE logs them. @default false */
  hierarchical?: boolean;
  /** Training steps logged per run (one point every 10 steps). @default 40 */
  points?: number;
}

function series(rng: Rng, points: number, final: Record<string, number>, divergeAt?: number): SeriesEntry[] {
  const out: SeriesEntry[] = [];
  for (let i = 0; i < points; i++) {
    const step = i * 10, decay = Math.exp(-step / 120);
    if (divergeAt !== undefined && step > divergeAt) break;
    const blowUp = divergeAt !== undefined && step === divergeAt;
    const rec = final.reconstruction + 180 * decay + rng.normal() * 2;
    const kl = final.kl * (1 - decay) + Math.abs(rng.normal()) * 0.2;
    out.push({ key: 'reconstruction', step, value: rec }, { key: 'kl', step, value: kl }, { key: 'elbo', step, value: -(rec + kl) },
      { key: 'loss', step, value: blowUp ? NaN : rec + final.beta * kl }, { key: 'grad_norm', step, value: blowUp ? 5e4 : 8 + 30 * decay + Math.abs(rng.normal()) });
    if (final.layers) for (let l = 1; l <= final.layers; l++) out.push({ key: `kl/layer${l}`, step, value: (kl / l) * 0.7 });
    if (i % 10 === 9) {
      out.push({ key: 'test/reconstruction', step, value: rec + 3 }, { key: 'test/kl', step, value: kl }, { key: 'test/elbo', step, value: -(rec + 3 + kl) });
    }
  }
  return out;
}

function summaries(rng: Rng, beta: number, latentDim: number, seed: number, variant: string, hierarchical: boolean): Record<string, number> {
  const s: Record<string, number> = {};
  let kl = 0, active = 0;
  for (let d = 0; d < latentDim; d++) {
    const v = Math.max(0, (4 - 0.8 * d) / Math.sqrt(beta) + rng.normal() * 0.05);
    s[`kl/dim${d}`] = v;
    kl += v;
    if (v > 0.01) active++;
  }
  const t = Math.tanh(beta / 4), noise = (): number => rng.normal() * 0.03 + seed * 0.01;
  const reconstruction = 62 + 40 * (1 - Math.exp(-beta / 4)) + rng.normal();
  Object.assign(s, {
    kl, active_units: active, reconstruction, elbo: -(reconstruction + kl), loss: reconstruction + beta * kl,
    mutual_information: Math.min(kl, Math.log(1000)) * 0.9, log_likelihood: -(reconstruction + kl) + 3,
    frechet_distance: 10 + 25 / Math.sqrt(beta) + rng.normal(), frechet_distance_recon: 8 + 3 * Math.sqrt(beta) + rng.normal() * 0.3,
    precision: 0.5 + 0.3 * t + noise(), recall: 0.8 - 0.1 * Math.log1p(beta) + noise(),
    beta_vae_score: 0.6 + 0.3 * t + noise(), factor_vae_score: 0.5 + 0.35 * t + noise(), mig: 0.08 + 0.25 * t + noise(),
    dci_disentanglement: 0.15 + 0.4 * t + noise(), dci_completeness: 0.2 + 0.35 * t + noise(), dci_informativeness: 0.85 - 0.1 * t + noise(),
    sap: 0.02 + 0.07 * t + noise() / 3, irs: 0.4 + 0.3 * t + noise(), modularity: 0.7 + 0.2 * t + noise(), explicitness: 0.8 + 0.1 * t + noise(), samples_per_second: 4800 + rng.normal() * 200, train_seconds: 30 + rng.normal() * 3, grad_norm_max: 25 + rng.next() * 10,
  });
  if (variant === 'cvae') s.conditional_accuracy = 0.9 + noise();
  if (hierarchical) Object.assign(s, { 'kl/layer1': kl * 0.7, 'kl/layer2': kl * 0.3, 'active_units/layer1': active, 'active_units/layer2': Math.max(0, active - 2) });
  return s;
}

/**
 * Writes one sweep into a store the way the run executor does: scheduled runs with their
 * params, claimed, series logged, summaries, artifacts (real PNG grids, latents.json, real
 * checkpoints) and the final status; optionally a failed and a diverged run.
 */
export async function addFixtureSweep(store: ExperimentStore, options: FixtureSweepOptions = {}): Promise<void> {
  const name = options.name ?? 'beta-demo';
  const variants = options.variants ?? ['beta-vae'];
  const betas = options.betas ?? [0.25, 1, 4, 16];
  const latentDims = options.latentDims ?? [4];
  const seeds = options.seeds ?? 2;
  const hostile = options.hostile ?? false;
  const grid: Record<string, JsonValue[]> = { beta: betas, ...(latentDims.length > 1 ? { latentDim: latentDims } : {}), ...(hostile ? { tag: ['plain', HOSTILE_TEXT] } : {}) };
  store.upsertSweep({
    name, file: hostile ? `experiments/"><img src=x onerror=alert(4)>.ts` : `experiments/${name}.ts`,
    definition: { name, description: hostile ? 'Hostile <img src=x onerror=alert(2)> description' : `β sweep over ${variants.join(', ')}`, dataset: 'mnist', variants, grid, metrics: ['collapse', 'quality', 'disentanglement'],
      // As a sweep file writes it: the paper-scale protocol, and the quick profile that ran.
      base: FULL_BASE, seeds: 50, profiles: { quick: { base: QUICK_BASE, seeds } } },
  });
  const configs: Record<string, JsonValue>[] = [];
  for (const variant of variants) for (const beta of betas) for (const latentDim of latentDims) for (const tag of hostile ? ['plain', HOSTILE_TEXT] : [undefined]) {
    for (let seed = 0; seed < seeds; seed++) configs.push({ variant, beta, latentDim, seed, ...QUICK_BASE, ...(tag === undefined ? {} : { tag }), ...(options.hierarchical ? { layers: 2 } : {}) });
  }
  store.scheduleRuns(name, configs.map(({ variant, ...params }, ordinal) => ({
    configHash: fixtureHash(name, variant as string, params), variant: variant as string, dataset: 'mnist',
    seed: params.seed as number, profile: 'quick', ordinal,
    params: Object.fromEntries(Object.entries(params).filter(([k]) => k === 'seed' || k in grid || k in QUICK_BASE || k === 'layers')),
  })));
  const checkpoints = new Map<string, Uint8Array>();
  for (let i = 0; ; i++) {
    const run = store.claimNext({ sweep: name, host: i % 2 ? 'gpu-node-2' : 'gpu-node-1', gitCommit: 'a1b2c3d4e5f6a7b8' });
    if (!run) break;
    const beta = Number(run.params.beta), latentDim = Number(run.params.latentDim ?? latentDims[0]);
    const rng = createRng(run.id * 101 + 7);
    store.setBackend(run.id, 'wasm');
    const s = summaries(rng, beta, latentDim, run.seed, run.variant, options.hierarchical ?? false);
    const problem = options.problems ?? true;
    if (problem && i === 1) {
      store.logSeries(run.id, series(rng, 8, { ...s, beta }));
      store.finishRun(run.id, { status: 'failed', error: `Error: worker exited with code 137 (out of memory) ${hostile ? '</script><script>alert(3)</script>' : ''}`.trim() });
      continue;
    }
    if (problem && i === 2) {
      store.finishRun(run.id, { status: 'diverged', divergedStep: 230, error: 'loss became NaN at step 230', series: series(rng, options.points ?? 40, { ...s, beta }, 230), summaries: { grad_norm_max: 5e4 } });
      continue;
    }
    store.logSeries(run.id, series(rng, options.points ?? 40, { ...s, beta, layers: options.hierarchical ? 2 : 0 }));
    store.addArtifact(run.id, { name: 'samples.png', kind: 'png', mime: 'image/png', bytes: samplesPng(rng, 2 + 6 / Math.sqrt(beta)) });
    store.addArtifact(run.id, { name: 'reconstructions.png', kind: 'png', mime: 'image/png', bytes: samplesPng(rng, 2) });
    store.addArtifact(run.id, { name: 'traversals.png', kind: 'png', mime: 'image/png', bytes: traversalsPng(latentDim) });
    store.addArtifact(run.id, { name: 'latents.json', kind: 'json', mime: 'application/json', bytes: latentsJson(rng, 3 / Math.sqrt(beta)) });
    // As the executor: a manifold for unconditional 2-D models only.
    if (latentDim === 2 && run.variant !== 'cvae') store.addArtifact(run.id, { name: 'manifold.png', kind: 'png', mime: 'image/png', bytes: manifoldPng() });
    const key = `${run.variant}/${latentDim}`;
    if (!checkpoints.has(key)) {
      checkpoints.set(key, await fixtureCheckpoint({
        variant: options.hierarchical ? 'hvae' : run.variant, latentDim, numClasses: run.variant === 'cvae' ? 10 : 0,
        // A hierarchical model's decoder reads z1 of `latentDim`; the whole latent is two such layers.
        extra: { beta, ...(options.hierarchical ? { layers: [latentDim, latentDim], latentDim: 2 * latentDim } : {}) },
      }));
    }
    store.addArtifact(run.id, { name: 'checkpoint', kind: 'checkpoint', mime: 'application/octet-stream', bytes: checkpoints.get(key)! });
    store.finishRun(run.id, { status: 'completed', summaries: s });
  }
}

/** Opens (creating) a store at `path` and adds the given sweeps; the caller closes it. */
export async function createFixtureStore(path: string, sweeps: FixtureSweepOptions[] = [{}]): Promise<ExperimentStore> {
  const store = ExperimentStore.open(path);
  for (const sweep of sweeps) await addFixtureSweep(store, sweep);
  return store;
}

/** A fixture store in a fresh temporary folder, with `dispose` closing it and deleting the folder. */
export async function temporaryFixtureStore(sweeps: FixtureSweepOptions[] = [{}]): Promise<{ store: ExperimentStore; dir: string; dispose(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'vaelab-reports-fixture-'));
  const store = await createFixtureStore(join(dir, 'runs.sqlite'), sweeps);
  return { store, dir, dispose: () => { store.close(); rmSync(dir, { recursive: true, force: true }); } };
}

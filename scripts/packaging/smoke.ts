import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './run.ts';

/** The environment of the installed CLI: no proxy to the internet is needed, and none is offered. */
function offlineEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['NODE_OPTIONS', 'npm_config_registry']) delete env[key];
  return env;
}

/**
 * Imports every package by name with plain `node` (no TypeScript loader) from the project and
 * checks that each module has exports. One process imports them in turn and names the first
 * that fails.
 */
export function importEach(project: string, names: readonly string[]): { seconds: number } {
  const script = `
for (const name of ${JSON.stringify(names)}) {
  let mod;
  try { mod = await import(name); } catch (error) { console.error(name + ': import failed: ' + (error && error.message)); process.exit(1); }
  if (Object.keys(mod).length === 0) { console.error(name + ': imported, but it exports nothing'); process.exit(1); }
}`;
  return run(process.execPath, ['--input-type=module', '-e', script], { cwd: project, env: offlineEnv() });
}

/** Runs the installed `vaelab` bin (node_modules/.bin/vaelab, as npm linked it). */
function vaelab(project: string, args: readonly string[], timeoutMs = 180_000) {
  return run(join(project, 'node_modules', '.bin', 'vaelab'), args, { cwd: project, env: offlineEnv(), timeoutMs });
}

/** `vaelab --help` lists the commands. */
export function cliHelp(project: string): { seconds: number } {
  const result = vaelab(project, ['--help']);
  for (const command of ['train', 'eval', 'sweep', 'runs', 'report', 'merge']) {
    if (!new RegExp(`^\\s+${command}\\s`, 'm').test(result.stdout)) throw new Error(`vaelab --help does not list '${command}':\n${result.stdout}`);
  }
  return result;
}

/** A 20-step `vaelab train` on 32x32 dSprites that saves its model; checks the held-out terms are printed. */
export function cliTrain(project: string): { seconds: number } {
  const result = vaelab(project, [
    'train', '--variant', 'beta-vae', '--dataset', 'dsprites', '--image-size', '32', '--steps', '20', '--batch-size', '32',
    '--hidden', '64', '--latent-dim', '4', '--eval-examples', '256', '--backend', 'wasm', '--out', 'model.vaelab',
  ]);
  const text = `${result.stdout}\n${result.stderr}`;
  if (!/elbo/i.test(text) || !/kl/i.test(text)) throw new Error(`vaelab train printed no held-out ELBO and KL:\n${text}`);
  return result;
}

/**
 * A sweep file in a folder of its own, outside the project, importing `defineSweep` from
 * `@vaelab/experiments`: `vaelab sweep <file> --dry-run` must load it and list its runs, and
 * `vaelab sweep <file> --workers 1` must train them in a worker process forked from the
 * installed, built JavaScript.
 */
export function cliSweepElsewhere(project: string, elsewhere: string): { seconds: number } {
  mkdirSync(elsewhere, { recursive: true });
  const file = join(elsewhere, 'my-sweep.ts');
  writeFileSync(file, [
    "import { defineSweep } from '@vaelab/experiments';",
    '',
    'const betas: number[] = [1, 4];',
    'export default defineSweep({',
    "  name: 'elsewhere', dataset: 'dsprites', variants: ['beta-vae'], metrics: [],",
    "  base: { imageSize: 32, steps: 20, batchSize: 32, latentDim: 4, architecture: { kind: 'mlp', hidden: [64] }, evalExamples: 256 },",
    '  grid: { beta: betas },',
    '});',
    '',
  ].join('\n'));
  const db = join(elsewhere, 'runs.sqlite');
  const listed = vaelab(project, ['sweep', file, '--dry-run', '--db', db]);
  const rows = listed.stdout.split('\n').filter((line) => /^\d+\s+beta-vae\s/.test(line));
  if (rows.length !== 2) throw new Error(`vaelab sweep --dry-run of ${file} did not list its 2 runs:\n${listed.stdout}\n${listed.stderr}`);
  const ran = vaelab(project, ['sweep', file, '--workers', '1', '--db', db]);
  const text = `${ran.stdout}\n${ran.stderr}`;
  if (!/2 completed/.test(text)) throw new Error(`vaelab sweep ${file} did not complete its 2 runs:\n${text}`);
  return { seconds: listed.seconds + ran.seconds };
}

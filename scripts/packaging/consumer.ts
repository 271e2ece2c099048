import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './run.ts';

/**
 * A small TypeScript program of a user of the installed packages. It type-checks only if the
 * published declarations resolve (exports -> dist/*.d.ts) and carry real types: each
 * `@ts-expect-error` line is a misuse that must be rejected, so a declaration that fell back to
 * `any` fails the check too ("Unused '@ts-expect-error' directive").
 */
export const CONSUMER_SOURCE = `import { selectBackend } from '@vaelab/core';
import type { BaseVaeConfig } from '@vaelab/core';
import { loadDataset } from '@vaelab/datasets';
import { BetaVAE } from '@vaelab/beta-vae';
import type { BetaVaeInit } from '@vaelab/beta-vae';
import { defineSweep } from '@vaelab/experiments';
import { ExperimentStore } from '@vaelab/tracking';
import { renderReports } from '@vaelab/reports';
import { migFromCodes } from '@vaelab/metrics';
import { main } from '@vaelab/cli';

export async function demo(): Promise<number> {
  const backend: string = await selectBackend('cpu');
  const { train } = loadDataset('dsprites', { size: 32 });
  const init: BetaVaeInit = { inputShape: [32, 32, 1], latentDim: 4, beta: 4 };
  const model = new BetaVAE(init);
  const latentDim: number = model.config.latentDim;
  const base: Partial<BaseVaeConfig> = { latentDim };
  const sweep = defineSweep({ name: 'mine', dataset: 'dsprites', variants: ['beta-vae'], grid: { beta: [1, 4] } });
  const name: string = sweep.name;
  // @ts-expect-error latentDim is a number
  new BetaVAE({ inputShape: [32, 32, 1], latentDim: 'four' });
  // @ts-expect-error selectBackend takes a backend choice
  await selectBackend('quantum');
  // @ts-expect-error main takes the argument list
  await main(42);
  void [backend, train.size, base, name, ExperimentStore, renderReports, migFromCodes];
  return main(['--help']);
}
`;

/** Writes the consumer into the project and type-checks it with the workspace's TypeScript. */
export function typecheckConsumer(project: string, workspaceRoot: string): { seconds: number } {
  const dir = join(project, 'consumer');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'consumer.ts'), CONSUMER_SOURCE);
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true,
      lib: ['ES2022', 'DOM'], types: ['node'], typeRoots: [join(workspaceRoot, 'node_modules', '@types')],
    },
    include: ['consumer.ts'],
  }, null, 2)}\n`);
  const tsc = join(workspaceRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  return run(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { cwd: dir });
}

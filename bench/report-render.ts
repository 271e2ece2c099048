import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderReports } from '@vaelab/reports';
import { createFixtureStore } from '@vaelab/testing/reports';

/**
 * Renders a 100-run sweep (10 β values x 2 latent sizes x 5 seeds, with series, PNG artifacts,
 * latents and checkpoints) and its index from a store on disk; times rendering alone, not the
 * store's creation. The target is under 5 seconds.
 */
export async function benchReportRender(): Promise<{ runs: number; seconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'vaelab-report-bench-'));
  const store = await createFixtureStore(join(dir, 'runs.sqlite'), [{
    name: 'bench', betas: [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64], latentDims: [2, 10], seeds: 5, points: 100,
  }]);
  try {
    const runs = store.listRunRecords({ sweep: 'bench' }).length;
    const start = performance.now();
    renderReports(store, { outDir: join(dir, 'out') });
    return { runs, seconds: (performance.now() - start) / 1000 };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportsDirFor, storePathIn } from './paths.ts';

describe('reportsDirFor', () => {
  it('keeps the default store\'s pages in reports/ at the root and gives every other store its own folder beside it', () => {
    expect(reportsDirFor(storePathIn('/repo'))).toBe(join('/repo', 'reports'));
    expect(reportsDirFor('/data/results/runs.0-of-8.sqlite')).toBe('/data/results/runs.0-of-8-reports');
    expect(reportsDirFor('/data/results/runs.1-of-8.sqlite')).toBe('/data/results/runs.1-of-8-reports');
    expect(reportsDirFor('/data/runs.sqlite')).toBe('/data/runs-reports');
    expect(reportsDirFor('/repo/.vaelab/runs.shard-0-of-2.sqlite')).toBe('/repo/.vaelab/runs.shard-0-of-2-reports');
    expect(reportsDirFor('/data/store')).toBe('/data/store-reports');
  });
});

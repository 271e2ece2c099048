import { describe, expect, it } from 'vitest';
import { configHash } from './sweep/hash.ts';
import { inShard, parseShard, resolveShard, shardFromEnv } from './shard.ts';

describe('shards', () => {
  it('parses i/N and rejects nonsense', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(() => parseShard('3/3')).toThrow(/out of range 0..2/);
    expect(() => parseShard('1-3')).toThrow(/i\/N/);
    expect(() => parseShard('0/0')).toThrow(/at least 1/);
  });

  it('reads SLURM arrays (minding TASK_MIN and TASK_STEP) and Kubernetes indexed jobs', () => {
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_MIN: '4', SLURM_ARRAY_TASK_COUNT: '3' })).toEqual({ index: 1, count: 3 });
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_STEP: '2', SLURM_ARRAY_TASK_COUNT: '3' }))
      .toEqual({ index: 2, count: 3 });
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '1', VAELAB_SHARD_COUNT: '4' })).toEqual({ index: 1, count: 4 });
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '1' }, 2)).toEqual({ index: 1, count: 2 });
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: '1' })).toThrow(/VAELAB_SHARD_COUNT/);
    expect(shardFromEnv({})).toBeUndefined();
    expect(resolveShard({ flag: '0/2', env: { JOB_COMPLETION_INDEX: '1', VAELAB_SHARD_COUNT: '2' } })).toEqual({ index: 0, count: 2 });
    expect(resolveShard({ env: {} })).toEqual({ index: 0, count: 1 });
  });

  it('partitions runs: every run in exactly one shard, stably', () => {
    const hashes = Array.from({ length: 60 }, (_, i) =>
      configHash({ sweep: 's', variant: 'vae', dataset: 'toy', params: { i }, seed: 0, profile: 'quick' }));
    const owners = hashes.map((h) => [0, 1, 2].filter((index) => inShard(h, { index, count: 3 })));
    expect(owners.every((o) => o.length === 1)).toBe(true);
    for (const index of [0, 1, 2]) expect(owners.filter((o) => o[0] === index).length).toBeGreaterThan(5);
  });
});

/** One of `count` disjoint parts of a sweep's runs; `index` is 0-based. */
export interface Shard {
  index: number;
  count: number;
}

/** The whole sweep. */
export const WHOLE: Shard = { index: 0, count: 1 };

/** A shard flag or environment that makes no sense. */
export class ShardSpecError extends Error {
  override readonly name = 'ShardSpecError';
}

function integer(text: string | undefined, what: string): number {
  if (text === undefined || !/^\s*\d+\s*$/.test(text)) throw new ShardSpecError(`${what} must be a non-negative integer, got '${text ?? ''}'`);
  return Number(text);
}

function checked(index: number, count: number, what: string): Shard {
  if (count < 1) throw new ShardSpecError(`${what}: the shard count must be at least 1, got ${count}`);
  if (index >= count) throw new ShardSpecError(`${what}: shard index ${index} is out of range 0..${count - 1}`);
  return { index, count };
}

/** Parses `i/N` (0-based: `0/3`, `1/3`, `2/3`). */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) throw new ShardSpecError(`--shard must be i/N with 0 <= i < N, got '${text}'`);
  return checked(Number(match[1]), Number(match[2]), '--shard');
}

/**
 * The shard given by a batch system, if any:
 * - Kubernetes Indexed Job: `JOB_COMPLETION_INDEX` with the count from `countOverride` or `VAELAB_SHARD_COUNT`;
 * - SLURM job array: (`SLURM_ARRAY_TASK_ID` − `SLURM_ARRAY_TASK_MIN`) / `SLURM_ARRAY_TASK_STEP` of `SLURM_ARRAY_TASK_COUNT`.
 */
export function shardFromEnv(env: NodeJS.ProcessEnv = process.env, countOverride?: number): Shard | undefined {
  if (env.JOB_COMPLETION_INDEX !== undefined) {
    const count = countOverride ?? (env.VAELAB_SHARD_COUNT !== undefined ? integer(env.VAELAB_SHARD_COUNT, 'VAELAB_SHARD_COUNT') : undefined);
    if (count === undefined) throw new ShardSpecError('JOB_COMPLETION_INDEX is set: give the shard count with --shard-count or VAELAB_SHARD_COUNT');
    return checked(integer(env.JOB_COMPLETION_INDEX, 'JOB_COMPLETION_INDEX'), count, 'JOB_COMPLETION_INDEX');
  }
  if (env.SLURM_ARRAY_TASK_ID !== undefined) {
    const id = integer(env.SLURM_ARRAY_TASK_ID, 'SLURM_ARRAY_TASK_ID');
    const min = env.SLURM_ARRAY_TASK_MIN !== undefined ? integer(env.SLURM_ARRAY_TASK_MIN, 'SLURM_ARRAY_TASK_MIN') : 0;
    const step = env.SLURM_ARRAY_TASK_STEP !== undefined ? Math.max(1, integer(env.SLURM_ARRAY_TASK_STEP, 'SLURM_ARRAY_TASK_STEP')) : 1;
    const count = countOverride ?? integer(env.SLURM_ARRAY_TASK_COUNT, 'SLURM_ARRAY_TASK_COUNT');
    if (id < min || (id - min) % step !== 0) throw new ShardSpecError(`SLURM_ARRAY_TASK_ID ${id} is not in the array ${min}..:${step}`);
    return checked((id - min) / step, count, 'SLURM_ARRAY_TASK_ID');
  }
  return undefined;
}

/** The shard of this process: `--shard` first, then the batch system's environment, else the whole sweep. */
export function resolveShard(options: { flag?: string; count?: number; env?: NodeJS.ProcessEnv } = {}): Shard {
  if (options.flag !== undefined) {
    const shard = parseShard(options.flag);
    if (options.count !== undefined && options.count !== shard.count) {
      throw new ShardSpecError(`--shard ${options.flag} disagrees with --shard-count ${options.count}`);
    }
    return shard;
  }
  return shardFromEnv(options.env ?? process.env, options.count) ?? WHOLE;
}

/**
 * Whether a run belongs to a shard: the first 48 bits of its config hash modulo the count. A
 * run keeps its shard when other runs are added to or removed from the sweep.
 */
export function inShard(configHash: string, shard: Shard): boolean {
  if (shard.count === 1) return true;
  return Number.parseInt(configHash.slice(0, 12), 16) % shard.count === shard.index;
}

/** `1/3` style label, empty for the whole sweep. */
export function shardLabel(shard: Shard): string {
  return shard.count === 1 ? '' : `${shard.index}/${shard.count}`;
}

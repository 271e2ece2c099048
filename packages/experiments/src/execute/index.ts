import type { RunContext, RunOutcome, RunSpec } from '../runner/types.ts';

/**
 * The default executor: trains one run of a sweep with the variant catalog and datasets.
 * The training code is plugged in here; until then every run fails with this message.
 */
export async function execute(spec: RunSpec, _ctx: RunContext): Promise<RunOutcome> {
  throw new Error(`training executor not wired: cannot run ${spec.variant} on ${spec.dataset}`);
}

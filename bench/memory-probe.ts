/**
 * Child-process entry of the memory benchmark: trains in a fresh process, so RSS shows this
 * training alone and not what earlier benchmarks left in the parent's heaps. Sends the
 * snapshots to the parent and exits.
 */
import { trainingMemorySnapshots } from './memory.ts';

const steps = Number(process.argv[2] ?? 10_000);
trainingMemorySnapshots(steps).then(
  (snapshots) => process.send!({ snapshots }, () => process.exit(0)),
  (error: unknown) => process.send!({ error: error instanceof Error ? error.message : String(error) }, () => process.exit(1)),
);

/** One measured figure. */
export interface BenchRow {
  name: string;
  backend: string;
  value: number;
  unit: string;
  /** What it is compared with, measured in the same run; the table prints value / baseline. */
  baseline?: number;
  note?: string;
}

/** An entry of the registration list: `pnpm bench <name>` selects it by substring. */
export interface Benchmark {
  name: string;
  run(): Promise<BenchRow[]>;
}

/** The same model measured in another framework in the same run (for example PyTorch). */
export interface Peer {
  /** e.g. `PyTorch 1.13.0`. */
  name: string;
  /** Its figure in the row's unit; absent when it could not be measured. */
  value?: number;
  /** Why there is no value (the framework is not installed, the script failed). */
  missing?: string;
  note?: string;
}

/** One measured figure. */
export interface BenchRow {
  name: string;
  backend: string;
  value: number;
  unit: string;
  /** What it is compared with, measured in the same run; the table prints value / baseline. */
  baseline?: number;
  /** The same model in another framework, measured in the same run; the table prints value / peer. */
  peer?: Peer;
  note?: string;
}

/** An entry of the registration list: `pnpm bench <name>` selects it by substring. */
export interface Benchmark {
  name: string;
  run(): Promise<BenchRow[]>;
}

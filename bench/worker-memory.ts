import { readFileSync, readdirSync } from 'node:fs';

/** Peak RSS (VmHWM) in MiB of a process, or undefined once it is gone. */
function peakRssMiB(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process's command line mentions `marker` (false once it is gone). */
function commandMentions(pid: number, marker: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
  } catch {
    return false;
  }
}

/** Pids of this process's direct children (Linux: /proc/<pid>/task/<tid>/children). */
function childPids(): number[] {
  const pids: number[] = [];
  try {
    for (const tid of readdirSync(`/proc/${process.pid}/task`)) {
      const text = readFileSync(`/proc/${process.pid}/task/${tid}/children`, 'utf8').trim();
      if (text) pids.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    // Not Linux: no figures (the caller reports none were seen).
  }
  return pids;
}

/**
 * Watches this process's child processes whose command line mentions `marker` (the sweep's
 * workers, not tsx's esbuild service) and keeps each one's peak RSS. VmHWM is the kernel's own
 * high-water mark, so polling only has to catch each worker alive once near its end; `stop()`
 * returns the peaks by pid.
 */
export function watchWorkerMemory(marker = 'runner/worker.ts', intervalMs = 100): { stop(): Map<number, number> } {
  const peaks = new Map<number, number>();
  const poll = (): void => {
    for (const pid of childPids()) {
      if (!commandMentions(pid, marker)) continue;
      const peak = peakRssMiB(pid);
      if (peak !== undefined) peaks.set(pid, Math.max(peak, peaks.get(pid) ?? 0));
    }
  };
  poll();
  const timer = setInterval(poll, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return peaks;
    },
  };
}

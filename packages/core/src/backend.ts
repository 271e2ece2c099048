import * as tf from '@tensorflow/tfjs-core';
// The union package's Node build registers every gradient with tfjs-core's global registry;
// tfjs-core's own register_all_gradients module is ESM that only bundlers can load.
import '@tensorflow/tfjs';

/** Backends vaelab can run on. `tensorflow` and `tensorflow-gpu` are the native tfjs-node packages. */
export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';
/** What a user may ask for. */
export type BackendChoice = BackendName | 'auto';

export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

interface BackendEntry {
  name: BackendName;
  /** The tfjs backend name the package registers. */
  tfName: string;
  /** Imports the package that registers the backend; throws when it is absent or fails to load. */
  load(): Promise<unknown>;
}

// Package names are held in variables so that bundlers and type checkers do not insist on the
// optional native packages being installed.
const nodeGpuPackage = '@tensorflow/tfjs-node-gpu';
const nodePackage = '@tensorflow/tfjs-node';

/** The `auto` order: CUDA, native CPU, WebAssembly (SIMD), pure JavaScript. */
const BACKENDS: readonly BackendEntry[] = [
  { name: 'tensorflow-gpu', tfName: 'tensorflow', load: () => import(nodeGpuPackage) },
  { name: 'tensorflow', tfName: 'tensorflow', load: () => import(nodePackage) },
  { name: 'wasm', tfName: 'wasm', load: () => import('@tensorflow/tfjs-backend-wasm') },
  { name: 'cpu', tfName: 'cpu', load: () => import('@tensorflow/tfjs-backend-cpu') },
];

let active: BackendName | undefined;

/** Thrown when an explicitly chosen backend cannot be used. */
export class BackendUnavailableError extends Error {
  override readonly name = 'BackendUnavailableError';
}

/** The process events whose handlers Emscripten's Node glue replaces. */
const GLUE_EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

/**
 * Whether a process listener is one of the two that Emscripten's Node glue (compiled into
 * `@tensorflow/tfjs-backend-wasm`) installs when the module starts: `if (!(ex instanceof
 * ExitStatus)) throw ex` and `throw reason`. They rethrow from inside the minified glue, so
 * Node prints that line (some 30 KB of tfjs source) before any uncaught error of the program.
 */
function isEmscriptenRethrow(listener: (...args: never[]) => unknown): boolean {
  const source = Function.prototype.toString.call(listener);
  return /instanceof ExitStatus/.test(source) || /^function\s*\(reason\)\s*\{\s*throw reason;?\s*\}$/.test(source);
}

/**
 * Runs `start` and then removes exactly the rethrowing handlers the wasm glue added while it
 * ran: listeners present before, or added by anyone else, stay. A program that imports vaelab
 * thus gets its own uncaught errors and rejections reported as Node reports them.
 */
async function withoutGlueHandlers<T>(start: () => Promise<T>): Promise<T> {
  // The plain EventEmitter view: process's own typings overload `listeners` per event name.
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(GLUE_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  try {
    return await start();
  } finally {
    for (const event of GLUE_EVENTS) {
      for (const listener of emitter.listeners(event) as ((...args: never[]) => unknown)[]) {
        if (!before.get(event)!.has(listener) && isEmscriptenRethrow(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
  }
}

async function tryBackend(entry: BackendEntry): Promise<string | undefined> {
  try {
    return await withoutGlueHandlers(async () => {
      await entry.load();
      if (!(await tf.setBackend(entry.tfName))) return `backend '${entry.tfName}' failed to initialise`;
      await tf.ready();
      return undefined;
    });
  } catch (error) {
    return (error as Error).message.split('\n')[0];
  }
}

/**
 * Selects the compute backend. `auto` tries, in order, `@tensorflow/tfjs-node-gpu`,
 * `@tensorflow/tfjs-node`, WebAssembly and pure JavaScript, and silently falls back when a
 * package is absent or fails to load. An explicit choice that cannot load throws a
 * {@link BackendUnavailableError} that says why. Returns the backend that runs.
 */
export async function selectBackend(choice: BackendChoice = 'auto'): Promise<BackendName> {
  if (choice !== 'auto') {
    const entry = BACKENDS.find((b) => b.name === choice);
    if (!entry) throw new BackendUnavailableError(`unknown backend '${choice}'; choose one of ${BACKEND_CHOICES.join(', ')}`);
    if (active === choice && tf.getBackend() === entry.tfName) return choice;
    const problem = await tryBackend(entry);
    if (problem) {
      const hint = choice.startsWith('tensorflow') ? ` (install it with 'pnpm add -w ${choice === 'tensorflow' ? nodePackage : nodeGpuPackage}')` : '';
      throw new BackendUnavailableError(`backend '${choice}' is not available: ${problem}${hint}`);
    }
    active = choice;
    return choice;
  }
  if (active) return active;
  for (const entry of BACKENDS) {
    if ((await tryBackend(entry)) === undefined) {
      active = entry.name;
      return entry.name;
    }
  }
  throw new BackendUnavailableError('no TensorFlow.js backend could be loaded');
}

/** The backend selected so far, or undefined before {@link selectBackend}. */
export function activeBackend(): BackendName | undefined {
  return active;
}

/** Which backends load on this machine (tries each; leaves the active one selected). */
export async function availableBackends(): Promise<BackendName[]> {
  const previous = active;
  const found: BackendName[] = [];
  for (const entry of BACKENDS) if ((await tryBackend(entry)) === undefined) found.push(entry.name);
  if (previous) await selectBackend(previous);
  else active = undefined;
  return found;
}

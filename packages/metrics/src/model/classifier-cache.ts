/**
 * Trains the feature classifier of a dataset once and keeps it on disk.
 *
 * Location: `<dir>/<key>.vaelab`, `dir` defaulting to `.vaelab/classifiers/` at the repository
 * root (the nearest ancestor of the working directory holding `pnpm-workspace.yaml`; the
 * working directory itself when there is none). The key is
 * `<dataset>-<h>x<w>x<c>-<hash>`: the training split's name, the image shape and the first 12
 * hex digits of the SHA-256 of everything that decides the weights (the recipe, the heads, the
 * split sizes and factor sizes, a format version), so a changed recipe never reads stale
 * weights. The file is core's checkpoint format (written atomically) whose header carries the
 * key, heads, recipe and the held-out accuracy measured after training.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodeCheckpoint, findRepoRoot, readCheckpoint, writeCheckpoint } from '@vaelab/core';
import type { Checkpoint, DatasetSplit, ImageShape } from '@vaelab/core';
import { FeatureClassifier, classifierAccuracy, trainClassifier } from './classifier.ts';
import type { ClassifierHead, ClassifierRecipe, ClassifierTask } from './classifier.ts';
import { classifierTask, defaultRecipe } from './classifier-tasks.ts';

/** Bumped when the network or training code changes what a recipe produces. */
const CACHE_VERSION = 1;
const VARIANT = 'feature-classifier';

/** Options of {@link featureClassifier}. */
export interface FeatureClassifierOptions {
  /** Cache directory. @default `.vaelab/classifiers` at the repository root */
  dir?: string;
  /** Changes to the dataset's recipe (part of the cache key). @default {} */
  recipe?: Partial<ClassifierRecipe>;
  /** Train even when a cached file exists, and overwrite it. @default false */
  retrain?: boolean;
}

/** A classifier ready to use, with where it came from. */
export interface LoadedClassifier {
  readonly classifier: FeatureClassifier;
  /** Held-out accuracy of each head, by head name (head 0 is the dataset's label). */
  readonly accuracy: Record<string, number>;
  readonly key: string;
  readonly path: string;
  /** True when read from the cache, false when trained by this call. */
  readonly cached: boolean;
}

interface Header {
  key: string;
  inputShape: ImageShape;
  heads: ClassifierHead[];
  recipe: ClassifierRecipe;
  accuracy: Record<string, number>;
}

/** The default cache directory. */
export function defaultClassifierDir(): string {
  return join(findRepoRoot(), '.vaelab', 'classifiers');
}

/** Cache key of the classifier of `split` trained with `recipe` (see the file comment). */
export function classifierCacheKey(split: DatasetSplit, recipe: ClassifierRecipe, heads: readonly ClassifierHead[]): string {
  const { train, test } = split;
  const identity = {
    version: CACHE_VERSION, dataset: train.name, train: train.size, test: test.size, sameSet: train === test,
    shape: train.shape, factors: train.factors?.sizes ?? null, heads, recipe,
  };
  const hash = createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 12);
  const name = train.name.replace(/\/train$/, '').replace(/[^A-Za-z0-9_-]+/g, '-');
  return `${name}-${train.shape.join('x')}-${hash}`;
}

function restore(checkpoint: Checkpoint, key: string): { classifier: FeatureClassifier; accuracy: Record<string, number> } | undefined {
  const header = checkpoint.config as unknown as Header;
  if (checkpoint.variant !== VARIANT || header.key !== key) return undefined;
  const classifier = new FeatureClassifier(header.inputShape, header.recipe.hidden, header.heads);
  try {
    classifier.setWeights(checkpoint.tensors);
  } catch {
    classifier.dispose();
    return undefined;
  }
  return { classifier, accuracy: header.accuracy };
}

/** Where the classifier of `split` with these options is cached, and how it would be trained. */
export function classifierLocation(split: DatasetSplit, options: Pick<FeatureClassifierOptions, 'dir' | 'recipe'> = {}): { key: string; path: string; recipe: ClassifierRecipe; task: ClassifierTask } {
  const task = classifierTask(split);
  const recipe: ClassifierRecipe = { ...defaultRecipe(split), ...options.recipe };
  const key = classifierCacheKey(split, recipe, task.heads);
  return { key, path: join(options.dir ?? defaultClassifierDir(), `${key}.vaelab`), recipe, task };
}

/** Writes a classifier and its held-out accuracy as the cache entry `key` at `path` (atomically). */
export async function writeClassifier(path: string, key: string, classifier: FeatureClassifier, recipe: ClassifierRecipe, accuracy: Record<string, number>): Promise<void> {
  const header: Header = { key, inputShape: classifier.inputShape, heads: [...classifier.heads], recipe, accuracy };
  await writeCheckpoint(path, encodeCheckpoint(VARIANT, header, classifier.variables));
}

/**
 * The feature classifier of `split`: read from the cache when a file with its key exists,
 * otherwise trained (Adam on the training split), scored on held-out data and written there.
 */
export async function featureClassifier(split: DatasetSplit, options: FeatureClassifierOptions = {}): Promise<LoadedClassifier> {
  const { key, path, recipe, task } = classifierLocation(split, options);
  if (!options.retrain && existsSync(path)) {
    try {
      const loaded = restore(await readCheckpoint(path), key);
      if (loaded) return { ...loaded, key, path, cached: true };
    } catch {
      // An unreadable or foreign file is replaced by a fresh classifier below.
    }
  }
  // Several sweep workers may ask for the same classifier at once: one trains it, the others
  // wait for its file instead of training their own copy.
  const release = await acquireLock(`${path}.lock`);
  if (!release && existsSync(path)) {
    const loaded = restore(await readCheckpoint(path), key);
    if (loaded) return { ...loaded, key, path, cached: true };
  }
  try {
    const classifier = await trainClassifier(split.train, task, recipe);
    const accuracy = classifierAccuracy(classifier, task);
    await writeClassifier(path, key, classifier, recipe, accuracy);
    return { classifier, accuracy, key, path, cached: false };
  } finally {
    release?.();
  }
}

/** A lock older than this is left by a dead process and is taken over. */
const STALE_LOCK_MS = 20 * 60_000;

/**
 * Takes the lock file (created exclusively) and returns its release, or waits while another
 * process holds it and returns undefined once that process has released it.
 */
async function acquireLock(lockPath: string): Promise<(() => void) | undefined> {
  mkdirSync(dirname(lockPath), { recursive: true });
  let waited = false;
  for (;;) {
    try {
      closeSync(openSync(lockPath, 'wx'));
      if (waited) {
        // The holder finished (or died) while we waited: its file, if written, is read by the caller.
        rmSync(lockPath, { force: true });
        return undefined;
      }
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(lockPath).mtimeMs > STALE_LOCK_MS) rmSync(lockPath, { force: true });
      } catch {
        // Released between the open and the stat: try again.
      }
      waited = true;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

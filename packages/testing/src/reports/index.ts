export { FULL_BASE, HOSTILE_TEXT, QUICK_BASE, addFixtureSweep, createFixtureStore, temporaryFixtureStore } from './fixture-store.ts';
export type { FixtureSweepOptions } from './fixture-store.ts';
export { fixtureCheckpoint } from './checkpoint.ts';
export type { FixtureCheckpointOptions } from './checkpoint.ts';

export { HOSTILE_TEXT, addFixtureSweep, createFixtureStore, temporaryFixtureStore } from './fixture-store.ts';
export type { FixtureSweepOptions } from './fixture-store.ts';
export { fixtureCheckpoint } from './checkpoint.ts';
export type { FixtureCheckpointOptions } from './checkpoint.ts';

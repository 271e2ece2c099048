#!/usr/bin/env node
// The `vaelab` executable. Published as dist/bin.js and run by plain Node; in the workspace,
// `pnpm vaelab` runs this file's source through tsx.
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));

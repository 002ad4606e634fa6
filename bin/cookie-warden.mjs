#!/usr/bin/env node
// `npx cookie-warden extract|classify`: the same core the extension runs, for auditors and measurement.
// tsx runs the TypeScript sources directly, so the CLI needs no separate build step.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

register();
const here = path.dirname(fileURLToPath(import.meta.url));
const { main } = await import(path.join(here, '../scripts/cli.ts'));
process.exitCode = await main(process.argv.slice(2));

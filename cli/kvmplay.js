#!/usr/bin/env node
// kvmplay: run the playground's scenarios from a terminal. The CLI is
// TypeScript sharing web/sim with the browser; tsx loads it in place.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));

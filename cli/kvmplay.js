#!/usr/bin/env node
// kvmplay: run the playground's scenarios from a terminal. The CLI is
// TypeScript sharing web/sim with the browser; tsx loads it in place.
import { register } from 'tsx/esm/api';

// A reader that stops early (`kvmplay scenarios | head -1`) closes the pipe:
// like any Unix filter, end quietly with status 0 instead of a stack trace.
let streamFailed = false;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(0);
    streamFailed = true;
  });
}

register();
const { main } = await import('./main.ts');
const code = await main(process.argv.slice(2));
process.exitCode = streamFailed && code === 0 ? 1 : code;

#!/usr/bin/env node
// The CLI face of the engine; `npm run build` bundles it into out/cli (vite.cli.config.ts).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../out/cli/nsinspect.mjs', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('nsinspect: not built yet (run `npm run build` first)\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));

#!/usr/bin/env node
'use strict';
// The CLI face of the engine; `npm run build` bundles it into out/cli (vite.cli.config.ts).
// CommonJS (bin/package.json says so) like the bundle, so node never starts its ESM loader.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '..', 'out', 'cli', 'nsinspect.cjs');
if (!existsSync(entry)) {
  process.stderr.write('nsinspect: not built yet (run `npm run build` first)\n');
  process.exit(2);
}
require('./code-cache.js').install(join(__dirname, '..', 'out', 'cli'));
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });

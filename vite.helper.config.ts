// Builds the host helper as ONE CommonJS file, out/helper/host-helper.cjs, with every import
// bundled in: it runs as root from /usr/lib/nsinspect with `ELECTRON_RUN_AS_NODE=1 electron`, where
// no node_modules exist. `npm run build` runs this (build:helper).
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

export default defineConfig({
  logLevel: 'warn',
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: 'electron/helper/main.ts',
    outDir: 'out/helper',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rollupOptions: {
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { format: 'cjs', entryFileNames: 'host-helper.cjs' },
    },
  },
});

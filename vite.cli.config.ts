// Builds the CLI (and `serve`) into out/cli: nsinspect.mjs holds what every command needs
// (arguments, help, formatting); the engine, the access backends, the server and the shells are
// chunks loaded by the commands that use them. Bundled and tree-shaken because loading the
// unbundled tsc output module by module made `--help` cost 4x a bare node start.
// `npm run build` runs this (build:cli); bin/nsinspect.js imports the result.
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

export default defineConfig({
  logLevel: 'warn',
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: 'electron/cli/main.ts',
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rollupOptions: {
      // node-pty is native (its .node file is found next to its package); dockerode is required
      // at run time by the engine, only for exec and helper containers.
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`), '@lydell/node-pty', 'dockerode'],
      output: {
        format: 'es',
        entryFileNames: 'nsinspect.mjs',
        chunkFileNames: 'chunks/[name]-[hash].mjs',
        // What the read-only commands load, as one file rather than six: each module file costs a
        // resolve, a read and a compile. Shells, the server and the settings (zod) stay apart.
        codeSplitting: { groups: [{ name: 'engine', test: /electron\/core\/(?!shell\/|api\/|access\/controller)/ }] },
      },
    },
  },
});

// Builds the CLI (and `serve`) into out/cli: nsinspect.cjs holds what every command needs
// (arguments, help, formatting); the engine, the access backends, the server and the shells are
// chunks loaded by the commands that use them. Bundled and tree-shaken because loading the
// unbundled tsc output module by module made `--help` cost 4x a bare node start; CommonJS
// because node's CommonJS loader is up when node starts and its ESM loader is not (about 10%
// of `--help`). `npm run build` runs this (build:cli); bin/nsinspect.js requires the result.
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
      // at run time by the engine, only for exec and helper containers; @grpc/grpc-js by the
      // containerd engine, only when containerd is asked.
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`), '@lydell/node-pty', 'dockerode', '@grpc/grpc-js'],
      output: {
        format: 'cjs',
        entryFileNames: 'nsinspect.cjs',
        chunkFileNames: 'chunks/[name]-[hash].cjs',
        // What the read-only commands load, as one file rather than six: each module file costs a
        // resolve, a read and a compile. Shells, the server and the settings (zod) stay apart, and
        // so does what `--help` needs too (the model, errors), or it would load the engine's code.
        codeSplitting: {
          groups: [
            { name: 'common', test: /shared\/(model\/|api\/shell\.|messages\.|errors\.)|electron\/core\/errors/, priority: 3 },
            // The endpoint and the engine client load first, to send the list request early.
            { name: 'prefetch', test: /electron\/core\/engine\/(api|endpoint|prefetch|choose|containerd\/endpoint)\./, priority: 2 },
            { name: 'engine', test: /electron\/core\/(?!shell\/|api\/|access\/controller|errors|hosts\/)/, priority: 1 },
          ],
        },
      },
    },
  },
});

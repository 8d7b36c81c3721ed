import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Three builds: the main process and preload (Node/Electron), and the renderer (browser).
// The renderer output (out/renderer) is also what `nsinspect serve` hands to a browser.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      lib: { entry: resolve(__dirname, 'electron/main/index.ts'), formats: ['es'] },
      rollupOptions: { external: ['@lydell/node-pty', 'dockerode', 'ws', 'zod', '@grpc/grpc-js'] },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      lib: { entry: resolve(__dirname, 'electron/preload/index.ts'), formats: ['cjs'] },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      chunkSizeWarningLimit: 1600,
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});

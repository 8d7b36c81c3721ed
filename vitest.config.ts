import { defineConfig } from 'vitest/config';

// Three projects so that only the tests that need the engine wait for its fixture containers:
// unit (pure code, packaging files), renderer (happy-dom), engine (root and a real engine).
const SCALE = 'test/e2e/list-scale.test.ts';
const NO_ENGINE = ['test/unit/**/*.test.ts', 'test/packaging/**/*.test.ts', 'test/renderer/**/*.test.{ts,tsx}'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Integration tests share fixture containers and a 2-core machine.
    maxWorkers: 2,
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/packaging/**/*.test.ts'] } },
      { extends: true, test: { name: 'renderer', include: ['test/renderer/**/*.test.{ts,tsx}'], environment: 'happy-dom' } },
      {
        extends: true,
        test: {
          name: 'engine',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: [...NO_ENGINE, SCALE],
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      // 300 containers and their event storm make every other page on the machine slow (a host
      // chip click timed out in e2e/hosts beside it): this one runs after the others, alone.
      {
        extends: true,
        test: {
          name: 'scale',
          include: [SCALE],
          globalSetup: ['test/support/global-setup-scale.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

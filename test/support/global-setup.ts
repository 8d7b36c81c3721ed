import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { engineAvailable } from './sh.js';

// Before fixtures.ts is loaded: its names derive from the run id, and workers inherit the environment.
process.env.NSINSPECT_FIXTURE_RUN ??= randomBytes(3).toString('hex');
process.env.NSINSPECT_FIXTURE_OWNER ??= String(process.pid);
const { createFixtures, removeFixtures } = await import('./fixtures.js');

declare module 'vitest' {
  export interface ProvidedContext {
    engine: { ok: boolean; reason: string };
  }
}

/**
 * Creates the fixture containers once for the whole run and removes them after,
 * also when tests fail. Without an engine or root, integration tests skip —
 * unless NSINSPECT_REQUIRE_DOCKER=1 (CI) makes that a failure.
 */
export default function setup(project: TestProject): () => void {
  const engine = engineAvailable();
  if (!engine.ok && process.env.NSINSPECT_REQUIRE_DOCKER === '1') {
    throw new Error(`NSINSPECT_REQUIRE_DOCKER=1 but ${engine.reason}`);
  }
  if (engine.ok) createFixtures();
  project.provide('engine', engine);
  return () => {
    if (engine.ok) removeFixtures();
  };
}

import type { TestProject } from 'vitest/node';
import { createFixtures, removeFixtures } from './fixtures.js';
import { engineAvailable } from './sh.js';

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

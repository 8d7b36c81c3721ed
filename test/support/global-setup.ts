import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
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
 * Several tests run the CLI, serve or the host-helper client as a throwaway user (nobody, a
 * sudo user): that user must be able to reach this checkout. A checkout under a 0700
 * directory (mktemp -d) would make them fail with "Cannot find module"; say why instead.
 */
function checkoutReachableByOthers(): string | null {
  for (let d = fileURLToPath(new URL('../../', import.meta.url)); ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0)
      return `${d} lacks o+x, so the tests' throwaway users cannot reach this checkout (chmod o+x ${d})`;
    if (dirname(d) === d) return null;
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
  const unreachable = engine.ok ? checkoutReachableByOthers() : null;
  if (unreachable) throw new Error(unreachable);
  if (engine.ok) createFixtures();
  project.provide('engine', engine);
  return () => {
    if (engine.ok) removeFixtures();
  };
}

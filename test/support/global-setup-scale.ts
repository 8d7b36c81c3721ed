import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { engineAvailable } from './sh.js';

// As global-setup.ts: the run id before fixtures.ts is loaded (it names things after it).
process.env.NSINSPECT_FIXTURE_RUN ??= randomBytes(3).toString('hex');
process.env.NSINSPECT_FIXTURE_OWNER ??= String(process.pid);
const { buildImage } = await import('./fixtures.js');

/** The scale project's setup: the engine check and the test image; list-scale makes its own containers. */
export default function setup(project: TestProject): void {
  const engine = engineAvailable();
  if (!engine.ok && process.env.NSINSPECT_REQUIRE_DOCKER === '1') throw new Error(`NSINSPECT_REQUIRE_DOCKER=1 but ${engine.reason}`);
  if (engine.ok) buildImage();
  project.provide('engine', engine);
}

import { describe, expect, it } from 'vitest';
import { describeWithEngine } from '../engine.js';

/**
 * describe() for a rig's tests: skipped with the reason where the rig cannot run, except in CI
 * (NSINSPECT_REQUIRE_DOCKER=1), where that is a failure.
 */
export function describeRig(unavailable: string | null, rig: string): (name: string, fn: () => void) => void {
  if (!unavailable) return describeWithEngine;
  if (process.env.NSINSPECT_REQUIRE_DOCKER === '1')
    return (name) => describe(name, () => it(`needs the ${rig}`, () => expect.fail(`the ${rig} cannot run: ${unavailable}`)));
  return (name, fn) => describe.skip(`${name} (skipped: ${unavailable})`, fn);
}

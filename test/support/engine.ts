import { describe, inject } from 'vitest';

/** describe() for tests that need root and a real engine; skipped, with the reason, otherwise. */
export function describeWithEngine(name: string, fn: () => void): void {
  const engine = inject('engine');
  if (engine.ok) describe(name, fn);
  else describe.skip(`${name} (skipped: ${engine.reason})`, fn);
}

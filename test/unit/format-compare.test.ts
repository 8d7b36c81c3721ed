import { describe, expect, it } from 'vitest';
import { PLAIN, formatComparison } from '../../electron/cli/format.js';
import { sampleComparison } from '../renderer/sample-comparison.js';

describe('compare as a table', () => {
  it('X host: the host appears once, as B, with its PID and command', () => {
    const out = formatComparison(sampleComparison(true), PLAIN);
    const head = out.split('\n')[0]!;
    expect(head.match(/host \(pid/g)).toHaveLength(1);
    expect(head).toContain('host (pid 1 systemd)');
    expect(head).toContain('A–host');
    // No "=host" marks either: B is the host.
    expect(out).not.toContain('=host');
  });

  it('X Y: both containers, then the host column', () => {
    const head = formatComparison(sampleComparison(false), PLAIN).split('\n')[0]!;
    expect(head.split(/\s{2,}/)).toEqual(['TYPE', 'web (pid 100)', 'side (pid 200)', 'host (pid 1 systemd)', 'A–B']);
  });
});

// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MappedNamespace } from '../../shared/model/hostmap.js';
import { TypeCard } from '../../renderer/src/views/HostMapView.js';

afterEach(cleanup);

const ns = (inode: number, containers: string[], isHost = false): MappedNamespace => ({
  type: 'net',
  inode,
  nprocs: containers.length || 1,
  pid: inode,
  command: 'sleep',
  containers: containers.map((name) => ({ id: `${name}-id`, name })),
  isHost,
});

describe('the host map colours', () => {
  it('colours each namespace several containers hold with its own swatch; single and host ones stay plain', () => {
    const items = [ns(1, [], true), ns(10, ['web', 'sidecar']), ns(11, ['db', 'db-exporter']), ns(12, ['solo']), ns(13, ['other'])];
    const { container } = render(<TypeCard type="net" items={items} />);
    // happy-dom drops oklch() from inline styles: the swatch's unique label says which one was given.
    const chip = (inode: number) => container.querySelector(`[data-inode="${inode}"]`)!;
    const labels = [chip(10).getAttribute('title'), chip(11).getAttribute('title')].sort();
    expect(labels).toEqual(['#1', '#2']);
    // Held alone or the host's: no swatch, the copy hint as the title; the host's drawn as the host's.
    for (const inode of [12, 13, 1]) expect(chip(inode).getAttribute('title'), String(inode)).not.toMatch(/^#/);
    expect(chip(1).classList.contains('host')).toBe(true);
    expect(chip(12).classList.contains('host')).toBe(false);
  });
});

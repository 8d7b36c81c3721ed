import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { containerPidsFromCgroups } from '../../electron/core/engine/pids.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);
const root = mkdtempSync(join(tmpdir(), 'nsi-proc-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A process as the kernel shows it: its cgroup file and a stat line with the start time in field 22. */
function proc(pid: number, cgroup: string, start: number, comm = 'sleep'): void {
  mkdirSync(join(root, String(pid)));
  writeFileSync(join(root, String(pid), 'cgroup'), cgroup);
  const fields = ['S', '1', ...Array.from({ length: 17 }, () => '0'), String(start), '0'];
  writeFileSync(join(root, String(pid), 'stat'), `${pid} (${comm}) ${fields.join(' ')}\n`);
}

describe('container PIDs from /proc/*/cgroup', () => {
  // cgroup v1 (cgroupfs driver), an exec started later in the same container
  proc(300, `12:memory:/docker/${A}\n0::/docker/${A}\n`, 5000);
  proc(120, `12:memory:/docker/${A}\n0::/docker/${A}\n`, 9000, 'sh) (x'); // a lower PID (wrapped) but started later
  // cgroup v2 with the systemd driver; a nested engine's container inside it counts for the outer one
  proc(400, `0::/system.slice/docker-${B}.scope\n`, 7000);
  proc(410, `0::/system.slice/docker-${B}.scope/docker/${'d'.repeat(64)}\n`, 8000);
  // a container the list does not have, and a process in no container
  proc(500, `0::/system.slice/libpod-${'e'.repeat(64)}.scope\n`, 100);
  proc(1, '0::/init.scope\n', 1);
  mkdirSync(join(root, 'self'));

  it("finds each listed container's first-started process", () => {
    const pids = containerPidsFromCgroups(new Set([A, B, C]), root);
    expect(Object.fromEntries(pids)).toEqual({ [A]: 300, [B]: 400 });
  });

  it('says nothing of containers whose processes it cannot see', () => {
    expect(containerPidsFromCgroups(new Set([C]), root).size).toBe(0);
    expect(containerPidsFromCgroups(new Set([A]), join(root, 'nonexistent')).size).toBe(0);
  });
});

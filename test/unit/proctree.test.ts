import { describe, expect, it } from 'vitest';
import { processTree, type Process } from '../../shared/model/index.js';

const p = (hostPid: number, ppid: number, nsPid = hostPid): Process => ({
  hostPid,
  ppid,
  nsPid,
  nsPids: [hostPid, nsPid],
  uid: 0,
  user: 'root',
  comm: 'sh',
  command: String(hostPid),
  state: 'S',
});
const rows = (procs: Process[]) => processTree(procs).map(({ p, depth }) => [p.hostPid, depth]);

describe('process tree (the CLI and the PID pane)', () => {
  it('puts children under their parents, processes from outside the namespace at the top', () => {
    // 10's parent 5 is not in the list (the container's init, seen from a child namespace).
    expect(rows([p(30, 10), p(10, 5), p(20, 10), p(40, 20)])).toEqual([
      [10, 0],
      [20, 1],
      [40, 2],
      [30, 1],
    ]);
  });

  it('orders siblings by the PID the namespace sees, host PIDs only as a tie-break', () => {
    // Host PIDs wrapped around: 900 was started after 100 inside, and is nsPid 3 to its 2.
    expect(rows([p(900, 50, 3), p(50, 1, 1), p(100, 50, 2)])).toEqual([
      [50, 0],
      [100, 1],
      [900, 1],
    ]);
    expect(rows([p(8, 0, 1), p(7, 0, 1)])).toEqual([
      [7, 0],
      [8, 0],
    ]);
  });

  it('shows every process once, even when parent links loop or point at themselves', () => {
    // PIDs reused between two reads can make 20 and 21 each other's parent.
    const out = rows([p(20, 21), p(21, 20), p(1, 1), p(2, 1)]);
    expect(out).toEqual([
      [1, 0],
      [2, 1],
      [20, 0],
      [21, 1],
    ]);
  });
});

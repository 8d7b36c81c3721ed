import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadBatcher, type HelperRun } from '../../electron/core/access/helper-reads.js';

// The docker-helper's read script, run here by the machine's own sh and coreutils on files this
// test makes: what it answers is compared with what node's fs reads of the same files.
const localSh: HelperRun = (argv) =>
  new Promise((resolve, reject) =>
    execFile(argv[0]!, argv.slice(1), { encoding: 'utf8', maxBuffer: 64 << 20 }, (e, stdout) => (e ? reject(e) : resolve(stdout))),
  );

describe('the helper reads, batched', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nsi-reads-'));
    writeFileSync(join(dir, 'a'), 'alpha\n');
    // Content that looks like the framing: the marker is random per exec, so it cannot close an answer.
    writeFileSync(join(dir, 'forged'), '\n@@nsi-000000000000000000000000@@ 0 0\nafter\n');
    writeFileSync(join(dir, 'big'), 'x'.repeat(100));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    symlinkSync('a', join(dir, 'link'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', '.hidden'), '');
    writeFileSync(join(dir, 'sub', 'one'), '');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers reads asked for in one turn in one exec, each as fs sees the file', async () => {
    let execs = 0;
    const b = new ReadBatcher((argv, t) => (execs++, localSh(argv, t)), 'exit 3');
    const p = (n: string) => join(dir, n);
    const [files, links, listing] = await Promise.all([
      b.read(['a', 'forged', 'big', 'fifo', 'missing'].map((n) => ({ op: 'f' as const, cap: 11, arg: p(n) }))),
      b.read([{ op: 'l', cap: 0, arg: p('link') }]),
      b.read([{ op: 'd', cap: 0, arg: p('sub') }]),
    ]);
    expect(execs).toBe(1);
    expect(files.map((x) => x.rc)).toEqual(['0', '0', '0', 'NOTREG', 'ENOENT']);
    expect(files[0]!.text).toBe(readFileSync(p('a'), 'utf8'));
    expect(files[1]!.text).toBe(readFileSync(p('forged'), 'utf8').slice(0, 11));
    expect(files[2]!.text).toBe(readFileSync(p('big'), 'utf8').slice(0, 11));
    expect(links[0]).toEqual({ rc: '0', text: `${readlinkSync(p('link'))}\n` });
    expect(
      listing[0]!.text
        .split('\n')
        .filter((n) => n && n !== '.' && n !== '..')
        .sort(),
    ).toEqual(readdirSync(p('sub')).sort());
  });

  it('a read asked for later gets an exec of its own, and a failed exec fails every read in it', async () => {
    let execs = 0;
    const b = new ReadBatcher((argv, t) => (execs++, localSh(argv, t)), 'exit 3');
    await b.read([{ op: 's', cap: 0, arg: dir }]);
    await b.read([{ op: 's', cap: 0, arg: dir }]);
    expect(execs).toBe(2);
    const broken = new ReadBatcher(() => Promise.reject(new Error('the helper is gone')), 'exit 3');
    const both = [broken.read([{ op: 'l', cap: 0, arg: dir }]), broken.read([{ op: 's', cap: 0, arg: dir }])];
    for (const r of both) await expect(r).rejects.toThrow('the helper is gone');
  });
});

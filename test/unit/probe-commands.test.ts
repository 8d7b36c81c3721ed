// The probe's typed requests and their one table to argv; the hello check of the client.
import { describe, expect, it } from 'vitest';
import { checkProbeRequest, NET_BATCH, probeCommand } from '../../electron/core/access/probe-commands.js';
import { HostHelperClient, helloProblem } from '../../electron/core/access/host-helper/client.js';

describe('probe requests', () => {
  it('map to fixed argv, each with a timeout', () => {
    expect(probeCommand({ kind: 'ipAddr', pid: 7 })).toEqual({
      enter: ['net'],
      pid: 7,
      program: 'ip',
      args: ['-j', '-d', 'addr', 'show'],
      timeoutMs: 10_000,
    });
    expect(probeCommand({ kind: 'netBatch', pid: 7 })).toMatchObject({
      program: 'ip',
      args: ['-j', '-d', '-batch', '-'],
      input: NET_BATCH,
    });
    expect(probeCommand({ kind: 'kernelViews', pid: 7, cgroup: true })).toMatchObject({
      enter: ['uts', 'ipc', 'cgroup'],
      args: [
        '-v',
        '-n',
        '+1',
        '/proc/sys/kernel/hostname',
        '/proc/sys/kernel/domainname',
        '/proc/sysvipc/shm',
        '/proc/sysvipc/sem',
        '/proc/sysvipc/msg',
        '/proc/7/cgroup',
      ],
    });
    expect(probeCommand({ kind: 'kernelViews', pid: 7, cgroup: false }).enter).toEqual(['uts', 'ipc']);
    expect(probeCommand({ kind: 'userNs', pid: 7 })).toMatchObject({
      enter: [],
      program: 'lsns',
      args: ['-J', '-p', '7', '-t', 'user', '-o', 'NS,PNS,ONS'],
    });
  });

  it('from the wire: exactly the documented fields, nothing more', () => {
    expect(checkProbeRequest({ kind: 'ipAddr', pid: 7 })).toEqual({ kind: 'ipAddr', pid: 7 });
    expect(checkProbeRequest({ kind: 'kernelViews', pid: 7, cgroup: false })).toEqual({ kind: 'kernelViews', pid: 7, cgroup: false });
    for (const bad of [
      null,
      [],
      { kind: 'exec', pid: 7 },
      { kind: 'ipAddr', pid: '7' },
      { kind: 'ipAddr', pid: 0 },
      { kind: 'ipAddr', pid: 1.5 },
      { kind: 'ipAddr', pid: 7, argv: ['touch', '/x'] },
      { kind: 'netBatch', pid: 7, input: 'link set lo down' },
      { kind: 'kernelViews', pid: 7 },
      { kind: 'kernelViews', pid: 7, cgroup: true, files: ['/etc/shadow'] },
    ]) {
      expect(() => checkProbeRequest(bad), JSON.stringify(bad)).toThrow(expect.objectContaining({ code: 'input' }));
    }
  });
});

describe('hello', () => {
  const ok = { version: 2, mode: 'read' as const, pid: 9, uid: 0, callerUid: null, hostPid: 2 };
  it('accepts the helper asked for', () => {
    expect(helloProblem(ok, 'read')).toBeNull();
  });
  it('a helper of another protocol version: says to reinstall the package', () => {
    const e = helloProblem({ ...ok, version: 1 }, 'read')!;
    expect(e.code).toBe('unsupported');
    expect(e.message).toMatch(/protocol version 1, this nsinspect speaks 2/);
    expect(e.hint).toMatch(/reinstall the nsinspect package/);
    expect(helloProblem({ version: 1, pid: 9, uid: 0, hostPid: 2 } as never, 'read')!.message).toMatch(/version 1/);
  });
  it('not root, another mode, or another caller: refused', () => {
    expect(helloProblem({ ...ok, uid: 1000 }, 'read')!.code).toBe('permission');
    expect(helloProblem(ok, 'shells')!.message).toMatch(/started for read, not shells/);
    expect(helloProblem({ ...ok, callerUid: (process.getuid?.() ?? 0) + 1 }, 'read')!.code).toBe('permission');
  });

  it('a helper of the old protocol, started for real: the start fails and says what to do', async () => {
    // Answers any request with a hand-written version-1 hello (the frame built here, not by the encoder).
    const v1 = `const body = Buffer.from('{"t":"res","id":1,"ok":true,"value":{"version":1,"pid":1,"uid":0,"hostPid":2}}\\n');
      const len = Buffer.alloc(4); len.writeUInt32BE(body.length);
      process.stdin.once('data', () => process.stdout.write(Buffer.concat([len, body])));
      process.stdin.on('end', () => process.exit(0));`;
    const start = HostHelperClient.start({ how: 'direct', mode: 'read', argv: [process.execPath, '-e', v1], env: {} });
    await expect(start).rejects.toMatchObject({ code: 'unsupported', hint: expect.stringMatching(/reinstall the nsinspect package/) });
  });
});

import { describe, expect, it } from 'vitest';
import { NsInspectError } from '../../electron/core/errors.js';
import { nsenterArgv } from '../../electron/core/nsenter/argv.js';

describe('nsenterArgv per nsenter flavour', () => {
  const base = {
    pid: 42,
    enter: ['cgroup', 'net'] as const,
    fromHost: { pid: 2, types: ['mnt', 'uts', 'ipc'] as const },
    argv: ['/bin/sh'],
  };

  it("util-linux: every namespace as a file, the host reference's for the ones not entered", () => {
    expect(nsenterArgv({ ...base, flavor: 'util-linux' })).toEqual([
      'nsenter',
      '-C/proc/42/ns/cgroup',
      '-i/proc/2/ns/ipc',
      '-m/proc/2/ns/mnt',
      '-n/proc/42/ns/net',
      '-u/proc/2/ns/uts',
      '--',
      '/bin/sh',
    ]);
  });

  it("host-util-linux: busybox nsenter enters the host's mount namespace only, then execs the host's nsenter with the util-linux argv", () => {
    expect(
      nsenterArgv({ ...base, flavor: 'host-util-linux', hostNsenter: '/usr/bin/nsenter', uid: 65534, gid: 65534, cwd: '/tmp' }),
    ).toEqual([
      'nsenter',
      '-m/proc/2/ns/mnt',
      '--',
      '/usr/bin/nsenter',
      '-C/proc/42/ns/cgroup',
      '-i/proc/2/ns/ipc',
      '-m/proc/2/ns/mnt',
      '-n/proc/42/ns/net',
      '-u/proc/2/ns/uts',
      '-S',
      '65534',
      '-G',
      '65534',
      '-w/proc/2/root/tmp',
      '--',
      '/bin/sh',
    ]);
  });

  it('host-util-linux needs the host reference and an absolute path', () => {
    expect(() => nsenterArgv({ ...base, flavor: 'host-util-linux' })).toThrow(NsInspectError);
    expect(() => nsenterArgv({ ...base, flavor: 'host-util-linux', hostNsenter: 'nsenter' })).toThrow(NsInspectError);
    expect(() =>
      nsenterArgv({ pid: 42, enter: ['net'], argv: ['/bin/sh'], flavor: 'host-util-linux', hostNsenter: '/usr/bin/nsenter' }),
    ).toThrow(NsInspectError);
  });

  it('busybox: cgroup and time cannot be entered, with what to do', () => {
    const err = (() => {
      try {
        nsenterArgv({ ...base, flavor: 'busybox' });
        return null;
      } catch (e) {
        return e as NsInspectError;
      }
    })();
    expect(err?.code).toBe('unsupported');
    expect(err?.message).toMatch(/cannot enter cgroup namespaces/);
    expect(err?.hint).toMatch(/util-linux/);
    expect(nsenterArgv({ ...base, enter: ['net'], flavor: 'busybox' })).toEqual([
      'nsenter',
      '-i/proc/2/ns/ipc',
      '-m/proc/2/ns/mnt',
      '-n/proc/42/ns/net',
      '-u/proc/2/ns/uts',
      '--',
      '/bin/sh',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { NS_TYPES, type NsType } from '../../shared/model/index.js';
import { SHELL_PRESETS, describeConfinement } from '../../shared/api/shell.js';
import { containerRestrictions, decideRoute, refusal } from '../../electron/core/shell/confinement.js';

const inodes = (base: number, own: readonly NsType[]) =>
  Object.fromEntries(NS_TYPES.map((t, i) => [t, own.includes(t) ? base + i : 100 + i]));
const host = inodes(100, []);
// A plain Docker container on a cgroup v1 host: its own mnt, uts, ipc, net, pid.
const plain = inodes(200, ['mnt', 'uts', 'ipc', 'net', 'pid']);
// userns-remap, cgroup v2: its own user and cgroup namespaces too.
const remapped = inodes(300, ['mnt', 'uts', 'ipc', 'net', 'pid', 'cgroup', 'user']);

describe('which way a shell runs', () => {
  it("the whole container (exec preset, all): the engine's exec, confined; shared ones said", () => {
    for (const ns of [SHELL_PRESETS.exec.namespaces, SHELL_PRESETS.all.namespaces]) {
      const d = decideRoute(ns, plain, host, false);
      expect(d).toMatchObject({ route: 'engine', confinement: 'container', refused: false, enter: ['ipc', 'mnt', 'net', 'pid', 'uts'] });
      expect(d.notEntered.map((n) => n.type)).toEqual(ns.filter((t) => !['ipc', 'mnt', 'net', 'pid', 'uts'].includes(t)).sort());
      expect(d.notEntered.every((n) => n.why === 'shared-with-host')).toBe(true);
    }
  });

  it("a remapped container's user namespace always comes along: the exec preset is still the whole container", () => {
    const d = decideRoute(SHELL_PRESETS.exec.namespaces, remapped, host, false);
    expect(d.route).toBe('engine');
    expect(d.enter).toContain('user');
    const net = decideRoute(['net'], remapped, host, false);
    expect(net).toMatchObject({ route: 'nsenter', confinement: 'host-root', enter: ['net', 'user'] });
  });

  it("the container's filesystem with some host namespaces: refused, unless opted in", () => {
    expect(decideRoute(['mnt', 'pid'], plain, host, false)).toMatchObject({ route: 'nsenter', confinement: 'unconfined', refused: true });
    expect(decideRoute(['mnt', 'pid'], plain, host, true)).toMatchObject({
      route: 'nsenter',
      confinement: 'unconfined',
      refused: false,
      enter: ['mnt', 'pid'],
    });
    // Opting in changes nothing for a whole container: the engine still runs it.
    expect(decideRoute(SHELL_PRESETS.all.namespaces, plain, host, true).route).toBe('engine');
  });

  it("no mount namespace: the host's program as root, labelled so", () => {
    const d = decideRoute(['net', 'pid'], plain, host, false);
    expect(d).toMatchObject({ route: 'nsenter', confinement: 'host-root', enter: ['net', 'pid'], refused: false });
    expect(describeConfinement({ confinement: 'host-root', namespaces: ['net'], missing: [] })).toBe(
      "root shell on the host, inside the container's network",
    );
    expect(describeConfinement({ confinement: 'host-root', namespaces: ['net', 'pid'], missing: [] })).toBe(
      "root shell on the host, inside the container's network, pid",
    );
  });

  it("a type the kernel lacks on both sides is not the container's own", () => {
    const noTime = (x: Record<string, number>) => Object.fromEntries(Object.entries(x).filter(([t]) => t !== 'time'));
    expect(decideRoute(SHELL_PRESETS.exec.namespaces, noTime(plain), noTime(host), false).route).toBe('engine');
    // Unreadable on one side only: counted as the container's, so asking for "all but it" is refused.
    expect(decideRoute(SHELL_PRESETS.exec.namespaces, noTime(plain), host, false).refused).toBe(true);
  });
});

describe('what an unconfined shell would lack', () => {
  const status = (bnd: string, seccomp: string, nnp: string) =>
    `Name:\tsleep\nNoNewPrivs:\t${nnp}\nSeccomp:\t${seccomp}\nCapBnd:\t${bnd}\n`;
  it("named from the init's status and cgroup against the host's", () => {
    const r = containerRestrictions({
      status: status('00000000a80425fb', '2', '1'),
      cgroup: '1:name=systemd:/docker/x\n',
      lsm: 'docker-default (enforce)\n',
      launcherStatus: status('000001ffffffffff', '0', '0'),
      launcherCgroup: '1:name=systemd:/\n',
    });
    expect(r).toEqual(['seccomp', 'capabilities', 'cgroup', 'no-new-privs', 'lsm']);
    const privileged = containerRestrictions({
      status: status('000001ffffffffff', '0', '0'),
      cgroup: '0::/\n',
      lsm: 'unconfined',
      launcherStatus: status('000001ffffffffff', '0', '0'),
      launcherCgroup: '0::/\n',
    });
    expect(privileged).toEqual([]);
    // A launcher that is itself held to no_new_privs (the docker-helper) does not lose it.
    const helper = containerRestrictions({
      status: status('00000000a80425fb', '2', '1'),
      cgroup: 'x',
      lsm: null,
      launcherStatus: status('00000000a82c35fb', '0', '1'),
      launcherCgroup: 'y',
    });
    expect(helper).toEqual(['seccomp', 'capabilities', 'cgroup']);
  });
  it('the refusal names what is missing and what to do', () => {
    const e = refusal(['ipc', 'mnt', 'net', 'pid', 'uts'], ['mnt'], ['seccomp', 'capabilities', 'cgroup']);
    expect(e.code).toBe('unsupported');
    expect(e.message).toMatch(/host's ipc, net, pid, uts namespaces cannot be confined like the container/);
    expect(e.message).toMatch(/without its seccomp filter, its capability set, its cgroups/);
    expect(e.hint).toMatch(/--unconfined/);
    expect(e.hint).toMatch(/ipc, mnt, net, pid, uts/);
  });
});

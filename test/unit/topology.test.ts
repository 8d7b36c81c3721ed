import { describe, expect, it } from 'vitest';
import type { HostReference } from '../../shared/model/index.js';
import type { ProbeAccess, ProbeRequest, Read, RunResult } from '../../electron/core/access/access.js';
import { NsInspectError } from '../../electron/core/errors.js';
import { buildTopology, freshInterfaces } from '../../electron/core/topology.js';
import { formatTopology, PLAIN } from '../../electron/cli/format.js';
import { container } from '../renderer/fake-api.js';

// `ip -j -d addr show` as iproute2 prints it, trimmed to the fields the parser reads.
const HOST_IP = JSON.stringify([
  {
    ifindex: 3,
    ifname: 'docker0',
    operstate: 'UP',
    link_type: 'ether',
    linkinfo: { info_kind: 'bridge' },
    addr_info: [{ family: 'inet', local: '172.17.0.1', prefixlen: 16 }],
  },
  { ifindex: 8, ifname: 'veth1', link_index: 7, master: 'docker0', link_type: 'ether', linkinfo: { info_kind: 'veth' }, addr_info: [] },
]);
const INSIDE_IP = JSON.stringify([
  {
    ifindex: 7,
    ifname: 'eth0',
    link_index: 8,
    link_type: 'ether',
    linkinfo: { info_kind: 'veth' },
    addr_info: [{ family: 'inet', local: '172.17.0.2', prefixlen: 16 }],
  },
]);

const host: HostReference = { pid: 1, comm: 'init', reason: 'test', namespaces: { net: 1000 } };
const denied = { code: 'permission' as const, message: 'nsenter: cannot open /proc/300/ns/net: Permission denied', hint: 'run as root' };

/** Answers `ip` by the PID whose namespace it enters: text, or a Problem. */
function accessAnswering(byPid: Record<number, string | typeof denied>): ProbeAccess {
  const run = async ({ pid }: ProbeRequest): Promise<Read<RunResult>> => {
    const a = byPid[pid];
    if (a === undefined) throw new Error(`unexpected pid ${pid}`);
    return typeof a === 'string' ? { ok: true, value: { code: 0, stdout: a, stderr: '' } } : { ok: false, error: a };
  };
  const none = async () => [];
  return {
    kind: 'direct',
    run,
    readFiles: none,
    readLinks: none,
    stat: none,
    resolve: none,
    listDir: async () => ({ ok: true, value: [] }),
    close: async () => undefined,
  };
}

describe('the network picture', () => {
  const web = container('web', { pid: 200, namespaces: { net: 2000 } });
  const locked = container('locked', { pid: 300, namespaces: { net: 3000 } });

  it('an unreadable namespace carries its problem, not an empty list that looks real', async () => {
    const t = await buildTopology(freshInterfaces(accessAnswering({ 1: HOST_IP, 200: INSIDE_IP, 300: denied })), host, [web, locked]);
    const ok = t.netns.find((n) => n.inode === 2000)!;
    expect(ok.error).toBeUndefined();
    expect(ok.interfaces.map((i) => i.name)).toEqual(['eth0']);
    const bad = t.netns.find((n) => n.inode === 3000)!;
    expect(bad.error).toEqual(denied);
    expect(bad.interfaces).toEqual([]);
    expect(t.veths).toEqual([expect.objectContaining({ name: 'veth1', peerNetns: 2000, peerName: 'eth0' })]);

    const text = formatTopology(t, PLAIN);
    expect(text).toMatch(
      /^net:\[3000\] locked: interfaces unreadable: nsenter: cannot open \/proc\/300\/ns\/net: Permission denied \(run as root\)$/m,
    );
    expect(text).not.toMatch(/locked: no interfaces/);
  });

  it("the host's own interfaces unreadable: an error the CLI shows as such, with what to do", async () => {
    const err = await buildTopology(freshInterfaces(accessAnswering({ 1: { ...denied, hint: undefined } as never })), host, [web]).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(NsInspectError);
    expect(err).toMatchObject({ code: 'permission', message: denied.message, hint: expect.stringMatching(/iproute2/) });
  });
});

import type { NetInterface, NetSection, Section } from '../../../shared/model/index.js';
import type { ProbeAccess } from '../access/access.js';
import { parseIpAddr, parseIpRoute } from '../parse/ip.js';

/** The interfaces of the network namespace that pid is in, read with the host's `ip`. */
export async function readInterfaces(access: ProbeAccess, pid: number): Promise<Section<NetInterface[]>> {
  const r = await access.run({ pid, enter: ['net'], argv: ['ip', '-j', '-d', 'addr', 'show'] });
  if (!r.ok) return { error: r.error };
  try {
    return parseIpAddr(r.value.stdout);
  } catch (e) {
    return { error: { code: 'failed', message: `unreadable output of ip -j addr: ${(e as Error).message}` } };
  }
}

/**
 * A veth's other end: the host interface whose ifindex is our iflink and whose
 * iflink is our ifindex. Checking both directions keeps an ifindex that merely
 * happens to match in another namespace from being taken for the peer.
 */
export function attachPeers(ifaces: NetInterface[], hostIfaces: NetInterface[] | null, isHostNs: boolean): NetInterface[] {
  if (!hostIfaces) return ifaces;
  return ifaces.map((i) => {
    if (i.kind !== 'veth' || i.linkIndex === null) return i;
    if (isHostNs) {
      const local = ifaces.find((o) => o.ifindex === i.linkIndex && o.linkIndex === i.ifindex);
      if (local) return { ...i, peer: { ifindex: local.ifindex, name: local.name, master: local.master, netns: 'host' } };
      return i;
    }
    const h = hostIfaces.find((o) => o.ifindex === i.linkIndex && o.linkIndex === i.ifindex && o.kind === 'veth');
    return h ? { ...i, peer: { ifindex: h.ifindex, name: h.name, master: h.master, netns: 'host' } } : i;
  });
}

export async function readNet(
  access: ProbeAccess,
  pid: number,
  hostIfaces: NetInterface[] | null,
  isHostNs: boolean,
): Promise<Section<NetSection>> {
  const [ifaces, r4, r6] = await Promise.all([
    readInterfaces(access, pid),
    access.run({ pid, enter: ['net'], argv: ['ip', '-j', 'route', 'show', 'table', 'main'] }),
    access.run({ pid, enter: ['net'], argv: ['ip', '-j', '-6', 'route', 'show', 'table', 'main'] }),
  ]);
  if ('error' in ifaces) return ifaces;
  if (!r4.ok) return { error: r4.error };
  const routes = [...(r4.ok ? parseIpRoute(r4.value.stdout) : []), ...(r6.ok ? parseIpRoute(r6.value.stdout) : [])];
  return { interfaces: attachPeers(ifaces, hostIfaces, isHostNs), routes };
}

import { problem, type NetInterface, type NetSection, type Section } from '../../../shared/model/index.js';
import type { ProbeAccess } from '../access/access.js';
import { parseIpAddr, parseIpRoute } from '../parse/ip.js';

/** The interfaces of the network namespace that pid is in, read with the host's `ip`. */
export async function readInterfaces(access: ProbeAccess, pid: number): Promise<Section<NetInterface[]>> {
  const r = await access.run({ kind: 'ipAddr', pid });
  if (!r.ok) return { error: r.error };
  try {
    return parseIpAddr(r.value.stdout);
  } catch (e) {
    return { error: problem('command.unreadable', { command: 'ip -j addr', detail: (e as Error).message }) };
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
    // Both ends in one namespace: `ip` names the other end (link) rather than giving its ifindex.
    if (isHostNs && i.kind === 'veth' && i.linkName !== undefined) {
      const local = ifaces.find((o) => o.name === i.linkName && o.linkName === i.name);
      return local ? { ...i, peer: { ifindex: local.ifindex, name: local.name, master: local.master, netns: 'host' } } : i;
    }
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

/** One `ip` process per namespace: addresses, IPv4 and IPv6 routes (probe-commands.ts, netBatch). */
export async function readNet(
  access: ProbeAccess,
  pid: number,
  hostIfaces: NetInterface[] | null,
  isHostNs: boolean,
): Promise<Section<NetSection>> {
  const r = await access.run({ kind: 'netBatch', pid });
  if (!r.ok) return { error: r.error };
  try {
    const [addr = '[]', v4 = '[]', v6 = '[]'] = r.value.stdout.split('\n').filter((l) => l.startsWith('['));
    const routes = [...parseIpRoute(v4), ...parseIpRoute(v6)];
    return { interfaces: attachPeers(parseIpAddr(addr), hostIfaces, isHostNs), routes };
  } catch (e) {
    return { error: problem('command.unreadable', { command: 'ip -j -batch', detail: (e as Error).message }) };
  }
}

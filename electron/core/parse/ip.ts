import type { NetInterface, Route } from '../../../shared/model/index.js';

interface IpAddrJson {
  ifindex: number;
  ifname: string;
  link_index?: number;
  link_netnsid?: number;
  /** Instead of link_index when the other end is in the same namespace. */
  link?: string;
  mtu: number;
  operstate?: string;
  link_type?: string;
  address?: string;
  master?: string;
  linkinfo?: { info_kind?: string };
  addr_info?: { family: 'inet' | 'inet6'; local: string; prefixlen: number; scope: string }[];
}

/** `ip -j -d addr show` → interfaces (peer is filled in by the caller, which knows the host side). */
export function parseIpAddr(json: string): NetInterface[] {
  const rows = JSON.parse(json || '[]') as IpAddrJson[];
  return rows.map((r) => {
    const addressInfo = (r.addr_info ?? [])
      .filter((a) => a.local)
      .map((a) => ({ family: a.family, local: a.local, prefixlen: a.prefixlen, scope: a.scope }));
    return {
      name: r.ifname,
      ifindex: r.ifindex,
      kind: r.linkinfo?.info_kind ?? (r.link_type === 'loopback' ? 'loopback' : 'device'),
      mac: r.address ?? null,
      mtu: r.mtu,
      state: r.operstate ?? 'UNKNOWN',
      addresses: addressInfo.map((a) => `${a.local}/${a.prefixlen}`),
      addressInfo,
      master: r.master ?? null,
      linkIndex: r.link_index ?? null,
      ...(r.link_netnsid !== undefined ? { linkNetnsid: r.link_netnsid } : {}),
      ...(r.link ? { linkName: r.link } : {}),
    };
  });
}

interface IpRouteJson {
  dst: string;
  gateway?: string;
  dev?: string;
  protocol?: string;
  scope?: string;
  prefsrc?: string;
  table?: string;
}

export function parseIpRoute(json: string): Route[] {
  const rows = JSON.parse(json || '[]') as IpRouteJson[];
  return rows.map((r) => ({
    dst: r.dst,
    gateway: r.gateway ?? null,
    dev: r.dev ?? null,
    protocol: r.protocol ?? null,
    scope: r.scope ?? null,
    prefsrc: r.prefsrc ?? null,
    table: r.table ?? null,
  }));
}

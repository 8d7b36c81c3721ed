/** The part of an engine's `GET /networks` answer that names host interfaces. */
export interface EngineNetworkJson {
  Id?: string;
  Name?: string;
  Driver?: string;
  Options?: Record<string, string> | null;
}

/** An engine network as the network picture uses it: which host interface it is, or sits on. */
export interface EngineNetwork {
  name: string;
  driver: string;
  /** The host bridge of a bridge network (docker0, br-<id12>, or the name set in its options). */
  bridge: string | null;
  /** The host interface a macvlan/ipvlan network's interfaces sit on. */
  parent: string | null;
}

/**
 * Docker names a bridge network's host bridge `br-` and the network ID's first 12 characters,
 * unless the network's options name it (docker0 for the default "bridge" network). Podman's
 * compatible API answers the same shape.
 */
export function engineNetworks(list: EngineNetworkJson[]): EngineNetwork[] {
  return list
    .filter((n) => typeof n.Name === 'string' && n.Name.length > 0)
    .map((n) => {
      const driver = n.Driver ?? '';
      const opts = n.Options ?? {};
      const bridge = driver === 'bridge' ? (opts['com.docker.network.bridge.name'] ?? (n.Id ? `br-${n.Id.slice(0, 12)}` : null)) : null;
      const parent = driver === 'macvlan' || driver === 'ipvlan' ? (opts.parent ?? null) : null;
      return { name: n.Name!, driver, bridge, parent };
    });
}

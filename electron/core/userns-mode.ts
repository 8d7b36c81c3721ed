import type { Container } from '../../shared/model/index.js';

/**
 * The user namespace mode as the kernel has it, not as the engine's setting reads: Docker says
 * nothing ("", shown as "host") for a container of a `--userns-remap` daemon or of a rootless
 * engine, yet its processes sit in a user namespace of their own. Equal inodes are "host"; a
 * different one keeps the engine's own word when it has one ("auto", "keep-id", "ns:…"), else
 * "private". Unreadable inodes leave the engine's value as it is.
 */
export function derivedUsernsMode(c: Container, hostUser: number | undefined): Container {
  const own = c.namespaces?.user;
  if (own === undefined || hostUser === undefined) return c;
  const engine = c.modes.userns;
  const userns = own === hostUser ? 'host' : engine && engine !== 'host' ? engine : 'private';
  return userns === engine ? c : { ...c, modes: { ...c.modes, userns } };
}

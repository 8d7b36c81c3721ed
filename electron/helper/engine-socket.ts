// Which engine the helper asks about a container: the one the client uses (a second Docker
// engine, Podman as root), named by the client as a unix socket path and checked here, since
// the engine's answer decides which process the root helper enters.
import { lstatSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import { fail } from '../core/errors.js';

/** The engine sockets used when the client names none: fixed, root-owned locations only. */
export const DEFAULT_SOCKETS = ['/var/run/docker.sock', '/run/docker.sock', '/run/podman/podman.sock'];

// sun_path holds 108 bytes with its NUL.
const MAX_SOCKET_PATH = 107;

/** Who started the helper (pkexec's or sudo's caller; root when root ran it): their sockets are theirs to name. */
let callerUid = 0;
export function setEngineCaller(uid: number | null): void {
  callerUid = uid ?? 0;
}

/** The socket as the refusal names it: quoted and cut short, so that a hostile path stays one line. */
function shown(path: string): string {
  return JSON.stringify(path).slice(0, 120);
}

/**
 * A socket path from the wire, or undefined for the default engine. It must be an absolute,
 * normalised path (no URL, no "..", no symlink anywhere in it) to a socket owned by root or the
 * caller, in directories that only root or the caller can change (or sticky ones, like /tmp):
 * nobody else can put their own engine, answering with PIDs of their choosing, in its place.
 */
export function checkEngineSocket(given: unknown): string | undefined {
  if (given === undefined) return undefined;
  if (typeof given !== 'string') throw fail('wire.engine-not-path');
  const path = given;
  if (!path.startsWith('/') || path.length > MAX_SOCKET_PATH || /[\0-\x1f]/.test(path))
    throw fail('engine-socket.bad-path', { socket: shown(path), max: MAX_SOCKET_PATH });
  if (path.split('/').some((part, i) => (i > 0 && part === '') || part === '.' || part === '..'))
    throw fail('engine-socket.not-normal', { socket: shown(path) });
  let real: string;
  try {
    real = realpathSync(path);
  } catch (e) {
    throw fail('engine-socket.unresolved', { socket: shown(path), detail: (e as NodeJS.ErrnoException).code ?? 'cannot be resolved' });
  }
  if (real !== path) throw fail('engine-socket.symlink', { socket: shown(path), real });
  const st = lstatSync(path);
  if (!st.isSocket()) throw fail('engine-socket.not-socket', { socket: shown(path) });
  if (st.uid !== 0 && st.uid !== callerUid)
    throw fail('engine-socket.foreign-owner', { socket: shown(path), uid: st.uid, caller: callerUid });
  for (let d = dirname(path); ; d = dirname(d)) {
    const ds = lstatSync(d);
    const othersMayChange = (ds.mode & 0o022) !== 0 && (ds.mode & 0o1000) === 0;
    if ((ds.uid !== 0 && ds.uid !== callerUid) || othersMayChange)
      throw fail('engine-socket.open-dir', { socket: shown(path), dir: d, uid: ds.uid, mode: (ds.mode & 0o7777).toString(8) });
    if (d === '/') break;
  }
  return path;
}

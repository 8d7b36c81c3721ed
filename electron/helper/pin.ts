import { closeSync, openSync } from 'node:fs';
import { NSENTER_FLAGS, NS_TYPES, type NsType } from '../../shared/model/index.js';
import { fail } from '../core/errors.js';
import { assertStillValid, type VerifiedContainer } from './containers.js';

/**
 * Namespaces pinned against PID reuse. A PID is only a name: between the helper's check that it
 * is the container's process and nsenter opening /proc/PID/ns/*, the process can exit and the PID
 * go to another. So the namespace files are opened FIRST, the PID is verified AFTER (start time
 * and cgroup, as at resolve time: the same values prove the files were opened while the PID was
 * still the container's), and the program enters through the opened descriptors, passed as
 * extra stdio fds and named /proc/self/fd/N in nsenter's --net=FILE form.
 */
export interface Pinned {
  /** spawn stdio entries from index 3 on: the pinned descriptors, in order. */
  stdio: number[];
  /** nsenter options naming the pinned files: --net=/proc/self/fd/3 … and --wd=… */
  options: string[];
  /** Closes the helper's own copies (the child has its own after spawn). */
  close(): void;
}

/** Test seams: run between the steps, to swap the process under a PID. */
export interface PinHooks {
  afterOpen?(): void | Promise<void>;
  afterVerify?(): void | Promise<void>;
}

/** The first fd a spawned child sees past stdin, stdout and stderr. */
const FIRST_FD = 3;

/**
 * Opens pid's namespace files for `enter` (and its root when a cwd inside the container is
 * wanted), then verifies c. c is null for the host reference process, which is not re-verified
 * (the host's own namespaces are what a program runs in anyway).
 */
export async function pin(
  c: VerifiedContainer | null,
  pid: number,
  enter: readonly NsType[],
  opts: { cwd?: string } = {},
  hooks: PinHooks = {},
): Promise<Pinned> {
  const fds: number[] = [];
  const options: string[] = [];
  const close = () => {
    for (const fd of fds.splice(0)) {
      try {
        closeSync(fd);
      } catch {
        /* already closed */
      }
    }
  };
  try {
    for (const t of NS_TYPES) {
      if (!enter.includes(t)) continue;
      fds.push(openNs(`/proc/${pid}/ns/${t}`, c));
      options.push(`${NSENTER_FLAGS[t]}=/proc/self/fd/${FIRST_FD + fds.length - 1}`);
    }
    if (opts.cwd) {
      // Opened like the namespaces: a later path /proc/PID/root/… would name whoever has the PID then.
      const root = enter.includes('mnt') ? `/proc/${pid}/root` : '/';
      if (root === '/') options.push(`--wd=${opts.cwd}`);
      else {
        fds.push(openNs(root, c));
        options.push(`--wd=/proc/self/fd/${FIRST_FD + fds.length - 1}${opts.cwd}`);
      }
    }
    await hooks.afterOpen?.();
    if (c) assertStillValid(c);
    await hooks.afterVerify?.();
  } catch (e) {
    close();
    throw e;
  }
  return { stdio: [...fds], options, close };
}

function openNs(path: string, c: VerifiedContainer | null): number {
  try {
    return openSync(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ESRCH') {
      throw c ? fail('helper.ns-gone', { path, name: c.name || c.id.slice(0, 12) }) : fail('helper.ns-exited', { path });
    }
    throw fail('helper.ns-unopened', { path, detail: code ?? (e as Error).message });
  }
}

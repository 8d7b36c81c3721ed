import { NS_TYPES, USER_SPEC, isNsType, type NsType } from '../../../shared/model/index.js';
import { fail } from '../errors.js';
import { SHELL_PATH } from '../nsenter/programs.js';

/**
 * Checks and pure pieces of a namespace shell's plan, shared by every backend (direct,
 * docker-helper, host-helper): the request's validation, the environment, the user. No I/O.
 */

/** The environment every shell starts with; nothing of the caller's leaks in. */
export function shellEnv(home = '/root'): Record<string, string> {
  return { TERM: 'xterm-256color', PATH: SHELL_PATH, HOME: home, LANG: 'C.UTF-8' };
}

/** "auto": bash, then ash, then sh, looked up in the target root. */
export const SHELL_CANDIDATES = ['/bin/bash', '/usr/bin/bash', '/bin/ash', '/usr/bin/ash', '/bin/sh', '/usr/bin/sh'];

/** Checks a namespace list against the allowlist; throws a clean error naming the culprit. */
export function checkNamespaces(list: unknown): NsType[] {
  if (!Array.isArray(list)) throw fail('shell.bad-namespaces');
  const out: NsType[] = [];
  for (const t of list) {
    if (!isNsType(t)) {
      throw fail('shell.unknown-namespace', {
        type: String(t)
          .slice(0, 32)
          .replace(/[^\x20-\x7e]/g, '?'),
        types: NS_TYPES.join(', '),
      });
    }
    if (!out.includes(t)) out.push(t);
  }
  return out.sort();
}

/** Program arguments: strings without NUL bytes, bounded. */
export function checkArgv(argv: unknown, what = 'command'): string[] {
  if (!Array.isArray(argv) || argv.length > 64) throw fail('shell.bad-argv', { what });
  for (const a of argv) {
    if (typeof a !== 'string' || a.length > 4096) throw fail('shell.long-argument', { what });
    if (a.includes('\0')) throw fail('shell.nul-argument', { what });
  }
  return argv as string[];
}

export function checkCwd(cwd: unknown): string | undefined {
  if (cwd === undefined || cwd === null || cwd === '') return undefined;
  if (typeof cwd !== 'string' || !cwd.startsWith('/') || cwd.includes('\0') || cwd.length > 4096) {
    throw fail('shell.bad-cwd');
  }
  return cwd;
}

/**
 * The namespaces that actually change something: the ones asked for whose inode differs from
 * the host's. Entering one's own user namespace is an error (EINVAL), and entering a namespace
 * the host shares changes nothing, so those are left out.
 */
export function effectiveNamespaces(
  asked: readonly NsType[],
  container: Partial<Record<NsType, number>>,
  host: Partial<Record<NsType, number>>,
): NsType[] {
  return asked.filter((t) => container[t] === undefined || host[t] === undefined || container[t] !== host[t]);
}

/** uid/gid/home of a user spec ("name", "uid", "name:group", "uid:gid") given passwd and group texts. */
export function resolveUser(spec: string, passwd: string, group: string): { uid: number; gid: number; home: string } {
  if (!USER_SPEC.test(spec)) throw fail('shell.bad-user');
  const [u, g] = spec.split(':') as [string, string | undefined];
  const pw = passwd.split('\n').map((l) => l.split(':'));
  const entry = /^\d+$/.test(u) ? pw.find((f) => f[2] === u) : pw.find((f) => f[0] === u);
  if (!entry && !/^\d+$/.test(u)) throw fail('shell.no-user', { user: u });
  const uid = entry ? Number(entry[2]) : Number(u);
  let gid = entry ? Number(entry[3]) : uid;
  if (g !== undefined) {
    if (/^\d+$/.test(g)) gid = Number(g);
    else {
      const gr = group
        .split('\n')
        .map((l) => l.split(':'))
        .find((f) => f[0] === g);
      if (!gr) throw fail('shell.no-group', { group: g });
      gid = Number(gr[2]);
    }
  }
  return { uid, gid, home: entry?.[5] || '/' };
}

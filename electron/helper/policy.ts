import { NS_CHILD_LINKS, NS_TYPES } from '../../shared/model/index.js';

/**
 * What the host helper will read for the (unprivileged) app: the kernel's namespace metadata the
 * probe needs, never file contents of the host or of a container beyond /etc/passwd and group
 * (user names). Each path is checked whole against these patterns; "..", "//" and NUL never pass.
 * Paths inside /proc/PID/root are read through DirectAccess, which resolves them inside that
 * root (so a container's symlink cannot point a read at the host), and only for the host
 * reference or a container the helper verified itself (roots.ts).
 */
const PID = '(?:\\d{1,10})';
const NS = [...NS_TYPES, ...NS_CHILD_LINKS].join('|');
const PROC_FILES = 'comm|status|stat|cmdline|cgroup|mountinfo|uid_map|gid_map|setgroups|timens_offsets|root/etc/passwd|root/etc/group';
const DATA_ROOTS = '(?:/var/lib/docker|/var/lib/containers/storage)';

const FILE_RE = new RegExp(`^(?:/proc/${PID}/(?:${PROC_FILES})|/(?:var/)?run/docker\\.pid)$`);
const LINK_RE = new RegExp(`^(?:/proc/${PID}/ns/(?:${NS})|${DATA_ROOTS}/overlay2?/l/[A-Za-z0-9]{1,64})$`);
// stat: metadata only. Inside a container root (`where`), and the engine's layer directories.
const STAT_RE = new RegExp(`^(?:/proc/${PID}(?:/ns/(?:${NS}))?|/proc/${PID}/root(?:/[^/]+)*|${DATA_ROOTS}(?:/[^/]+)*)$`);
// listDir: names only. Also in the engine's layer directories, for the upper-layer view (`docker diff`).
const DIR_RE = new RegExp(`^(?:/proc|/proc/${PID}/ns|/proc/${PID}/root/dev/mqueue|${DATA_ROOTS}(?:/[^/]+)*)$`);
// resolve: where a path leads inside a container root (`where`), a path and nothing more.
const RESOLVE_RE = new RegExp(`^/proc/${PID}/root(?:/[^/]+)*$`);

export type ReadOp = 'readFiles' | 'readLinks' | 'stat' | 'listDir' | 'resolve';

function clean(p: unknown): p is string {
  return typeof p === 'string' && p.length <= 4096 && !p.includes('\0') && !p.includes('//') && !/(^|\/)\.\.?(\/|$)/.test(p);
}

export function pathAllowed(op: ReadOp, p: unknown): boolean {
  if (!clean(p)) return false;
  switch (op) {
    case 'readFiles':
      return FILE_RE.test(p);
    case 'readLinks':
      return LINK_RE.test(p);
    case 'stat':
      return STAT_RE.test(p);
    case 'listDir':
      return DIR_RE.test(p);
    case 'resolve':
      return RESOLVE_RE.test(p);
  }
}

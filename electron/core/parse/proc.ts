// Parsers for /proc text. Pure functions, so they are tested on fixed input.

/** `net:[4026531840]` → 4026531840 */
export function parseNsLink(link: string): number | null {
  const m = /^[a-z_]+:\[(\d+)\]$/.exec(link.trim());
  return m ? Number(m[1]) : null;
}

export interface ProcStatus {
  name: string;
  state: string;
  ppid: number;
  uid: number;
  nsPids: number[];
}

export function parseStatus(text: string): ProcStatus {
  const get = (key: string): string => {
    const m = new RegExp(`^${key}:\\s*(.*)$`, 'm').exec(text);
    return m ? m[1]!.trim() : '';
  };
  const nsPids = get('NSpid').split(/\s+/).filter(Boolean).map(Number);
  return {
    name: get('Name'),
    state: get('State').split(/\s+/)[0] ?? '',
    ppid: Number(get('PPid') || 0),
    uid: Number(get('Uid').split(/\s+/)[0] || 0),
    nsPids: nsPids.length ? nsPids : [Number(get('Pid'))],
  };
}

/** /proc/PID/cmdline: NUL-separated argv; kernel threads have none. */
export function parseCmdline(raw: string, fallbackName: string): string {
  const argv = raw.split('\0').filter((s, i, a) => s.length || i < a.length - 1);
  return argv.length ? argv.join(' ') : `[${fallbackName}]`;
}

/** The start time field of /proc/PID/stat (clock ticks since boot); survives PID reuse checks. */
export function parseStatStartTime(stat: string): number | null {
  // comm may contain spaces and parentheses: fields resume after the last ')'.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const v = Number(rest[19]);
  return Number.isFinite(v) ? v : null;
}

/** /etc/passwd → uid → name */
export function parsePasswd(text: string): Map<number, string> {
  const users = new Map<number, string>();
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length >= 3 && /^\d+$/.test(f[2]!)) users.set(Number(f[2]), f[0]!);
  }
  return users;
}

// Values the CLI prints come from containers and /proc (command lines, comm, user and queue
// names, mount paths, hostnames): a container that puts `ESC ] 0;…` in its command line must
// not get to rewrite the user's terminal. Every human output goes through here; --json does not
// (JSON.stringify keeps the exact value, escaped as JSON).

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\x1b': '\\e' };

// C0 controls, DEL, and C1 controls (U+0080–U+009F: a terminal may take U+009B as CSI).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** s with every control character shown as an escape (`\e`, `\n`, `\x07`, `\u009b`). */
export function escapeControls(s: string): string {
  return s.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}

/** A copy of v with every string in it (keys too) escaped; for the human printers only. */
export function escapeDeep<T>(v: T): T {
  if (typeof v === 'string') return escapeControls(v) as T;
  if (Array.isArray(v)) return v.map(escapeDeep) as T;
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [escapeControls(k), escapeDeep(x)])) as T;
  }
  return v;
}

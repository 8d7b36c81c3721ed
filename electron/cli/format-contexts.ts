import type { ContextRow } from './commands/contexts.js';
import { table, type Style } from './format.js';

/** `docker context ls`'s table: the current one starred. */
export function formatContexts(rows: ContextRow[], current: { name: string; why: string }, s: Style): string {
  const lines = table([
    ['NAME', 'ENDPOINT', 'TLS', 'DESCRIPTION'].map((h) => s.bold(h)),
    ...rows.map((r) => [
      r.current ? s.green(`${r.name} *`) : r.name,
      r.endpoint ?? s.dim('(no Docker endpoint)'),
      r.tls ? (r.tls.verify ? 'verify' : 'no verify') : '',
      r.description,
    ]),
  ]);
  const known = rows.some((r) => r.current);
  return `${lines}\n${s.dim(`current: ${current.name} (${current.why})`)}${known ? '' : `\n${s.red(`context "${current.name}" does not exist`)}`}`;
}

// `nsinspect diff`: the container's own upper layer, as `docker diff` lists it, with the host path of each entry.
import { UPPER_MAX, type UpperLayer } from '../../../shared/model/index.js';
import { fail } from '../../core/errors.js';
import type { Command } from '../command.js';
import type { Style } from '../format.js';

const LETTER = { added: 'A', changed: 'C', deleted: 'D' } as const;

export function formatUpperLayer(u: UpperLayer, s: Style): string {
  const colour = { added: s.green, changed: s.yellow, deleted: s.red } as const;
  const lines = [`${s.bold(u.container.name)}: upper layer ${u.upperDir}`];
  const width = Math.max(0, ...u.changes.map((c) => c.path.length));
  for (const c of u.changes) {
    const how =
      c.type === 'whiteout'
        ? ' (whiteout)'
        : c.type === 'opaque'
          ? ' (hidden by an opaque directory)'
          : c.opaque
            ? ' (opaque: made again)'
            : '';
    lines.push(`${colour[c.kind](LETTER[c.kind])} ${c.path.padEnd(width)}  ${s.dim(c.hostPath)}${how}`);
  }
  if (!u.changes.length) lines.push(s.dim('no changes: the container has written nothing'));
  if (u.truncated) lines.push(s.yellow(`… more changes not listed (limit ${u.limit}; --limit N, at most ${UPPER_MAX})`));
  for (const n of u.notes) lines.push(s.dim(`note: ${n.message}`));
  return lines.join('\n');
}

export const diffCommand: Command = {
  name: 'diff',
  usage: 'diff <container> [--limit N]',
  summary: "the container's own upper layer: added, changed, deleted files (as docker diff), with host paths",
  arity: 1,
  options: { limit: { type: 'string' } },
  async run(ctx) {
    const raw = ctx.options.limit;
    const limit = raw === undefined ? undefined : Number(raw);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > UPPER_MAX)) {
      throw fail('cli.bad-limit', { max: UPPER_MAX });
    }
    const u = await (await ctx.service()).upperLayer(ctx.args[0]!, limit);
    ctx.out(u, () => formatUpperLayer(u, ctx.style));
  },
};

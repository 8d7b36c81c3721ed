import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toApiError } from '../../electron/core/api/dispatch.js';
import { errorFromProblem, fail, NsInspectError } from '../../electron/core/errors.js';
import { problemFromError, problemFromStderr } from '../../electron/core/access/problems.js';
import { messagesVi } from '../../renderer/src/i18n/messages-vi.js';
import { englishOf, fillTemplate, MESSAGE_IDS, MESSAGES, type MessageId } from '../../shared/messages.js';
import { problem } from '../../shared/model/index.js';

const ROOT = join(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(join(ROOT, p)).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(n) ? [p] : [];
  });
}

const CODE = [...sources('electron'), ...sources('shared'), ...sources('renderer/src')].map((p) => ({
  path: p,
  text: readFileSync(join(ROOT, p), 'utf8'),
}));

/** Every message id the source raises: fail('id'…), problem('id'…), localFailure('id'), said('id'…), because('id'…). */
function idsUsed(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  for (const { path, text } of CODE) {
    for (const m of text.matchAll(/\b(?:fail|problem|localFailure|said|because)\(\s*'([a-z][\w.-]*)'/g)) {
      used.set(m[1]!, [...(used.get(m[1]!) ?? []), path]);
    }
    // fail(`shell.no-shell-${side}`): every id with that prefix counts.
    for (const m of text.matchAll(/\b(?:fail|problem)\(\s*`([a-z][\w.-]*)\$\{/g)) {
      for (const id of MESSAGE_IDS.filter((i) => i.startsWith(m[1]!))) used.set(id, [...(used.get(id) ?? []), path]);
    }
    // fail(cond ? 'a' : 'b', …): both ids count (a ternary of the first argument only).
    for (const m of text.matchAll(/\b(?:fail|because)\(\s*[^,()]*?\?\s*'([a-z][\w.-]*)'\s*:\s*'([a-z][\w.-]*)'/g)) {
      for (const id of [m[1]!, m[2]!]) used.set(id, [...(used.get(id) ?? []), path]);
    }
  }
  return used;
}

/** Every catalogue id quoted anywhere in the source but the two catalogues (a table of ids, a choice among several). */
function idsQuoted(): Set<string> {
  const quoted = new Set<string>();
  for (const { path, text } of CODE) {
    if (path === 'shared/messages.ts' || path === 'renderer/src/i18n/messages-vi.ts') continue;
    for (const m of text.matchAll(/'([a-z][\w.-]*\.[\w.-]+)'/g)) if (MESSAGE_IDS.includes(m[1] as MessageId)) quoted.add(m[1]!);
  }
  return quoted;
}

describe('the message catalogue (shared/messages.ts)', () => {
  const used = idsUsed();

  it('lists every id the engine, the helpers and the faces raise', () => {
    const missing = [...used.keys()].filter((id) => !MESSAGE_IDS.includes(id as never));
    expect(missing).toEqual([]);
    // The grep finds the raising sites at all (a broken pattern would pass the line above).
    expect(used.size).toBeGreaterThan(60);
    expect(used.get('container.not-running')).toEqual(
      // One raising site (notRunning), used by the service, the shells and where; the helper raises its own.
      expect.arrayContaining(['electron/core/errors.ts', 'electron/helper/containers.ts']),
    );
  });

  it('has no id that nothing raises', () => {
    const quoted = idsQuoted();
    expect(MESSAGE_IDS.filter((id) => !used.has(id) && !quoted.has(id))).toEqual([]);
  });

  it('fills every placeholder of its templates from the parameters', () => {
    for (const id of MESSAGE_IDS) {
      const t = MESSAGES[id] as { message: string; hint?: string };
      const names = [...`${t.message} ${t.hint ?? ''}`.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const params = Object.fromEntries(names.map((n) => [n, 'X']));
      const { message, hint } = englishOf(id, params);
      expect(`${message} ${hint ?? ''}`, id).not.toMatch(/\{\w+\}/);
    }
  });
});

/**
 * The only places that build an NsInspectError from text rather than by `fail(id, params)`, and
 * why each may. The count is of `new NsInspectError(` in the file, so a second one there fails too.
 */
const LITERAL_ALLOWED: Record<string, { count: number; why: string }> = {
  'shared/errors.ts': { count: 1, why: 'fail() itself: the English of the id, with the id and parameters set on it' },
  'electron/core/errors.ts': { count: 1, why: 'errorFromProblem(): a Problem re-raised, keeping the id the Problem carries' },
  'electron/core/access/host-helper/client.ts': {
    count: 1,
    why: "fromWire(): the host helper's error re-raised on this side, keeping the id it carries",
  },
};

describe('every error the engine and the helpers raise is catalogued', () => {
  it('builds no NsInspectError from literal text outside the allow-list', () => {
    const found: Record<string, number> = {};
    for (const { path, text } of CODE) {
      const n = text.match(/\bnew NsInspectError\(/g)?.length ?? 0;
      if (n) found[path] = n;
    }
    const allowed = Object.fromEntries(Object.entries(LITERAL_ALLOWED).map(([p, a]) => [p, a.count]));
    expect(found).toEqual(allowed);
    // The grep reads the sources at all (shared/errors.ts holds one for certain).
    expect(CODE.some((c) => c.path === 'shared/errors.ts')).toBe(true);
  });

  it('has no subclass of NsInspectError that passes literal text to super()', () => {
    const subclasses = CODE.filter((c) => /extends NsInspectError\b/.test(c.text));
    expect(subclasses.map((c) => c.path).sort()).toEqual(['electron/core/access/select.ts', 'electron/core/engine/endpoint.ts']);
    for (const { path, text } of subclasses) expect(text, path).not.toMatch(/\bsuper\(\s*'[\w-]+'\s*,\s*[`'"]/);
  });

  it('has a reason for every allowed literal', () => {
    for (const [path, a] of Object.entries(LITERAL_ALLOWED)) expect(a.why.length, path).toBeGreaterThan(20);
  });
});

describe('the Vietnamese catalogue (renderer/src/i18n/messages-vi.ts)', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  /** Sample values for every placeholder of the English template, distinct per name. */
  const sample = (id: MessageId) => {
    const t = MESSAGES[id] as { message: string; hint?: string };
    return Object.fromEntries(placeholders(`${t.message} ${t.hint ?? ''}`).map((n) => [n, `«${n}»`]));
  };

  it('has exactly the ids of the English one', () => {
    expect(Object.keys(messagesVi).sort()).toEqual([...MESSAGE_IDS].sort());
  });

  it.each(MESSAGE_IDS)('%s: renders with its parameters, in words of its own', (id) => {
    const vi = messagesVi[id];
    const params = sample(id);
    const message = fillTemplate(vi.message, params);
    const hint = vi.hint === undefined ? '' : fillTemplate(vi.hint, params);
    // No placeholder the English does not fill: it would show as {name}.
    expect(`${message} ${hint}`).not.toMatch(/\{\w+\}/);
    // The OS's or engine's words are shown apart, never inside a Vietnamese sentence.
    expect(`${vi.message} ${vi.hint ?? ''}`).not.toContain('{detail}');
    const en = englishOf(id, params);
    expect(message).not.toBe(en.message);
    if (en.hint) {
      // A message with something to do says it in Vietnamese too.
      expect(vi.hint, 'a hint').toBeDefined();
      expect(hint).not.toBe(en.hint);
    }
  });
});

describe('errors carry their id and parameters to the faces', () => {
  it('fail() keeps the English the CLI prints, and the category', () => {
    const e = fail('container.not-running', { name: 'ux-api', state: 'exited' });
    expect(e).toBeInstanceOf(NsInspectError);
    expect(e.code).toBe('not-running');
    expect(e.message).toBe('container ux-api is not running (exited)');
    expect(e.hint).toBe('start it: `docker start ux-api`');
    expect(toApiError(e)).toEqual({
      code: 'not-running',
      message: 'container ux-api is not running (exited)',
      hint: 'start it: `docker start ux-api`',
      id: 'container.not-running',
      params: { name: 'ux-api', state: 'exited' },
    });
  });

  it('a catalogued "missing" problem becomes a not-found error with its id', () => {
    const e = errorFromProblem(problem('read.missing', { path: '/x' }));
    expect(e.code).toBe('not-found');
    expect(toApiError(e)).toMatchObject({ id: 'read.missing', params: { path: '/x' }, message: '/x does not exist' });
  });

  it('problems from errno and from a command keep the OS words as the detail', () => {
    const err = Object.assign(new Error('boom'), { code: 'EIO' });
    expect(problemFromError(err, '/proc/1/x')).toMatchObject({ id: 'read.failed', params: { path: '/proc/1/x', detail: 'boom' } });
    expect(problemFromError(Object.assign(new Error('x'), { code: 'EACCES' }), '/p')).toMatchObject({
      code: 'permission',
      id: 'read.denied',
    });
    expect(problemFromStderr(['ip', '-j', 'addr'], 2, 'Object "x" is unknown')).toMatchObject({
      code: 'failed',
      id: 'command.exit',
      params: { command: 'ip -j addr', status: '2', detail: 'Object "x" is unknown' },
    });
  });

  it('an uncatalogued error crosses without an id (the UI then says so generically)', () => {
    expect(toApiError(new NsInspectError('failed', 'something odd'))).toEqual({ code: 'failed', message: 'something odd' });
  });
});

import { describe, expect, it } from 'vitest';
import { escapeControls, escapeDeep } from '../../electron/cli/escape.js';

describe('escapeControls: what the CLI prints of values from containers', () => {
  it('shows every C0 and C1 control and DEL escaped, and leaves the rest alone', () => {
    const all = Array.from({ length: 0xa0 }, (_, i) => String.fromCharCode(i)).join('');
    const out = escapeControls(all);
    // Checked character by character, not against the function's own table.
    for (const ch of out) expect(ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) < 0x7f).toBe(true);
    expect(escapeControls('\x1b]0;title\x07')).toBe('\\e]0;title\\x07');
    expect(escapeControls('a\nb\tc\rd\x7f\u009b')).toBe('a\\nb\\tc\\rd\\x7f\\u009b');
    expect(escapeControls('héllo wörld → ✓ 日本')).toBe('héllo wörld → ✓ 日本');
  });

  it('escapes every string in a structure, keys included, and keeps numbers and nulls', () => {
    const v = { a: ['\x1b[2J', 3, null], '\x07k': { b: true, c: 'ok' } };
    expect(escapeDeep(v)).toEqual({ a: ['\\e[2J', 3, null], '\\x07k': { b: true, c: 'ok' } });
    expect(v.a[0]).toBe('\x1b[2J');
  });
});

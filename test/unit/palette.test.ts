// The namespace palette: within one view two different namespaces never look alike, and the
// swatches are readable in both themes (WCAG contrast computed from the stylesheet's own values).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_HUES, PATTERNS, drawn, swatch, viewColors } from '../../renderer/src/lib/palette.js';

const CSS = readFileSync(new URL('../../renderer/src/styles.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** The value of a custom property in the block that `selector` opens (the last such block). */
function cssVar(selector: string, name: string): string {
  const blocks = [...CSS.matchAll(/([^{}]+)\{([^{}]*)\}/g)].filter(([, sel]) => sel!.trim() === selector);
  for (const [, , body] of blocks.reverse()) {
    const m = new RegExp(`${name}:\\s*([^;]+);`).exec(body!);
    if (m) return m[1]!.trim();
  }
  throw new Error(`${name} not found under ${selector}`);
}

/** oklch → linear sRGB (Björn Ottosson's matrices). */
function oklchToLinear(l: number, c: number, h: number): [number, number, number] {
  const a = c * Math.cos((h * Math.PI) / 180);
  const b = c * Math.sin((h * Math.PI) / 180);
  const l_ = (l + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m_ = (l - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s_ = (l - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [
    4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
    -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
    -0.0041960863 * l_ - 0.7034186147 * m_ + 1.707614701 * s_,
  ];
}
const hexToLinear = (hex: string): [number, number, number] =>
  [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
const luminance = ([r, g, b]: [number, number, number]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
const contrast = (x: number, y: number) => (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
/** Distance in Oklab (1 ≈ black to white; 0.02 is about a just-noticeable difference). */
/** Equal lightness and chroma: the distance is the chord between the two hues. */
const deltaE = (c: number, h1: number, h2: number) => 2 * c * Math.abs(Math.sin(((h1 - h2) * Math.PI) / 360));

const key = (s: { color: string; pattern: number }) => `${s.color}|${s.pattern}`;

describe('viewColors: one swatch per shared namespace of the view', () => {
  it('colours only what appears more than once, and never the skipped (host) ones', () => {
    const colors = viewColors([10, 11, 11, 12, 13, 13, 13, 99, 99], new Set([99]));
    expect([...colors.keys()]).toEqual([11, 13]);
    expect(drawn(colors, 10, false).background).toBe('var(--ns-own)');
    expect(drawn(colors, 99, true).background).toBe('var(--ns-host)');
    expect(drawn(colors, null, false).background).toBe('var(--ns-none)');
    expect(drawn(colors, 11, false).background).not.toBe(drawn(colors, 13, false).background);
  });

  it('gives distinct inodes distinct colours, for every view size up to the palette size', () => {
    for (let n = 1; n <= MAX_HUES; n++) {
      const inodes = Array.from({ length: n }, (_, i) => 4026531000 + i * 7);
      const colors = viewColors([...inodes, ...inodes]);
      expect(colors.size).toBe(n);
      expect(new Set([...colors.values()].map((s) => s.color)).size, `n=${n}`).toBe(n);
      expect(new Set([...colors.values()].map((s) => s.hue)).size, `n=${n}`).toBe(n);
      expect([...colors.values()].every((s) => s.pattern === 0)).toBe(true);
      // Spread evenly: no two hues closer than the wheel divided by the view's count.
      const hues = [...colors.values()].map((s) => s.hue).sort((a, b) => a - b);
      const gaps = hues.map((h, i) => (i ? h - hues[i - 1]! : h + 360 - hues.at(-1)!));
      if (n > 1) expect(Math.min(...gaps), `n=${n}`).toBeGreaterThanOrEqual(Math.floor(360 / n) - 1);
    }
  });

  it('beyond the palette, repeats hues with a pattern; labels stay unique however many', () => {
    const n = MAX_HUES * PATTERNS + 15;
    const inodes = Array.from({ length: n }, (_, i) => 4026532000 + i);
    const all = [...viewColors([...inodes, ...inodes]).values()];
    expect(all).toHaveLength(n);
    expect(new Set(all.map((s) => s.label)).size).toBe(n);
    const first = all.slice(0, MAX_HUES * PATTERNS);
    expect(new Set(first.map(key)).size).toBe(first.length);
    expect(all[MAX_HUES]!.pattern).toBe(1);
    expect(all[MAX_HUES]!.hue).toBe(all[0]!.hue);
  });

  it('puts neighbours in the view far apart on the wheel', () => {
    for (let n = 3; n <= MAX_HUES; n++) {
      const s = Array.from({ length: n }, (_, i) => swatch(i, n).hue);
      for (let i = 1; i < n; i++) {
        const d = Math.abs(s[i]! - s[i - 1]!) % 360;
        expect(Math.min(d, 360 - d), `n=${n} i=${i}`).toBeGreaterThanOrEqual(360 / n);
      }
    }
  });
});

describe('the swatches in both themes', () => {
  const themes = [
    { name: 'light', sel: ':root', text: cssVar(':root', '--ns-text') },
    { name: 'dark', sel: ":root[data-theme='dark']", text: cssVar(":root[data-theme='dark']", '--ns-text') },
  ];
  for (const theme of themes) {
    const l = Number(cssVar(theme.sel, '--ns-l'));
    const c = Number(cssVar(theme.sel, '--ns-c'));
    it(`${theme.name}: every hue is in sRGB and its text reads at WCAG AA (4.5:1)`, () => {
      const text = luminance(hexToLinear(theme.text));
      for (let h = 0; h < 360; h++) {
        const rgb = oklchToLinear(l, c, h);
        for (const v of rgb) {
          expect(v, `hue ${h}`).toBeGreaterThanOrEqual(-0.002);
          expect(v, `hue ${h}`).toBeLessThanOrEqual(1.002);
        }
        expect(
          contrast(luminance(rgb.map((v) => Math.min(1, Math.max(0, v))) as [number, number, number]), text),
          `hue ${h}`,
        ).toBeGreaterThanOrEqual(4.5);
      }
    });
    it(`${theme.name}: the full palette's closest two swatches are clearly apart`, () => {
      const hues = Array.from({ length: MAX_HUES }, (_, i) => swatch(i, MAX_HUES).hue);
      let min = Infinity;
      for (const a of hues) for (const b of hues) if (a !== b) min = Math.min(min, deltaE(c, a, b));
      expect(min).toBeGreaterThan(0.05);
    });
    it(`${theme.name}: the neutral swatch is not mistaken for a hue`, () => {
      const own = cssVar(theme.sel, '--ns-own');
      expect(own).toMatch(/^#[0-9a-f]{6}$/);
      expect(contrast(luminance(hexToLinear(own)), luminance(hexToLinear(theme.text)))).toBeGreaterThanOrEqual(4.5);
    });
  }
  it('the dark values are the same under the media query and under data-theme', () => {
    const media = /@media \(prefers-color-scheme: dark\) \{\s*:root:not\(\[data-theme='light'\]\) \{([^}]*)\}/g;
    const last = [...CSS.matchAll(media)].at(-1)![1]!;
    for (const name of ['--ns-l', '--ns-c', '--ns-own'])
      expect(new RegExp(`${name}:\\s*([^;]+);`).exec(last)![1]!.trim()).toBe(cssVar(":root[data-theme='dark']", name));
  });
});

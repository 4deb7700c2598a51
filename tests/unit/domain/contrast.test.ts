import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOMAINS } from '../../../src/domain/framework';

// WCAG 2.2 contrast of the app's palette: text at least 4.5:1 against what it sits on
// (1.4.3), chart lines, markers, control borders and the focus ring at least 3:1 (1.4.11).
// The colours are read from the CSS itself, so a change there that breaks contrast fails here.

const TEXT = 4.5;
const NON_TEXT = 3;

function cssVariables(): Map<string, string> {
  const css = readFileSync('src/styles/global.css', 'utf8');
  const found = new Map<string, string>();
  for (const match of css.matchAll(/(--[a-z0-9-]+):\s*(#[0-9a-fA-F]{6})\s*;/g)) {
    const [, name, value] = match;
    if (name && value) found.set(name, value.toLowerCase());
  }
  return found;
}

const VARS = cssVariables();
function v(name: string): string {
  const value = VARS.get(name);
  if (!value) throw new Error(`global.css has no colour ${name}`);
  return value;
}

/** A rule's colour value in a CSS file, for the few colours not held in variables. */
function ruleColour(file: string, selector: string, property: string): string {
  const css = readFileSync(file, 'utf8');
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`${file} has no rule ${selector}`);
  const body = css.slice(start, css.indexOf('}', start));
  const match = new RegExp(`\\b${property}:\\s*(#[0-9a-fA-F]{3,6}|var\\((--[a-z0-9-]+)\\))`).exec(
    body,
  );
  if (!match?.[1]) throw new Error(`${file} ${selector} has no ${property}`);
  return match[2] ? v(match[2]) : match[1].toLowerCase();
}

type Rgb = [number, number, number];
function rgb(hex: string): Rgb {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as Rgb;
}
/** A colour with `alpha` painted over `under`. */
function over(top: string, alpha: number, under: string): Rgb {
  const a = rgb(top);
  const b = rgb(under);
  return [0, 1, 2].map((i) => Math.round((a[i] ?? 0) * alpha + (b[i] ?? 0) * (1 - alpha))) as Rgb;
}
function luminance(colour: string | Rgb): number {
  const channels = typeof colour === 'string' ? rgb(colour) : colour;
  const [r = 0, g = 0, b = 0] = channels.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string | Rgb, b: string | Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

describe('the contrast ratio', () => {
  it('matches the WCAG definition at its ends and for a known pair', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});

describe('text colours', () => {
  const backgrounds = ['--bg', '--bg-soft'];
  it.each(['--text', '--text-muted', '--accent', '--danger', '--success'])(
    '%s is at least 4.5:1 on the page backgrounds',
    (text) => {
      for (const bg of backgrounds) expect(contrast(v(text), v(bg))).toBeGreaterThanOrEqual(TEXT);
    },
  );

  it('body and muted text are at least 4.5:1 on every soft background and tint', () => {
    const soft = ['--accent-soft', '--danger-soft', '--success-soft', '--warning-soft'];
    const tints = DOMAINS.map((d) => d.tint);
    for (const text of ['--text', '--text-muted']) {
      for (const bg of [...soft.map(v), ...tints]) {
        expect(contrast(v(text), bg), `${text} on ${bg}`).toBeGreaterThanOrEqual(TEXT);
      }
    }
    for (const tint of tints) expect(contrast(v('--text'), tint)).toBeGreaterThanOrEqual(12);
  });

  it('messages are at least 4.5:1 on their own soft backgrounds', () => {
    expect(contrast(v('--danger'), v('--danger-soft'))).toBeGreaterThanOrEqual(TEXT);
    expect(contrast(v('--success'), v('--success-soft'))).toBeGreaterThanOrEqual(TEXT);
    expect(contrast(v('--accent'), v('--accent-soft'))).toBeGreaterThanOrEqual(TEXT);
  });

  it('button text is at least 4.5:1 on the button', () => {
    expect(contrast(v('--accent-text'), v('--accent'))).toBeGreaterThanOrEqual(TEXT);
    expect(contrast('#ffffff', v('--danger'))).toBeGreaterThanOrEqual(TEXT);
    expect(contrast('#ffffff', v('--success'))).toBeGreaterThanOrEqual(TEXT);
  });

  it('the header, its current page and the toasts are at least 4.5:1', () => {
    const layout = 'src/app/layout/app-layout.css';
    const header = ruleColour(layout, '.app-header', 'background');
    expect(contrast('#ffffff', header)).toBeGreaterThanOrEqual(TEXT);
    // The current page's link: white at 18% over the header.
    expect(contrast('#ffffff', over('#ffffff', 0.18, header))).toBeGreaterThanOrEqual(TEXT);
    const toast = ruleColour(layout, '.toast', 'background');
    expect(contrast('#ffffff', toast)).toBeGreaterThanOrEqual(TEXT);
    expect(contrast('#ffffff', v('--danger'))).toBeGreaterThanOrEqual(TEXT);
  });

  it.each(DOMAINS.map((d) => [d.name, d.colour, d.tint] as const))(
    'the %s colour is at least 4.5:1 on white and on its tint, as text',
    (_name, colour, tint) => {
      expect(contrast(colour, '#ffffff')).toBeGreaterThanOrEqual(TEXT);
      expect(contrast(colour, tint)).toBeGreaterThanOrEqual(TEXT);
    },
  );

  it('the CSS domain variables are the framework colours', () => {
    for (const d of DOMAINS) {
      expect(v(`--domain-${d.id}`)).toBe(d.colour.toLowerCase());
      expect(v(`--domain-${d.id}-tint`)).toBe(d.tint.toLowerCase());
    }
  });
});

describe('lines, markers and controls', () => {
  const backgrounds = ['--bg', '--bg-soft'];

  it('control borders and the focus ring are at least 3:1 on the page backgrounds', () => {
    for (const bg of backgrounds) {
      expect(contrast(v('--border'), v(bg))).toBeGreaterThanOrEqual(NON_TEXT);
      expect(contrast(v('--focus'), v(bg))).toBeGreaterThanOrEqual(NON_TEXT);
      expect(contrast(v('--accent'), v(bg))).toBeGreaterThanOrEqual(NON_TEXT);
    }
    // The focus ring inside the header is white.
    const header = ruleColour('src/app/layout/app-layout.css', '.app-header', 'background');
    expect(contrast('#ffffff', header)).toBeGreaterThanOrEqual(NON_TEXT);
  });

  it('the focus ring is at least 3:1 on every domain tint', () => {
    for (const d of DOMAINS)
      expect(contrast(v('--focus'), d.tint)).toBeGreaterThanOrEqual(NON_TEXT);
  });

  it.each(DOMAINS.map((d) => [d.name, d.colour, d.tint] as const))(
    'the %s chart line and marker are at least 3:1 on white, the soft background and its tint',
    (_name, colour, tint) => {
      for (const bg of [v('--bg'), v('--bg-soft'), tint]) {
        expect(contrast(colour, bg)).toBeGreaterThanOrEqual(NON_TEXT);
      }
    },
  );

  it("the charts' axes, ticks and baseline are readable on white", () => {
    const plot = readFileSync('src/features/progress/goal-chart-plot.tsx', 'utf8');
    const axis = /<XAxis[\s\S]*?stroke="(#[0-9a-fA-F]{6})"/.exec(plot)?.[1];
    const tick = /const TICK = \{ fill: '(#[0-9a-fA-F]{6})'/.exec(plot)?.[1];
    const baseline = /<ReferenceLine[^>]*stroke="(#[0-9a-fA-F]{6})"/.exec(plot)?.[1];
    expect([axis, tick, baseline]).not.toContain(undefined);
    expect(contrast(axis ?? '', '#ffffff')).toBeGreaterThanOrEqual(NON_TEXT);
    expect(contrast(tick ?? '', '#ffffff')).toBeGreaterThanOrEqual(TEXT);
    expect(contrast(baseline ?? '', '#ffffff')).toBeGreaterThanOrEqual(NON_TEXT);
  });
});

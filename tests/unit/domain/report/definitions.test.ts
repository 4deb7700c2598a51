import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FEW_CASES_NOTE,
  REPORT_FIGURES as FIGURE_DEFINITIONS,
  FIGURE_ORDER,
  REPORT_SECTIONS,
  WHICH_CASES,
} from '../../../../src/domain/report/figures';

const doc = readFileSync(resolve(__dirname, '../../../../docs/report-definitions.md'), 'utf8');

describe('docs/report-definitions.md', () => {
  it('gives every figure with the same label and words as the app', () => {
    expect(FIGURE_ORDER).toHaveLength(25);
    for (const id of FIGURE_ORDER) {
      const { label, definition } = FIGURE_DEFINITIONS[id];
      expect(doc).toContain(`**${label}.** ${definition}`);
    }
  });

  it('says which cases count and when a figure rests on few closed cases', () => {
    expect(doc).toContain(WHICH_CASES);
    expect(doc).toContain(FEW_CASES_NOTE);
  });
});

describe('the sections of docs/report-definitions.md', () => {
  it('are the report sections, in the same order', () => {
    const figures = doc.slice(doc.indexOf('## The figures'), doc.indexOf('## Choices'));
    const headings = [...figures.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(REPORT_SECTIONS.map((s) => s.title));
  });
});

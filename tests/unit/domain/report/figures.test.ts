import { describe, expect, it } from 'vitest';
import { buildFakeService, scaledSize } from '../../../support/fake-data';
import { reportScope } from '../../../../src/domain/report/cases';
import { domainsSection } from '../../../../src/domain/report/domains';
import {
  FIGURE_ORDER,
  REPORT_FIGURES,
  REPORT_SECTIONS,
  figuresOfSection,
  isListFigure,
  isScalarFigure,
  type ReportSectionId,
} from '../../../../src/domain/report/figures';
import { goalsSection, youngPeopleSection } from '../../../../src/domain/report/goal-progress';
import { buildServiceReport } from '../../../../src/domain/report';
import { peopleSection } from '../../../../src/domain/report/people';
import { practiceSection } from '../../../../src/domain/report/practice';
import { satisfactionSection } from '../../../../src/domain/report/satisfaction';
import { sessionsSection } from '../../../../src/domain/report/sessions';
import { supportSection } from '../../../../src/domain/report/support';
import type { ReportScope, ServiceReport } from '../../../../src/domain/report/types';

const EMPTY = { youngPeople: [], goals: [], sessions: [], ratings: [], closures: [] };
const OPTIONS = { from: '2000-01-01', to: '2100-12-31', programme: null, threshold: 3 };
const SETTINGS = ['from', 'to', 'programme', 'threshold'];

const BUILDERS: Record<ReportSectionId, (scope: ReportScope) => Partial<ServiceReport>> = {
  people: peopleSection,
  domains: domainsSection,
  goals: goalsSection,
  'young-people': youngPeopleSection,
  sessions: sessionsSection,
  support: supportSection,
  satisfaction: satisfactionSection,
  practice: practiceSection,
};

describe('the table of report figures', () => {
  // A small fictional service is enough: every figure has something to count.
  const records = buildFakeService(scaledSize(900));

  it('lists every figure of the report once, with unique ids', () => {
    const figures = Object.keys(buildServiceReport(EMPTY, OPTIONS)).filter(
      (key) => !SETTINGS.includes(key),
    );
    expect(new Set(FIGURE_ORDER).size).toBe(FIGURE_ORDER.length);
    expect([...FIGURE_ORDER].sort()).toEqual([...figures].sort());
  });

  it('gives every section figures, and every figure a section the report has', () => {
    const sections = REPORT_SECTIONS.map((s) => s.id);
    expect(new Set(sections).size).toBe(sections.length);
    for (const id of sections) expect(figuresOfSection(id).length).toBeGreaterThan(0);
    for (const id of FIGURE_ORDER) expect(sections).toContain(REPORT_FIGURES[id].section);
    expect(sections.flatMap(figuresOfSection)).toEqual(FIGURE_ORDER);
  });

  it('gives every figure a label, a definition and a unit, and labels each once', () => {
    const labels = FIGURE_ORDER.map((id) => REPORT_FIGURES[id].label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const id of FIGURE_ORDER) {
      const { label, definition, unit } = REPORT_FIGURES[id];
      expect(label).not.toBe('');
      expect(definition).toMatch(/\.$/);
      expect(unit).not.toBe('');
    }
  });

  it("builds each section with its own builder, giving exactly that section's figures", () => {
    const scope = reportScope(records, OPTIONS);
    for (const { id } of REPORT_SECTIONS) {
      expect(Object.keys(BUILDERS[id](scope))).toEqual(figuresOfSection(id));
    }
  });

  it('says which figures are one number and which are lists, as the report holds them', () => {
    const report = buildServiceReport(records, OPTIONS);
    for (const id of FIGURE_ORDER) {
      const value = report[id].value;
      expect(isScalarFigure(id)).toBe(typeof value === 'number' || value === null);
      expect(isListFigure(id)).toBe(!isScalarFigure(id));
    }
    expect(FIGURE_ORDER.filter(isScalarFigure)).toHaveLength(20);
    const perPerson = REPORT_FIGURES.goalsPerYoungPerson.items(report);
    expect(perPerson.map((i) => i.item)).toEqual(['least', 'most', 'mean']);
    expect(REPORT_FIGURES.nobleTruths.items(report)).toHaveLength(4);
  });
});

import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { DomainChip, DomainLegend } from '../../../src/components/ui/domain-chip';
import { DomainMarker, DomainShape, markerPath } from '../../../src/components/ui/domain-marker';
import { DOMAINS } from '../../../src/domain/framework';

describe('DomainChip', () => {
  it.each(DOMAINS.map((d) => [d.id, d] as const))('shows %s by name in its colours', (id, d) => {
    const { container } = render(<DomainChip domain={id} />);
    const name = screen.getByText(d.name);
    const chip = name.closest('.domain-chip');
    expect(chip).toHaveStyle({ color: d.colour, backgroundColor: d.tint });
    const marker = container.querySelector('svg');
    expect(marker).toHaveAttribute('aria-hidden', 'true');
    expect(marker?.querySelector('path')).toHaveAttribute('data-shape', d.shape);
    expect(screen.queryByText(d.plain)).not.toBeInTheDocument();
  });

  it('adds the plain line for young people', () => {
    render(<DomainChip domain="coping" wording="young-person" />);
    expect(screen.getByText('Coping')).toBeInTheDocument();
    expect(screen.getByText('ways to get through tough times')).toBeInTheDocument();
  });
});

describe('DomainLegend', () => {
  it('lists the five domains in framework order, each with its shape', () => {
    render(<DomainLegend />);
    const list = screen.getByRole('list', { name: 'The five domains' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual([
      'Basics',
      'Belonging',
      'Learning',
      'Coping',
      'Core Self',
    ]);
    expect(items.map((i) => i.querySelector('path')?.getAttribute('data-shape'))).toEqual([
      'circle',
      'square',
      'triangle',
      'diamond',
      'star',
    ]);
  });

  it('shows the plain lines for young people and the summaries for coaches', () => {
    const { unmount } = render(<DomainLegend showLines wording="young-person" />);
    expect(screen.getByText('people and places where you fit in')).toBeInTheDocument();
    unmount();
    render(<DomainLegend showLines />);
    expect(screen.getByText(DOMAINS[1]?.about ?? 'missing')).toBeInTheDocument();
  });
});

describe('DomainMarker and DomainShape', () => {
  it('draws the marker at the size asked for', () => {
    const { container } = render(<DomainMarker domain="core-self" size={20} />);
    const svg = container.querySelector('svg');
    expect(svg).toHaveAttribute('width', '20');
    expect(svg?.querySelector('path')).toHaveAttribute('fill', '#6D28D9');
  });

  it('draws a shape at a point with no wrapping svg, for chart dots', () => {
    const { container } = render(
      <svg>
        <DomainShape shape="diamond" cx={50} cy={20} size={10} fill="red" stroke="white" />
      </svg>,
    );
    const path = container.querySelector('svg > path');
    expect(path).toHaveAttribute('d', 'M50 15 L55 20 L50 25 L45 20 Z');
    expect(path).toHaveAttribute('fill', 'red');
    expect(path).toHaveAttribute('stroke', 'white');
  });

  it('gives each shape a different path that stays inside its box', () => {
    const shapes = ['circle', 'square', 'triangle', 'diamond', 'star'] as const;
    const paths = shapes.map((s) => markerPath(s, 10, 10, 12));
    expect(new Set(paths).size).toBe(5);
    for (const d of paths.filter((p) => !p.includes('a'))) {
      const numbers = (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
      expect(Math.min(...numbers)).toBeGreaterThanOrEqual(4);
      expect(Math.max(...numbers)).toBeLessThanOrEqual(16);
    }
  });
});

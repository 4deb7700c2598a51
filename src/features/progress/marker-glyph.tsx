import type { MarkerShape } from '../../domain/framework';
import type { Rater } from '../../domain/schemas';

/** How a marker is filled: the cue, besides the text, for who gave a rating. */
export type MarkerFill = 'filled' | 'hollow' | 'centre-dot';

/** Young person filled, coach hollow, parent or carer hollow with a dot in the middle. */
export const RATER_FILL: Record<Rater, MarkerFill> = {
  'young-person': 'filled',
  coach: 'hollow',
  'parent-carer': 'centre-dot',
};

function shapePath(shape: MarkerShape, cx: number, cy: number, r: number): string {
  switch (shape) {
    case 'circle':
      return `M${cx - r},${cy}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
    case 'square': {
      const s = r * 0.9;
      return `M${cx - s},${cy - s}h${2 * s}v${2 * s}h${-2 * s}Z`;
    }
    case 'triangle':
      return `M${cx},${cy - r * 1.2}L${cx + r * 1.15},${cy + r * 0.85}L${cx - r * 1.15},${cy + r * 0.85}Z`;
    case 'diamond': {
      const d = r * 1.25;
      return `M${cx},${cy - d}L${cx + d},${cy}L${cx},${cy + d}L${cx - d},${cy}Z`;
    }
    case 'star': {
      const corners = Array.from({ length: 10 }, (_, i) => {
        const radius = i % 2 === 0 ? r * 1.3 : r * 0.55;
        const angle = (Math.PI / 5) * i - Math.PI / 2;
        return `${cx + radius * Math.cos(angle)},${cy + radius * Math.sin(angle)}`;
      });
      return `M${corners.join('L')}Z`;
    }
  }
}

interface MarkerGlyphProps {
  shape: MarkerShape;
  fill: MarkerFill;
  colour: string;
  cx: number;
  cy: number;
  /** Roughly the radius, in px. */
  size: number;
}

/** One chart marker: the domain's shape, filled according to who rated. */
export function MarkerGlyph({ shape, fill, colour, cx, cy, size }: MarkerGlyphProps) {
  return (
    <>
      <path
        d={shapePath(shape, cx, cy, size)}
        fill={fill === 'filled' ? colour : '#ffffff'}
        stroke={colour}
        strokeWidth={2}
        strokeLinejoin="round"
      />
      {fill === 'centre-dot' && <circle cx={cx} cy={cy} r={size * 0.4} fill={colour} />}
    </>
  );
}

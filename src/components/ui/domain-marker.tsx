import { getDomain, type DomainId, type MarkerShape } from '../../domain/framework';

const round = (n: number) => Math.round(n * 100) / 100;

function polygon(points: readonly (readonly [number, number])[]): string {
  return `${points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${round(x)} ${round(y)}`).join(' ')} Z`;
}

/**
 * The SVG path data for a domain's marker shape centred on (cx, cy), fitting a box
 * `size` wide. Pure, so charts and print views can use it without React.
 */
export function markerPath(shape: MarkerShape, cx: number, cy: number, size: number): string {
  const r = size / 2;
  switch (shape) {
    case 'circle':
      return `M${round(cx - r)} ${round(cy)} a${round(r)} ${round(r)} 0 1 0 ${round(size)} 0 a${round(r)} ${round(r)} 0 1 0 ${round(-size)} 0 Z`;
    case 'square': {
      // A little smaller than the box, so it does not look heavier than the circle.
      const h = r * 0.85;
      return polygon([
        [cx - h, cy - h],
        [cx + h, cy - h],
        [cx + h, cy + h],
        [cx - h, cy + h],
      ]);
    }
    case 'triangle':
      return polygon([
        [cx, cy - r],
        [cx + r, cy + r * 0.85],
        [cx - r, cy + r * 0.85],
      ]);
    case 'diamond':
      return polygon([
        [cx, cy - r],
        [cx + r, cy],
        [cx, cy + r],
        [cx - r, cy],
      ]);
    case 'star': {
      const points: [number, number][] = [];
      for (let i = 0; i < 10; i += 1) {
        const radius = i % 2 === 0 ? r : r * 0.48;
        const angle = -Math.PI / 2 + (i * Math.PI) / 5;
        points.push([cx + radius * Math.cos(angle), cy + radius * Math.sin(angle) + r * 0.09]);
      }
      return polygon(points);
    }
  }
}

export interface DomainShapeProps {
  shape: MarkerShape;
  cx: number;
  cy: number;
  /** Width of the box the shape fits in, in SVG units. */
  size?: number;
  fill?: string;
  stroke?: string;
  strokeWidth?: number;
  className?: string;
}

/**
 * One marker shape drawn at a point, with no wrapping <svg>: for recharts custom dots
 * and other SVG drawings.
 */
export function DomainShape({
  shape,
  cx,
  cy,
  size = 12,
  fill = 'currentColor',
  stroke = 'none',
  strokeWidth,
  className,
}: DomainShapeProps) {
  return (
    <path
      d={markerPath(shape, cx, cy, size)}
      fill={fill}
      stroke={stroke}
      strokeWidth={strokeWidth}
      strokeLinejoin="round"
      className={className}
      data-shape={shape}
    />
  );
}

export interface DomainMarkerProps {
  domain: DomainId;
  /** Width and height in pixels. */
  size?: number;
  className?: string;
}

/** A domain's marker shape in its colour, inline with text. Decorative: always next to the name. */
export function DomainMarker({ domain, size = 12, className }: DomainMarkerProps) {
  const { shape, colour } = getDomain(domain);
  return (
    <svg
      width={size}
      height={size}
      viewBox={`0 0 ${size} ${size}`}
      aria-hidden="true"
      focusable="false"
      className={className}
      style={{ flex: 'none', overflow: 'visible' }}
    >
      <DomainShape shape={shape} cx={size / 2} cy={size / 2} size={size} fill={colour} />
    </svg>
  );
}

import type { MarkerShape } from '../../domain/framework';
import type { Rating } from '../../domain/schemas';

/** What a goal's progress chart needs; the app layer supplies the chart component. */
export interface SummaryChart {
  title: string;
  ratings: Rating[];
  colour: string;
  shape: MarkerShape;
}

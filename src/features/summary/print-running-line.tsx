import { formatDate, type IsoDate } from '../../lib/dates';

interface PrintRunningLineProps {
  name: string;
  title: string;
  date: IsoDate;
}

/**
 * The name, title and date at the top of each printed block, so every printed page says
 * whose it is and when it was made. Hidden on screen and from screen readers (the page
 * header says the same once).
 */
export function PrintRunningLine({ name, title, date }: PrintRunningLineProps) {
  return (
    <p className="print-only print-running-line" aria-hidden="true">
      {name} · {title} · {formatDate(date)}
    </p>
  );
}

import type { ReactNode } from 'react';
import { useMySpace, type MySpace } from './use-my-space';

interface SpaceContentProps {
  children: (space: MySpace) => ReactNode;
}

/** Shows a page of the space once the young person's own goals are loaded. */
export function SpaceContent({ children }: SpaceContentProps) {
  const space = useMySpace();
  if (space === undefined) return <p role="status">Loading…</p>;
  if (space === 'none' || space === 'missing') return <SpaceClosed />;
  return children(space);
}

/** When there is no space to show: never a way into anyone else's records. */
export function SpaceClosed() {
  return (
    <div className="my-space__closed">
      <h1>This space is closed</h1>
      <p>Please give the device back to your coach.</p>
    </div>
  );
}

import { useRef, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useHandover } from '../../db/hooks/core';

export const MY_SPACE_PATH = '/my-space';

const isInsideSpace = (pathname: string) =>
  pathname === MY_SPACE_PATH || pathname.startsWith(`${MY_SPACE_PATH}/`);

/**
 * Keeps the device inside the young person's space while a handover is active, whatever
 * address is typed, reloaded or reached with Back, in this tab and any other (the handover
 * lives in IndexedDB, and Dexie's live queries follow changes made in other tabs). Nothing
 * is shown until the handover state is known, so no coach screen ever flashes up. When the
 * coach ends the handover with the PIN, the device returns to that young person's page.
 */
export function HandoverGate({ children }: { children: ReactNode }) {
  const handover = useHandover();
  const { pathname } = useLocation();
  const lastYoungPersonId = useRef<string | null>(null);
  if (handover === undefined) return null;
  if (handover) lastYoungPersonId.current = handover.youngPersonId;
  const inside = isInsideSpace(pathname);
  if (handover && !inside) return <Navigate to={MY_SPACE_PATH} replace />;
  if (!handover && inside) {
    const back = lastYoungPersonId.current ? `/young-people/${lastYoungPersonId.current}` : '/';
    return <Navigate to={back} replace />;
  }
  return <>{children}</>;
}

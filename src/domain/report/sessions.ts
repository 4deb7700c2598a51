/** The report's "Sessions" section. */
import { LOCATIONS, LOCATION_LABELS, type Location, type Session } from '../schemas';
import { countBasis, share } from './figure-helpers';
import type { LocationCount, ReportScope, ServiceReport } from './types';

/** Sessions by location, every location in the app's order, with shares of all sessions. */
export function sessionLocations(sessions: readonly Session[]): LocationCount[] {
  const counts = new Map<Location, number>();
  for (const s of sessions) counts.set(s.location, (counts.get(s.location) ?? 0) + 1);
  return LOCATIONS.map((location) => {
    const count = counts.get(location) ?? 0;
    return {
      location,
      label: LOCATION_LABELS[location],
      count,
      share: share(count, sessions.length),
    };
  });
}

/** How many sessions there were, and where they took place. */
export function sessionsSection(
  scope: ReportScope,
): Pick<ServiceReport, 'sessions' | 'sessionLocations'> {
  const { sessions } = scope;
  const basis = countBasis(sessions.length, 'sessions');
  return {
    sessions: { value: sessions.length, basis },
    sessionLocations: { value: sessionLocations(sessions), basis },
  };
}

import { createContext } from 'react';

/**
 * The id of the point being looked at (focused or hovered), or null.
 *
 * Passed by context rather than as chart props: any new prop makes recharts recompute its
 * points, which remounts every dot and would take keyboard focus away from the focused one.
 */
export const ActivePointContext = createContext<string | null>(null);

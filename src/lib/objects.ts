/**
 * Reading values whose shape is not known: parsed from a file, or stored in a setting.
 */

/** A plain object (not an array, not null), as parsed from a file or read from a setting. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property; never one inherited, so `__proto__` and `constructor` keys fool nothing. */
export function own(value: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(value, key) ? value[key] : undefined;
}

/** A field of a value that may be anything (such as a safety copy's record, not checked). */
export function fieldOf(value: unknown, name: string): unknown {
  return isObject(value) ? own(value, name) : undefined;
}

/** The ids in a stored list: its strings. Anything that is not a list counts as none. */
export function readIdList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
}

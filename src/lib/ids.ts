/** A new random record id (UUID v4 from the platform's secure random source). */
export function newId(): string {
  return crypto.randomUUID();
}

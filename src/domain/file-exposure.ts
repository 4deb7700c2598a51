/**
 * What a file the app writes lets anyone read when it is not protected with a passphrase:
 * said when the coach turns protection off.
 */

/** A full backup, or the safety copy kept before a restore (every record on the device). */
export const BACKUP_EXPOSES =
  "every young person's name, date of birth, school and programme, their goals in their own words, session notes, and closure comments";

/** One young person's case export (the backup format, their records only). */
export function caseFileExposes(name: string): string {
  return `${name}'s name, date of birth, school and programme, goals in their own words, session notes, and closure comments`;
}

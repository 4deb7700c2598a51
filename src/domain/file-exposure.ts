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

/**
 * Said when a file leaves out records that failed their check on this device (and those that
 * would not read back without them), e.g. `leftOutOfFile(2, 'this backup')`.
 */
export function leftOutOfFile(count: number, file: string): string {
  const records =
    count === 1
      ? '1 record could not be read, so it is'
      : `${count.toLocaleString('en-GB')} records could not be read (or need one that could not), so they are`;
  return `${records} not in ${file}. They are kept on this device: Settings lists where they are, under Damaged records.`;
}

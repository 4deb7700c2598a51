import { formatLongDate, toIsoDate } from '../../lib/dates';

/** "resilience-coaching-recovery-key-2026-11-23.txt" */
export function recoveryKeyFileName(now: Date): string {
  return `resilience-coaching-recovery-key-${toIsoDate(now)}.txt`;
}

/** The text of the saved recovery key file: the key, when it was made, and what it is for. */
export function recoveryKeyFileText(recoveryKey: string, now: Date): string {
  return [
    'Resilience Coaching: recovery key',
    '',
    recoveryKey,
    '',
    `Made on ${formatLongDate(toIsoDate(now))}.`,
    '',
    'If you forget your passphrase, this key is the only way to open the records kept in the',
    'app on your device and to choose a new passphrase. Without the passphrase or this key,',
    'nobody can read the records, not even you.',
    '',
    'Anyone who has this key and your device could open the records. Keep it somewhere safe',
    'that is not the device itself: print it and lock it away, or move this file somewhere',
    'safe, then delete it from the device.',
    '',
    'You can type the key in capitals or small letters, with or without the dashes.',
    '',
  ].join('\n');
}

import type { BackupFile } from '../domain/backup-file';
import { makeCaseBackup } from './repositories/backup';

/** Thrown by requireCaseBackup when the young person is no longer on this device. */
export class CaseNotOnDeviceError extends Error {
  constructor() {
    super('This young person is no longer on this device.');
    this.name = 'CaseNotOnDeviceError';
  }
}

/**
 * Every record of one young person (closures and resilience maps included) as a backup file,
 * for the case exports. Throws CaseNotOnDeviceError when they are not on the device, and
 * whatever reading the records throws.
 */
export async function requireCaseBackup(
  youngPersonId: string,
  now: Date = new Date(),
): Promise<BackupFile> {
  const file = await makeCaseBackup(youngPersonId, now);
  if (!file) throw new CaseNotOnDeviceError();
  return file;
}

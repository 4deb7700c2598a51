import { makeCaseBackup } from '../../db/repositories/backup/export';
import { downloadJson } from '../../lib/download';

/** Thrown by downloadCaseBackup when the young person is no longer on this device. */
export class CaseNotOnDeviceError extends Error {
  constructor() {
    super('This young person is no longer on this device.');
    this.name = 'CaseNotOnDeviceError';
  }
}

/**
 * Downloads every record of one young person (closures and resilience maps included) as a
 * backup file named `fileName`. Throws CaseNotOnDeviceError when they are not on the device,
 * and whatever reading the records throws.
 */
export async function downloadCaseBackup(youngPersonId: string, fileName: string): Promise<void> {
  const file = await makeCaseBackup(youngPersonId, new Date());
  if (!file) throw new CaseNotOnDeviceError();
  downloadJson(fileName, file);
}

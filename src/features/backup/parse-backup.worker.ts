/**
 * Checks a backup file off the main thread, so a 100 MB file or 100,000 records never
 * freezes the page. One request per worker: the page starts it, posts the text (and the
 * passphrase for a protected file), gets one answer and ends it.
 */
import { checkBackupRequest } from './check-backup';
import type { BackupWorkerRequest, BackupWorkerResponse } from './parse-in-background';

self.addEventListener('message', (event: MessageEvent<BackupWorkerRequest>) => {
  void checkBackupRequest(event.data).then((check) => {
    const response: BackupWorkerResponse = { check };
    self.postMessage(response);
  });
});

/**
 * Checks a backup file off the main thread, so a 100 MB file or 100,000 records never
 * freezes the page. One request per worker: the page starts it, posts the text (and the
 * passphrase for a protected file), gets one answer and ends it.
 */
import { checkBackupText, openProtectedBackupText } from './check-backup';
import type { BackupWorkerRequest, BackupWorkerResponse } from './parse-in-background';

self.addEventListener('message', (event: MessageEvent<BackupWorkerRequest>) => {
  const request = event.data;
  const answer =
    request.passphrase === null
      ? Promise.resolve(checkBackupText(request.text))
      : openProtectedBackupText(request.text, request.passphrase);
  void answer.then((check) => {
    const response: BackupWorkerResponse = { check };
    self.postMessage(response);
  });
});

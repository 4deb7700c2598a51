import { checkBackupRequest, type BackupCheck, type BackupCheckRequest } from './check-backup';

/** What the page posts to the worker. */
export type BackupWorkerRequest = BackupCheckRequest;

/** The worker's one answer. */
export interface BackupWorkerResponse {
  check: BackupCheck;
}

function runInWorker(request: BackupWorkerRequest): Promise<BackupCheck> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./parse-backup.worker.ts', import.meta.url), {
      type: 'module',
    });
    worker.addEventListener('message', (event: MessageEvent<BackupWorkerResponse>) => {
      worker.terminate();
      resolve(event.data.check);
    });
    // A worker that cannot start (an old browser, a blocked script): check here instead.
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      worker.terminate();
      resolve(checkBackupRequest(request));
    });
    worker.postMessage(request);
  });
}

function run(request: BackupWorkerRequest): Promise<BackupCheck> {
  return typeof Worker === 'undefined' ? checkBackupRequest(request) : runInWorker(request);
}

/**
 * Checks a backup file's text in a Web Worker (or right here where there is none, as in
 * tests): valid, invalid with its problems (a record dated after `now` among them), or
 * protected by a passphrase.
 */
export function parseBackupInBackground(text: string, now: Date): Promise<BackupCheck> {
  return run({ text, passphrase: null, now: now.getTime() });
}

/** Opens a protected backup with its passphrase, in the worker, and checks what is inside. */
export function openProtectedBackupInBackground(
  text: string,
  passphrase: string,
  now: Date,
): Promise<BackupCheck> {
  return run({ text, passphrase, now: now.getTime() });
}

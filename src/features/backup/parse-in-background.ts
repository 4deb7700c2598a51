import { checkBackupText, openProtectedBackupText, type BackupCheck } from './check-backup';

/** What the page posts to the worker. */
export interface BackupWorkerRequest {
  text: string;
  /** Set to open a passphrase-protected file; null to check a file as it is. */
  passphrase: string | null;
}

/** The worker's one answer. */
export interface BackupWorkerResponse {
  check: BackupCheck;
}

function runHere(request: BackupWorkerRequest): Promise<BackupCheck> {
  return request.passphrase === null
    ? Promise.resolve(checkBackupText(request.text))
    : openProtectedBackupText(request.text, request.passphrase);
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
      resolve(runHere(request));
    });
    worker.postMessage(request);
  });
}

function run(request: BackupWorkerRequest): Promise<BackupCheck> {
  return typeof Worker === 'undefined' ? runHere(request) : runInWorker(request);
}

/**
 * Checks a backup file's text in a Web Worker (or right here where there is none, as in
 * tests): valid, invalid with its problems, or protected by a passphrase.
 */
export function parseBackupInBackground(text: string): Promise<BackupCheck> {
  return run({ text, passphrase: null });
}

/** Opens a protected backup with its passphrase, in the worker, and checks what is inside. */
export function openProtectedBackupInBackground(
  text: string,
  passphrase: string,
): Promise<BackupCheck> {
  return run({ text, passphrase });
}

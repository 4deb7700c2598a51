import { useCallback, useEffect, useState } from 'react';
import {
  formatBytes,
  getStorageStatus,
  requestPersistentStorage,
  type StorageStatus,
} from '../../lib/storage';

function PersistenceLine({ persisted }: { persisted: boolean | null }) {
  if (persisted === true) {
    return (
      <p>
        <strong>Kept safe:</strong> this browser will not clear these records to free up space. They
        are still lost if the browser&apos;s data is cleared or the device is lost, so keep backing
        up.
      </p>
    );
  }
  if (persisted === false) {
    return (
      <p>
        <strong>Not yet kept safe:</strong> this browser may clear these records if the device runs
        low on space. Installing the app, or allowing it when asked, usually fixes this. Back up
        often until it does.
      </p>
    );
  }
  return <p>This browser does not say whether it keeps these records when space is low.</p>;
}

/** Settings: whether the browser keeps the records when space runs low, and space used and left. */
export function StorageSection() {
  const [status, setStatus] = useState<StorageStatus | null>(null);
  const [asked, setAsked] = useState(false);
  const refresh = useCallback(() => {
    void getStorageStatus().then(setStatus);
  }, []);
  useEffect(refresh, [refresh]);

  const ask = async () => {
    await requestPersistentStorage();
    setAsked(true);
    refresh();
  };

  return (
    <section className="settings__section" aria-labelledby="storage-heading">
      <h2 id="storage-heading">Storage on this device</h2>
      {status === null ? (
        <p role="status">Checking…</p>
      ) : (
        <>
          <PersistenceLine persisted={status.persisted} />
          {status.usageBytes !== null && status.quotaBytes !== null && (
            <p>
              Using {formatBytes(status.usageBytes)} of about {formatBytes(status.quotaBytes)} this
              browser allows; {formatBytes(Math.max(0, status.quotaBytes - status.usageBytes))}{' '}
              left.
            </p>
          )}
          {status.persisted === false && (
            <button type="button" className="button button--secondary" onClick={() => void ask()}>
              Ask the browser to keep these records
            </button>
          )}
          {asked && status.persisted === false && (
            <p role="status">
              The browser said no for now. Browsers decide this themselves, often once the app is
              installed or used regularly.
            </p>
          )}
        </>
      )}
    </section>
  );
}

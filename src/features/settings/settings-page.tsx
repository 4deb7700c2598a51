import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/ui/page-header';
import { useYoungPersonDetail } from '../../db/hooks/core';
import { usePinState } from '../../db/hooks/records';
import type { YoungPerson } from '../../domain/schemas';
import { CoachPinForm } from './coach-pin-form';
import { LockSection, type LockSectionProps } from './lock-section';
import { ReliableChangeForm } from './reliable-change-form';
import type { RenderEraseDialog } from './past-retention-list';
import { RetentionSection } from './retention-section';
import { StorageSection } from './storage-section';
import './settings.css';

function HandoverNotice({
  youngPerson,
  pinIsSet,
}: {
  youngPerson: YoungPerson;
  pinIsSet: boolean;
}) {
  return (
    <div className="settings__notice" role="note">
      <p>
        {pinIsSet
          ? `Save your PIN and ${youngPerson.name}'s own space opens.`
          : `Before you hand over to ${youngPerson.name}, set a PIN. Their own space opens as soon as it is saved.`}
      </p>
    </div>
  );
}

/**
 * Settings at /settings. With ?handover=<youngPersonId> the coach came here from "Hand over":
 * saving the PIN then opens that young person's space. `renderSetUp` shows the passphrase
 * set-up form in the "Passphrase and lock" section and `renderNewRecoveryKey` a new recovery key
 * (see LockSection); `damagedRecords` the list of damaged records; `renderEraseDialog` the
 * erase dialog of the closed cases past retention (see PastRetentionList).
 */
export function SettingsPage({
  renderSetUp,
  renderNewRecoveryKey,
  renderEraseDialog,
  damagedRecords,
}: LockSectionProps & { renderEraseDialog: RenderEraseDialog; damagedRecords?: ReactNode }) {
  const [params] = useSearchParams();
  const handoverId = params.get('handover') ?? undefined;
  const pinState = usePinState();
  const detail = useYoungPersonDetail(handoverId);
  const handoverTo = detail?.youngPerson ?? null;

  return (
    <>
      <PageHeader
        title="Settings"
        back={
          handoverTo
            ? { to: `/young-people/${handoverTo.id}`, label: `Back to ${handoverTo.name}` }
            : undefined
        }
      />
      <LockSection renderSetUp={renderSetUp} renderNewRecoveryKey={renderNewRecoveryKey} />
      {damagedRecords}
      <section className="settings__section" aria-labelledby="coach-pin-heading">
        <h2 id="coach-pin-heading">Coach PIN</h2>
        <p>Young people use your device in their own space. The PIN lets only you leave it.</p>
        {pinState === undefined || (handoverId && detail === undefined) ? (
          <p role="status">Loading…</p>
        ) : (
          <>
            <p className="settings__pin-status">
              {pinState.isSet
                ? 'Your PIN is set. You can change it here.'
                : 'You have not set a PIN yet. You need one before you can hand over.'}
            </p>
            {handoverTo && <HandoverNotice youngPerson={handoverTo} pinIsSet={pinState.isSet} />}
            <CoachPinForm
              key={pinState.isSet ? 'change' : 'set'}
              changing={pinState.isSet}
              handoverTo={handoverTo}
            />
          </>
        )}
      </section>
      <section className="settings__section" aria-labelledby="backup-heading">
        <h2 id="backup-heading">Backup and restore</h2>
        <p>
          Records are kept only in this browser on this device. Back them up to a file often, and
          restore them from one on this or another device.
        </p>
        <p>
          <Link to="/backup">Back up or restore</Link>
        </p>
      </section>
      <StorageSection />
      <RetentionSection renderEraseDialog={renderEraseDialog} />
      <ReliableChangeForm />
    </>
  );
}

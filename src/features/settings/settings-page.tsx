import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/ui/page-header';
import { useYoungPersonDetail } from '../../db/hooks/core';
import { usePinState } from '../../db/hooks/records';
import { useLockState } from '../../db/hooks/use-lock-state';
import type { PinState } from '../../db/repositories/coach-pin';
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

const PIN_STATUS_WORDS: Record<PinState['status'], string> = {
  set: 'Your PIN is set. You can change it here.',
  'not-set': 'You have not set a PIN yet. You need one before you can hand over.',
  spent:
    'Your PIN was typed wrong 10 times in a row, so it no longer works. Set a new one before you hand over.',
  unreadable:
    'Your PIN cannot be checked on this device any more. Set a new one before you hand over.',
};

/** The Coach PIN section: set or change the PIN, then hand over if that is why the coach came. */
function CoachPinSection({
  handoverId,
  handoverTo,
  loadingPerson,
}: {
  handoverId: string | undefined;
  handoverTo: YoungPerson | null;
  loadingPerson: boolean;
}) {
  const lockState = useLockState();
  const pinState = usePinState();
  return (
    <section className="settings__section" aria-labelledby="coach-pin-heading">
      <h2 id="coach-pin-heading">Coach PIN</h2>
      <p>Young people use your device in their own space. The PIN lets only you leave it.</p>
      <p>
        Each wrong PIN after the third makes the next try wait longer (1 minute, then 5, 15, an
        hour, 4 hours). After 10 wrong tries in a row the PIN stops working, the hand-over ends and
        the app locks: only your passphrase opens it. Forgot the PIN? In the young person&apos;s
        space, “Forgot the PIN?” ends the hand-over with your passphrase.
      </p>
      {lockState === 'not-set-up' ? (
        <p className="settings__pin-status">
          Choose a passphrase first (under “Passphrase and lock”): your PIN is kept sealed with the
          key it protects, and hand-overs need it.
        </p>
      ) : pinState === undefined || (handoverId && loadingPerson) ? (
        <p role="status">Loading…</p>
      ) : (
        <>
          <p className="settings__pin-status">{PIN_STATUS_WORDS[pinState.status]}</p>
          {handoverTo && (
            <HandoverNotice youngPerson={handoverTo} pinIsSet={pinState.status === 'set'} />
          )}
          <CoachPinForm
            key={pinState.status === 'set' ? 'change' : 'set'}
            changing={pinState.status === 'set'}
            handoverTo={handoverTo}
          />
        </>
      )}
    </section>
  );
}

/**
 * Settings at /settings. With ?handover=<youngPersonId> the coach came here from "Hand over":
 * the Coach PIN form comes first, and saving the PIN opens that young person's space.
 * `renderSetUp` shows the passphrase set-up form in the "Passphrase and lock" section and
 * `renderNewRecoveryKey` a new recovery key (see LockSection); `damagedRecords` the list of
 * damaged records; `renderEraseDialog` the erase dialog of the closed cases past retention (see
 * PastRetentionList).
 */
export function SettingsPage({
  renderSetUp,
  renderNewRecoveryKey,
  renderEraseDialog,
  damagedRecords,
  team,
}: LockSectionProps & {
  renderEraseDialog: RenderEraseDialog;
  damagedRecords?: ReactNode;
  /** Settings > Team (the connection to the service), composed by the app. */
  team?: ReactNode;
}) {
  const [params] = useSearchParams();
  const handoverId = params.get('handover') ?? undefined;
  const detail = useYoungPersonDetail(handoverId);
  const handoverTo = detail?.youngPerson ?? null;
  const pinSection = (
    <CoachPinSection
      handoverId={handoverId}
      handoverTo={handoverTo}
      loadingPerson={detail === undefined}
    />
  );

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
      {handoverId && pinSection}
      <LockSection renderSetUp={renderSetUp} renderNewRecoveryKey={renderNewRecoveryKey} />
      {damagedRecords}
      {!handoverId && pinSection}
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
      {team}
      <StorageSection />
      <RetentionSection renderEraseDialog={renderEraseDialog} />
      <ReliableChangeForm />
    </>
  );
}

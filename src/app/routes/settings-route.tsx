import { DamagedRecordsSection } from '../../features/damaged-records/damaged-records-section';
import { NewRecoveryKey } from '../../features/lock/new-recovery-key';
import { SetUpPassphrase } from '../../features/lock/set-up-passphrase';
import { SettingsPage } from '../../features/settings/settings-page';
import { EraseYoungPersonDialog } from '../../features/young-people/erase-young-person-dialog';

/**
 * Settings, with the passphrase set-up form for "Choose a passphrase", the new recovery key
 * step for "Renew keys", the damaged records, and the erase dialog for closed cases past
 * retention (features stay apart).
 */
export function SettingsRoute() {
  return (
    <SettingsPage
      renderSetUp={(onDone) => <SetUpPassphrase headingLevel={3} onDone={onDone} />}
      renderNewRecoveryKey={(args) => <NewRecoveryKey {...args} />}
      damagedRecords={<DamagedRecordsSection />}
      renderEraseDialog={(args) => <EraseYoungPersonDialog {...args} />}
    />
  );
}

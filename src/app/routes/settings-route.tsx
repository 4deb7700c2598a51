import { SetUpPassphrase } from '../../features/lock/set-up-passphrase';
import { SettingsPage } from '../../features/settings/settings-page';
import { EraseYoungPersonDialog } from '../../features/young-people/erase-young-person-dialog';

/**
 * Settings, with the passphrase set-up form for "Choose a passphrase" and the erase dialog for
 * closed cases past retention (features stay apart).
 */
export function SettingsRoute() {
  return (
    <SettingsPage
      renderSetUp={(onDone) => <SetUpPassphrase headingLevel={3} onDone={onDone} />}
      renderEraseDialog={(args) => <EraseYoungPersonDialog {...args} />}
    />
  );
}

import { SetUpPassphrase } from '../../features/lock/set-up-passphrase';
import { SettingsPage } from '../../features/settings/settings-page';

/** Settings, with the passphrase set-up form for "Choose a passphrase" (features stay apart). */
export function SettingsRoute() {
  return (
    <SettingsPage renderSetUp={(onDone) => <SetUpPassphrase headingLevel={3} onDone={onDone} />} />
  );
}

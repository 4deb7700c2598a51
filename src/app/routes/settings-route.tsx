import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { SetUpPassphrase } from '../../features/lock/set-up-passphrase';
import { SettingsPage } from '../../features/settings/settings-page';
import { EraseYoungPersonDialog } from '../../features/young-people/erase-young-person-dialog';

/**
 * Settings, with the passphrase set-up form for "Choose a passphrase" and the erase dialog for
 * closed cases past retention (features stay apart). Coming to hand over
 * (?handover=<youngPersonId>), the page goes through `passphraseFirst` (PassphraseFirst, in
 * ../routes.tsx): before a passphrase is chosen the coach chooses one first, since a
 * hand-over runs only while the app is unlocked (the PIN is sealed under the data key).
 */
export function SettingsRoute({
  passphraseFirst,
}: {
  passphraseFirst: (page: ReactNode) => ReactNode;
}) {
  const [params] = useSearchParams();
  const page = (
    <SettingsPage
      renderSetUp={(onDone) => <SetUpPassphrase headingLevel={3} onDone={onDone} />}
      renderEraseDialog={(args) => <EraseYoungPersonDialog {...args} />}
    />
  );
  return params.has('handover') ? passphraseFirst(page) : page;
}

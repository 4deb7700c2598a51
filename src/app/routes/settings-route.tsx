import type { ComponentType, ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { DamagedRecordsSection } from '../../features/damaged-records/damaged-records-section';
import { NewRecoveryKey } from '../../features/lock/new-recovery-key';
import { SetUpPassphrase } from '../../features/lock/set-up-passphrase';
import { SettingsPage } from '../../features/settings/settings-page';
import { JoinTeam } from '../../features/team/join-team';
import { TeamSection } from '../../features/team/team-section';
import { LeadTeamSection } from '../../features/team-lead/lead-team-section';
import { EraseYoungPersonDialog } from '../../features/young-people/erase-young-person-dialog';
import { teamSync } from '../team-sync';

interface SettingsRouteProps {
  /** ../lock/passphrase-first's PassphraseFirst, passed in by ../routes.tsx. */
  PassphraseFirst: ComponentType<{ reason: string; children: ReactNode }>;
}

/**
 * Settings, with the passphrase set-up form for "Choose a passphrase", the new recovery key
 * step for "Renew keys", the damaged records, the Team section (the service connection), the Lead a team section (the service lead's invitations), and the erase dialog for closed cases past
 * retention (features stay apart). Coming to hand over (?handover=<youngPersonId>) before a
 * passphrase is chosen, the coach chooses one first: a hand-over runs only while the app is
 * unlocked, since the PIN is sealed under the data key.
 */
export function SettingsRoute({ PassphraseFirst }: SettingsRouteProps) {
  const [params] = useSearchParams();
  const page = (
    <SettingsPage
      renderSetUp={(onDone) => <SetUpPassphrase headingLevel={3} onDone={onDone} />}
      renderNewRecoveryKey={(args) => <NewRecoveryKey {...args} />}
      damagedRecords={<DamagedRecordsSection />}
      team={
        <>
          <TeamSection source={teamSync} renderJoin={() => <JoinTeam />} />
          <LeadTeamSection reportLink={<Link to="/team-report">Team report</Link>} />
        </>
      }
      renderEraseDialog={(args) => <EraseYoungPersonDialog {...args} />}
    />
  );
  if (!params.has('handover')) return page;
  return (
    <PassphraseFirst reason="Before you hand over, choose a passphrase. What the young person adds is then kept encrypted on this device, and so is your PIN.">
      {page}
    </PassphraseFirst>
  );
}

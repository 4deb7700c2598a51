import type { CaseloadListing } from '../../team/directory';

const ROLE_WORDS = { lead: 'Service lead', coach: 'Coach' } as const;

/** The lead's coach list: every caseload set up for team working, its coaches and devices. */
export function CoachList({
  caseloads,
  refused,
}: {
  caseloads: readonly CaseloadListing[];
  refused: readonly string[];
}) {
  return (
    <>
      {caseloads.length === 0 ? (
        <p>No caseload is set up for team working yet. Invite a coach to set up their caseload.</p>
      ) : (
        <ul className="team-lead__caseloads" aria-label="Caseloads">
          {caseloads.map((c) => (
            <li key={c.caseloadDatabase}>
              <h4>
                <code>{c.caseloadDatabase}</code>
              </h4>
              <p>
                Coaches: {c.coaches.length === 0 ? 'none yet' : c.coaches.join(', ')}. Key version{' '}
                {c.keyVersion}.
              </p>
              <ul aria-label={`Devices holding ${c.caseloadDatabase}`}>
                {c.devices.map((d) => (
                  <li key={d.fingerprint}>
                    {ROLE_WORDS[d.role]}’s device:{' '}
                    <span className="team-lead__fingerprint">{d.shownFingerprint}</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {refused.length > 0 && (
        <p role="alert">
          These caseloads’ lists on the team server are missing, older than this device’s or failed
          their check, so they are not shown. Someone may have changed them on the team server: tell
          whoever runs it. {refused.join(', ')}
        </p>
      )}
    </>
  );
}

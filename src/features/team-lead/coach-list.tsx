import { useRef, useState } from 'react';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import type { CaseloadListing, Removal } from '../../team/directory';

const ROLE_WORDS = { lead: 'Service lead', coach: 'Coach' } as const;

export type RemoveResult = { ok: true } | { ok: false; message: string };

/** A removal the lead is asked to confirm, with the words that say what it does. */
interface Asking {
  removal: Removal;
  title: string;
  confirmLabel: string;
  what: string;
}

/**
 * The lead's coach list: every caseload set up for team working, its coaches and devices. With
 * `onRemove`, each coach's device can be removed (a lost or replaced tablet) and each coach
 * taken off their caseload (a coach who leaves), after a confirmation saying what it does.
 */
export function CoachList({
  caseloads,
  refused,
  onRemove,
}: {
  caseloads: readonly CaseloadListing[];
  refused: readonly string[];
  onRemove?: (removal: Removal) => Promise<RemoveResult>;
}) {
  const [asking, setAsking] = useState<Asking | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  // A second click before the first is done does not remove twice.
  const removing = useRef(false);

  const confirm = async (chosen: Asking) => {
    setAsking(null);
    if (!onRemove || removing.current) return;
    removing.current = true;
    setOutcome({ ok: true, message: 'Making the caseload’s new key…' });
    try {
      const result = await onRemove(chosen.removal);
      setOutcome(
        result.ok
          ? {
              ok: true,
              message: `${chosen.what} The caseload has a new key. The devices that stay take it the next time they sync; the removed ones stop syncing then.`,
            }
          : { ok: false, message: result.message },
      );
    } catch {
      setOutcome({ ok: false, message: 'This could not be done. Please try again.' });
    } finally {
      removing.current = false;
    }
  };

  return (
    <>
      {caseloads.length === 0 ? (
        <p>No caseload is set up for team working yet. Invite a coach to set up their caseload.</p>
      ) : (
        <ul className="team-lead__caseloads" aria-label="Caseloads">
          {caseloads.map((c) => {
            const coachDevices = c.devices.filter((d) => d.role === 'coach');
            return (
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
                      {onRemove && d.role === 'coach' && (
                        <>
                          {' '}
                          <button
                            type="button"
                            className="button button--secondary"
                            aria-label={`Remove the coach’s device ${d.shownFingerprint}…`}
                            onClick={() =>
                              setAsking({
                                removal: {
                                  caseloadDatabase: c.caseloadDatabase,
                                  devices: [d.fingerprint],
                                },
                                title: 'Remove this device from the team?',
                                confirmLabel: 'Remove the device',
                                what: `The device ${d.shownFingerprint} was removed.`,
                              })
                            }
                          >
                            Remove this device…
                          </button>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
                {onRemove &&
                  c.coaches.map((coach) => (
                    <p key={coach}>
                      <button
                        type="button"
                        className="button button--secondary"
                        onClick={() =>
                          setAsking({
                            removal: {
                              caseloadDatabase: c.caseloadDatabase,
                              devices: coachDevices.map((d) => d.fingerprint),
                              coaches: [coach],
                            },
                            title: `Take ${coach} off this caseload?`,
                            confirmLabel: `Take ${coach} off`,
                            what: `${coach} and their devices were taken off the caseload.`,
                          })
                        }
                      >
                        Take {coach} off this caseload…
                      </button>
                    </p>
                  ))}
              </li>
            );
          })}
        </ul>
      )}
      {outcome && (
        <p role={outcome.ok ? 'status' : 'alert'} className="team-lead__removal">
          {outcome.message}
        </p>
      )}
      {refused.length > 0 && (
        <p role="alert">
          These caseloads’ lists on the team server are missing, older than this device’s or failed
          their check, so they are not shown. Someone may have changed them on the team server: tell
          whoever runs it. {refused.join(', ')}
        </p>
      )}
      {asking && (
        <ConfirmDialog
          title={asking.title}
          confirmLabel={asking.confirmLabel}
          danger
          onConfirm={() => void confirm(asking)}
          onCancel={() => setAsking(null)}
        >
          <p>
            The caseload gets a new key, which only the devices that stay can open. A removed device
            stops syncing the next time it checks with the team server, and cannot read anything
            written from then on. It keeps the records it already has: end-to-end encryption cannot
            take back what a device holds.
          </p>
          {asking.removal.coaches?.length ? (
            <p>
              Move their cases to other coaches first (Team report). Then ask whoever runs the team
              server to remove their account.
            </p>
          ) : (
            <p>
              If the device was lost or stolen, also ask whoever runs the team server to change the
              coach’s password.
            </p>
          )}
        </ConfirmDialog>
      )}
    </>
  );
}

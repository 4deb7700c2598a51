import { useId } from 'react';
import { showToast } from '../../stores/toast-store';
import { PassphrasePrompt } from './passphrase-prompt';
import { RestorePreview } from './restore-preview';
import { RestoreReport } from './restore-report';
import { RestoreResultPanel } from './restore-result';
import type { RestoreControls } from './use-restore';

/** "Restore from a backup": choose a file, see what it would do, then merge or replace. */
export function RestoreSection({ restore: controls }: { restore: RestoreControls }) {
  const inputId = useId();
  const { state, chooseFile, openWithPassphrase, restore } = controls;
  return (
    <section className="backup__section" aria-labelledby="restore-heading">
      <h2 id="restore-heading">Restore from a backup</h2>
      <p>
        Choose a backup file saved by this app. The whole file is checked first, and you see what it
        would change before anything is written.
      </p>
      <div className="field">
        <label htmlFor={inputId} className="field__label">
          Backup file
        </label>
        <input
          id={inputId}
          type="file"
          accept=".json,application/json"
          className="backup__file-input"
          onChange={(e) => {
            const file = e.target.files?.[0] ?? null;
            // Cleared so that choosing the same file again (to replace after a merge) counts.
            e.target.value = '';
            if (file) void chooseFile(file);
          }}
        />
      </div>
      {state.step === 'checking' && (
        <p role="status" className="backup__busy">
          Checking the file…
        </p>
      )}
      {state.step === 'invalid' && (
        <RestoreReport
          fileName={state.fileName}
          message={state.message}
          problems={state.problems}
          moreProblems={state.moreProblems}
        />
      )}
      {state.step === 'passphrase' && (
        <PassphrasePrompt
          key={state.fileName}
          fileName={state.fileName}
          error={state.error}
          opening={state.opening}
          onOpen={(passphrase) => void openWithPassphrase(passphrase)}
        />
      )}
      {state.step === 'ready' && (
        <RestorePreview
          fileName={state.fileName}
          plan={state.plan}
          restoring={state.restoring}
          error={state.error}
          onRestore={(mode, options) =>
            void restore(mode, options).then((result) => {
              if (result) showToast('Backup restored');
            })
          }
        />
      )}
      {state.step === 'done' && <RestoreResultPanel result={state.result} />}
    </section>
  );
}

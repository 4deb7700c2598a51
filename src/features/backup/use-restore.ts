import { useCallback, useRef, useState } from 'react';
import {
  applyRestore,
  planRestore,
  type RestoreOptions,
} from '../../db/repositories/backup/restore';
import { MAX_BACKUP_BYTES, backupTooBigMessage } from '../../domain/backup-parse';
import type { RestoreMode } from '../../domain/restore-plan';
import { errorReason } from '../../lib/errors';
import type { BackupCheck } from './check-backup';
import { openProtectedBackupInBackground, parseBackupInBackground } from './parse-in-background';
import { readFileText } from '../../lib/read-file-text';
import type { RestoreState } from './restore-model';

/**
 * The restore, step by step: check the chosen file (in a worker), ask for its passphrase
 * if it is protected, show the plan, then restore. A newer choice of file wins over one
 * still being checked.
 */
export function useRestore() {
  const [state, setState] = useState<RestoreState>({ step: 'idle' });
  const attempt = useRef(0);

  const settle = useCallback(
    async (run: number, fileName: string, text: string, check: BackupCheck) => {
      if (run !== attempt.current) return;
      switch (check.kind) {
        case 'invalid':
          setState({ step: 'invalid', fileName, ...check });
          return;
        case 'encrypted':
          setState({ step: 'passphrase', fileName, text, error: null, opening: false });
          return;
        case 'wrong-passphrase':
          setState({ step: 'passphrase', fileName, text, error: check.message, opening: false });
          return;
        case 'valid': {
          try {
            const plan = await planRestore(check.backup);
            if (run !== attempt.current) return;
            setState({
              step: 'ready',
              fileName,
              backup: check.backup,
              plan,
              error: null,
              restoring: false,
            });
          } catch (error) {
            if (run !== attempt.current) return;
            setState({
              step: 'invalid',
              fileName,
              message: errorReason(error),
              problems: [],
              moreProblems: 0,
            });
          }
        }
      }
    },
    [],
  );

  const chooseFile = useCallback(
    async (file: File) => {
      const run = ++attempt.current;
      const fileName = file.name;
      if (file.size > MAX_BACKUP_BYTES) {
        const message = backupTooBigMessage(file.size);
        setState({ step: 'invalid', fileName, message, problems: [], moreProblems: 0 });
        return;
      }
      setState({ step: 'checking', fileName });
      try {
        const text = await readFileText(file);
        await settle(run, fileName, text, await parseBackupInBackground(text, new Date()));
      } catch (error) {
        const message = `The file could not be read. ${errorReason(error)}`;
        await settle(run, fileName, '', {
          kind: 'invalid',
          message,
          problems: [],
          moreProblems: 0,
        });
      }
    },
    [settle],
  );

  const openWithPassphrase = useCallback(
    async (passphrase: string) => {
      if (state.step !== 'passphrase') return;
      const run = attempt.current;
      const { fileName, text } = state;
      setState({ ...state, error: null, opening: true });
      await settle(
        run,
        fileName,
        text,
        await openProtectedBackupInBackground(text, passphrase, new Date()),
      );
    },
    [state, settle],
  );

  const restore = useCallback(
    async (mode: RestoreMode, options: RestoreOptions = {}) => {
      if (state.step !== 'ready') return;
      const run = attempt.current;
      setState({ ...state, error: null, restoring: true });
      try {
        const result = await applyRestore(state.backup, mode, new Date(), options);
        if (run === attempt.current) setState({ step: 'done', fileName: state.fileName, result });
        return result;
      } catch (error) {
        if (run === attempt.current) {
          setState({
            ...state,
            restoring: false,
            error: `Nothing was restored. ${errorReason(error)}`,
          });
        }
        return null;
      }
    },
    [state],
  );

  return { state, chooseFile, openWithPassphrase, restore };
}

/** The restore's state and the steps that move it on. */
export type RestoreControls = ReturnType<typeof useRestore>;

import { PageHeader } from '../../components/ui/page-header';
import { BackUpSection } from './back-up-section';
import { RestoreSection } from './restore-section';
import { SafetyCopySection } from './safety-copy-section';
import { useRestore } from './use-restore';
import './backup.css';

/** Backup and restore at /backup: save every record to a file, or bring a file back. */
export function BackupPage() {
  const restore = useRestore();
  const { state } = restore;
  // Straight after a replace, the result offers the new safety copy itself.
  const justReplaced = state.step === 'done' && state.result.safetyCopy !== null;
  return (
    <>
      <PageHeader title="Backup and restore" />
      <BackUpSection />
      <RestoreSection restore={restore} />
      {!justReplaced && <SafetyCopySection />}
    </>
  );
}

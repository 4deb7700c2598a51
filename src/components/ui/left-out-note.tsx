import { leftOutOfFile } from '../../domain/file-exposure';
import './file-protection.css';

interface LeftOutNoteProps {
  /** Records left out of the file just made (0: nothing is shown). */
  count: number;
  /** What the file is called in the sentence: "this backup", "Mia's file". */
  file: string;
}

/**
 * Said, as an alert, once a file is made that leaves out records which could not be read on
 * this device (and those that would not read back without them): they are not lost, and
 * Settings says where they are.
 */
export function LeftOutNote({ count, file }: LeftOutNoteProps) {
  if (count <= 0) return null;
  return (
    <p className="left-out-note" role="alert">
      {leftOutOfFile(count, file)}
    </p>
  );
}

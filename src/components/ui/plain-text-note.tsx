import type { ReactNode } from 'react';
import './file-protection.css';

interface PlainTextNoteProps {
  /** For the buttons' aria-describedby, so the note is heard with them. */
  id: string;
  children: ReactNode;
}

/**
 * Said before a print or a CSV download, beside its buttons (and read out with them): the file
 * or page is not encrypted. Hidden when the page is printed.
 */
export function PlainTextNote({ id, children }: PlainTextNoteProps) {
  return (
    <p id={id} className="plain-text-note">
      <strong>Not encrypted:</strong> {children}
    </p>
  );
}

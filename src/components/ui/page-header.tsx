import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useDocumentTitle } from './use-document-title';
import './ui.css';

interface PageHeaderProps {
  title: string;
  /** Where "Back" goes, with its words ("Back to Mia"). */
  back?: { to: string; label: string };
  /** Buttons or links beside the title. */
  actions?: ReactNode;
  children?: ReactNode;
}

/** The page's one h1 (which also names the browser tab), an optional back link and actions. */
export function PageHeader({ title, back, actions, children }: PageHeaderProps) {
  useDocumentTitle(title);
  return (
    <header className="page-header">
      {back && (
        <Link className="page-header__back" to={back.to}>
          <span aria-hidden="true">← </span>
          {back.label}
        </Link>
      )}
      <div className="page-header__row">
        <h1 className="page-header__title">{title}</h1>
        {actions && <div className="page-header__actions">{actions}</div>}
      </div>
      {children}
    </header>
  );
}

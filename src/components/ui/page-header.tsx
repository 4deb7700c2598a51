import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useDocumentTitle, type FixedText } from './use-document-title';
import './ui.css';

interface PageHeaderBaseProps {
  /** Where "Back" goes, with its words ("Back to Mia"). */
  back?: { to: string; label: string };
  /** Buttons or links beside the title. */
  actions?: ReactNode;
  children?: ReactNode;
}

/**
 * The heading and the browser tab's title. The tab's title is kept, unencrypted, in the
 * browser's history, so it must never hold a name or other record text: a heading made from
 * a record (`${yp.name}'s goal`, typed `string`) needs a `documentTitle` of fixed wording
 * ("A young person's goal"); a heading of fixed wording ("Settings") names the tab itself.
 */
type PageHeaderTitleProps<T extends string, D extends string> = [FixedText<T>] extends [never]
  ? { title: T; documentTitle: FixedText<D> }
  : { title: T; documentTitle?: FixedText<D> };

export type PageHeaderProps<T extends string, D extends string> = PageHeaderBaseProps &
  PageHeaderTitleProps<T, D>;

/**
 * The page's one h1, an optional back link and actions; names the browser tab after
 * `documentTitle`, or after the h1 when that is fixed wording.
 */
export function PageHeader<T extends string, D extends string = never>(
  props: PageHeaderProps<T, D>,
) {
  const { title, documentTitle, back, actions, children } = props;
  // Without a documentTitle the title is fixed wording (see PageHeaderTitleProps).
  useDocumentTitle<string>((documentTitle ?? title) as FixedText<string>);
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

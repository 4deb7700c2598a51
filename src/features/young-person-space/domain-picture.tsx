import type { ReactNode } from 'react';
import { getDomain, type DomainId } from '../../domain/framework';

/** Simple drawings in a 48 by 48 box, one per domain, drawn with the domain's colour. */
const DRAWINGS: Record<DomainId, ReactNode> = {
  // A home with a heart in the window: the things everyone needs.
  basics: (
    <>
      <path d="M6 24 L24 8 L42 24" strokeWidth="3" fill="none" />
      <path d="M11 21 V41 H37 V21" strokeWidth="3" fill="none" />
      <path
        d="M24 36 C18 31 17 28 19 26 C21 24 23 25 24 27 C25 25 27 24 29 26 C31 28 30 31 24 36 Z"
        stroke="none"
      />
    </>
  ),
  // Three friends side by side: people and places where you fit in.
  belonging: (
    <>
      <circle cx="12" cy="17" r="5" stroke="none" />
      <circle cx="24" cy="13" r="6" stroke="none" />
      <circle cx="36" cy="17" r="5" stroke="none" />
      <path d="M4 38 C4 29 20 29 20 38 Z" stroke="none" />
      <path d="M14 40 C14 27 34 27 34 40 Z" stroke="none" />
      <path d="M28 38 C28 29 44 29 44 38 Z" stroke="none" />
    </>
  ),
  // An open book: school, skills and plans for the future.
  learning: (
    <>
      <path d="M24 14 C18 10 10 10 5 12 V38 C10 36 18 36 24 40 Z" strokeWidth="3" fill="none" />
      <path d="M24 14 C30 10 38 10 43 12 V38 C38 36 30 36 24 40 Z" strokeWidth="3" fill="none" />
      <path d="M24 14 V40" strokeWidth="3" />
    </>
  ),
  // An umbrella in the rain: ways to get through tough times.
  coping: (
    <>
      <path d="M5 24 C5 12 43 12 43 24 Z" stroke="none" />
      <path d="M24 24 V38 C24 42 18 42 18 38" strokeWidth="3" fill="none" />
      <path d="M10 30 L8 34 M38 30 L36 34 M14 36 L12 40" strokeWidth="2.5" />
    </>
  ),
  // A person with a star above: knowing and believing in yourself.
  'core-self': (
    <>
      <path
        d="M24 3 L26.4 8.2 L32 8.8 L27.8 12.6 L29 18 L24 15.2 L19 18 L20.2 12.6 L16 8.8 L21.6 8.2 Z"
        stroke="none"
      />
      <circle cx="24" cy="25" r="5" stroke="none" />
      <path d="M12 45 C12 31 36 31 36 45 Z" stroke="none" />
    </>
  ),
};

/** A domain's picture for young people. Decorative: its name is always written beside it. */
export function DomainPicture({ domain, size = 56 }: { domain: DomainId; size?: number }) {
  const { colour } = getDomain(domain);
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 48 48"
      aria-hidden="true"
      focusable="false"
      fill={colour}
      stroke={colour}
      strokeLinecap="round"
      strokeLinejoin="round"
      data-picture={domain}
    >
      {DRAWINGS[domain]}
    </svg>
  );
}

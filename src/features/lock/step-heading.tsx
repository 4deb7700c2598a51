import type { ReactNode, Ref } from 'react';

export interface StepHeadingProps {
  /** 1 when the step is the whole page; 2 or 3 inside a page that has its own h1. */
  level: 1 | 2 | 3;
  headingRef: Ref<HTMLHeadingElement>;
  children: ReactNode;
}

/** A step's heading, focusable from script so focus can move to it when the step changes. */
export function StepHeading({ level, headingRef, children }: StepHeadingProps) {
  const Heading = level === 1 ? 'h1' : level === 2 ? 'h2' : 'h3';
  return (
    <Heading ref={headingRef} tabIndex={-1} className="lock-heading">
      {children}
    </Heading>
  );
}

import './celebration.css';

/** A cheerful message with a few bursting stars; the stars stay still with reduced motion. */
export function Celebration({ children }: { children: string }) {
  return (
    <span className="celebration">
      <span className="celebration__stars" aria-hidden="true">
        <span className="celebration__star">★</span>
        <span className="celebration__star">★</span>
        <span className="celebration__star">★</span>
      </span>
      <span className="celebration__words">{children}</span>
    </span>
  );
}

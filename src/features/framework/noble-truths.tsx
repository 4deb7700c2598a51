import { NOBLE_TRUTHS } from '../../domain/framework';

/** The four principles under Resilient Therapy practice, with what each means. */
export function NobleTruths() {
  return (
    <section className="framework-truths" aria-labelledby="framework-truths-heading">
      <h2 id="framework-truths-heading">The four noble truths</h2>
      <p>The principles under every move. You can note which you drew on when you log a session.</p>
      <dl className="framework-truths__list">
        {NOBLE_TRUTHS.map((truth) => (
          <div key={truth.id} className="framework-truths__item">
            <dt>{truth.name}</dt>
            <dd>{truth.meaning}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

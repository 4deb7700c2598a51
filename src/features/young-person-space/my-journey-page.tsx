import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/ui/page-header';
import { MyJourneyGoal } from './my-journey-goal';
import { SpaceContent } from './space-content';
import { SPACE_PATHS } from './space-model';
import './my-journey.css';

/** /my-space/journey: each goal's journey, from the young person's own scores only. */
export function MyJourneyPage() {
  return (
    <SpaceContent>
      {({ goals }) => (
        <>
          <PageHeader
            title="My journey"
            back={{ to: SPACE_PATHS.home, label: 'Back to my space' }}
          />
          {goals.length === 0 ? (
            <p>
              Your journey starts when you add a goal.{' '}
              <Link to={SPACE_PATHS.addGoal}>Add a goal</Link>
            </p>
          ) : (
            <>
              <p>Here is how close you have felt to each goal, each time you said.</p>
              {goals.map((g) => (
                <MyJourneyGoal key={g.goal.id} {...g} />
              ))}
            </>
          )}
        </>
      )}
    </SpaceContent>
  );
}

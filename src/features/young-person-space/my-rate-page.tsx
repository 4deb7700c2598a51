import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/ui/page-header';
import { MyRateItem } from './my-rate-item';
import { SpaceContent } from './space-content';
import { SPACE_PATHS } from './space-model';

/** /my-space/rate: a 0-10 rating for each of the young person's active goals. */
export function MyRatePage() {
  return (
    <SpaceContent>
      {({ goals }) => {
        const active = goals.filter((g) => g.goal.status === 'active');
        return (
          <>
            <PageHeader
              title="How close are you?"
              back={{ to: SPACE_PATHS.home, label: 'Back to my space' }}
            />
            {active.length === 0 ? (
              <p>
                You have no goals to rate yet. <Link to={SPACE_PATHS.addGoal}>Add a goal</Link>{' '}
                first.
              </p>
            ) : (
              <>
                <p>
                  For each goal, choose how close you feel, then tap Save. 0 means not started. 10
                  means you reached it! There are no wrong answers.
                </p>
                <ul className="my-space__list">
                  {active.map((g) => (
                    <li key={g.goal.id}>
                      <MyRateItem {...g} />
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        );
      }}
    </SpaceContent>
  );
}

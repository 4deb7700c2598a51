import { Link } from 'react-router-dom';
import { useDocumentTitle } from '../../components/ui/use-document-title';
import { MyGoalCard } from './my-goal-card';
import { SpaceContent } from './space-content';
import { SPACE_PATHS } from './space-model';
import type { MySpace } from './use-my-space';

/** /my-space: a welcome, the young person's goals, and big buttons for what they can do. */
export function MySpaceHome() {
  return <SpaceContent>{(space) => <Home space={space} />}</SpaceContent>;
}

function Home({ space }: { space: MySpace }) {
  const { youngPerson, goals } = space;
  useDocumentTitle('My space');
  return (
    <>
      <h1>Welcome, {youngPerson.name}!</h1>
      <p>This is your space. You can add a goal, say how close you are, and see your journey.</p>
      <ul className="my-space__actions">
        <li>
          <Link className="button my-space__big-button" to={SPACE_PATHS.addGoal}>
            Add a goal
          </Link>
        </li>
        <li>
          <Link className="button my-space__big-button" to={SPACE_PATHS.rate}>
            How close are you?
          </Link>
        </li>
        <li>
          <Link className="button my-space__big-button" to={SPACE_PATHS.journey}>
            My journey
          </Link>
        </li>
        <li>
          <Link className="button my-space__big-button" to="/my-space/map">
            My map
          </Link>
        </li>
      </ul>
      <h2>My goals</h2>
      {goals.length === 0 ? (
        <p>You have no goals yet. Tap “Add a goal” to make your first one.</p>
      ) : (
        <ul className="my-space__list">
          {goals.map((g) => (
            <li key={g.goal.id}>
              <MyGoalCard {...g} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

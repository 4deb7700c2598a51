import { getDomain, type DomainId } from '../../domain/framework';
import type { Rating } from '../../domain/schemas';
import { GoalChart } from './goal-chart';

export interface GoalChartsGoal {
  id: string;
  text: string;
  domains: readonly DomainId[];
  ratings: readonly Rating[];
}

export interface GoalChartsProps {
  goals: readonly GoalChartsGoal[];
}

/** "Domain: Coping" or "Domains: Coping, Core Self", so a domain is never shown by colour alone. */
function domainLine(domains: readonly DomainId[]): string {
  const names = domains.map((d) => getDomain(d).name);
  return `${names.length === 1 ? 'Domain' : 'Domains'}: ${names.join(', ')}`;
}

/** All of a young person's goals as small multiples, each in its first domain's colour and shape. */
export function GoalCharts({ goals }: GoalChartsProps) {
  if (goals.length === 0) return <p className="goal-charts__empty">No goals to chart yet.</p>;
  return (
    <ul className="goal-charts">
      {goals.map((goal) => {
        const first = goal.domains[0];
        const domain = first === undefined ? undefined : getDomain(first);
        return (
          <li key={goal.id} className="goal-charts__item">
            <GoalChart
              title={goal.text}
              ratings={goal.ratings}
              colour={domain?.colour}
              shape={domain?.shape}
              subtitle={goal.domains.length > 0 ? domainLine(goal.domains) : undefined}
              compact
            />
          </li>
        );
      })}
    </ul>
  );
}

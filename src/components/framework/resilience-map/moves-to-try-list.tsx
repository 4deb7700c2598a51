import { Link } from 'react-router-dom';
import { findMove, getDomain } from '../../../domain/framework';
import { movesToTry, type MapLike } from '../../../domain/resilience-map';
import { DomainMarker } from '../../ui/domain-marker';
import { moveName, type MapWording } from './map-wording';
import './resilience-map.css';

export interface MovesToTryListProps {
  /** The saved map (the moves to try come from what was saved). */
  map: MapLike | null | undefined;
  wording: MapWording;
  /** Where "Make this a goal" goes for a move, e.g. `/my-space/goals/new?move=${id}`. */
  goalPath: (moveId: string) => string;
}

/** Each move marked "I'd like to try this", with its domain and a "Make this a goal" link. */
export function MovesToTryList({ map, wording, goalPath }: MovesToTryListProps) {
  const ids = movesToTry(map);
  if (ids.length === 0) {
    return (
      <p>
        {wording === 'young-person'
          ? "When you mark things you'd like to try and save your map, they will show here."
          : 'Moves marked to try show here once the map is saved.'}
      </p>
    );
  }
  return (
    <ul className="map-to-try">
      {ids.map((id) => {
        const move = findMove(id);
        if (!move) return null;
        const domain = getDomain(move.domain);
        const name = moveName(move, wording);
        return (
          <li
            key={id}
            className="map-to-try__item"
            data-move={id}
            style={{ borderInlineStartColor: domain.colour }}
          >
            <span className="map-to-try__move">
              <DomainMarker domain={domain.id} size={14} />
              <span>
                {name} <span className="map-to-try__domain">({domain.name})</span>
              </span>
            </span>
            <Link
              className="button button--secondary"
              to={goalPath(id)}
              aria-label={`Make this a goal: ${name}`}
            >
              Make this a goal
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import {
  ResilienceMapGrid,
  type ResilienceMapValue,
} from '../../../src/components/framework/resilience-map/resilience-map-grid';
import type { MapWording } from '../../../src/components/framework/resilience-map/map-wording';

let latest: ResilienceMapValue = { tiles: {}, examples: {} };

function Harness({ wording = 'young-person' }: { wording?: MapWording }) {
  const [value, setValue] = useState<ResilienceMapValue>({ tiles: {}, examples: {} });
  return (
    <ResilienceMapGrid
      tiles={value.tiles}
      examples={value.examples}
      wording={wording}
      onChange={(next) => {
        latest = next;
        setValue(next);
      }}
    />
  );
}

const already = (move: string) =>
  screen.getByRole('button', { name: `I already do this: ${move}` });
const toTry = (move: string) =>
  screen.getByRole('button', { name: `I'd like to try this: ${move}` });

describe('ResilienceMapGrid', () => {
  it('shows the five domains with their names and shapes, and all 42 moves in order', () => {
    render(<Harness />);
    const domains = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(domains).toEqual(['Basics', 'Belonging', 'Learning', 'Coping', 'Core Self']);
    expect(document.querySelector('[data-domain="coping"] [data-shape="diamond"]')).not.toBeNull();
    expect(screen.getAllByRole('button', { name: /^I already do this:/ })).toHaveLength(42);
    expect(screen.getAllByRole('button', { name: /^I'd like to try this:/ })).toHaveLength(42);
    const basics = screen.getByRole('region', { name: 'Basics' });
    const names = within(basics)
      .getAllByRole('group')
      .map((g) => g.querySelector('.map-tile__name')?.textContent);
    expect(names).toHaveLength(9);
    expect(names[0]).toBe('Good housing');
    expect(names[8]).toBe('Not being judged');
    // Every toggle starts unpressed.
    expect(already('Be brave')).toHaveAttribute('aria-pressed', 'false');
  });

  it('toggles a tile by pointer: the two buttons are exclusive and pressing again clears', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.click(already('Be brave'));
    expect(already('Be brave')).toHaveAttribute('aria-pressed', 'true');
    expect(toTry('Be brave')).toHaveAttribute('aria-pressed', 'false');
    const tile = screen.getByRole('group', { name: 'Be brave' });
    expect(tile).toHaveTextContent('You already do this');
    expect(latest.tiles).toEqual({ 'coping-brave': 'strength' });

    await user.click(toTry('Be brave'));
    expect(already('Be brave')).toHaveAttribute('aria-pressed', 'false');
    expect(toTry('Be brave')).toHaveAttribute('aria-pressed', 'true');
    expect(tile).toHaveTextContent("You'd like to try this");
    expect(latest.tiles).toEqual({ 'coping-brave': 'try' });

    await user.click(toTry('Be brave'));
    expect(toTry('Be brave')).toHaveAttribute('aria-pressed', 'false');
    expect(tile).toHaveTextContent('Not chosen yet');
    expect(latest.tiles).toEqual({});
    // Coping's count says it in words.
    expect(screen.getByRole('region', { name: 'Coping' })).toHaveTextContent('Nothing marked yet');
  });

  it('toggles a tile by keyboard with Enter and Space', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    already('Have a laugh').focus();
    await user.keyboard('{Enter}');
    expect(already('Have a laugh')).toHaveAttribute('aria-pressed', 'true');
    await user.tab();
    expect(toTry('Have a laugh')).toHaveFocus();
    await user.keyboard(' ');
    expect(toTry('Have a laugh')).toHaveAttribute('aria-pressed', 'true');
    expect(already('Have a laugh')).toHaveAttribute('aria-pressed', 'false');
    expect(latest.tiles).toEqual({ 'coping-laugh': 'try' });
    expect(screen.getByRole('region', { name: 'Coping' })).toHaveTextContent('0 already, 1 to try');
  });

  it('adds an example in the young person’s words to a marked tile', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    expect(
      screen.queryByRole('button', { name: 'Add an example: Exercise and fresh air' }),
    ).toBeNull();
    await user.click(already('Exercise and fresh air'));
    await user.click(
      screen.getByRole('button', { name: 'Add an example: Exercise and fresh air' }),
    );
    const field = screen.getByRole('textbox', {
      name: 'An example, in your words: Exercise and fresh air',
    });
    expect(field).toHaveFocus();
    await user.type(field, 'I walk the dog every day');
    expect(latest).toEqual({
      tiles: { 'basics-exercise': 'strength' },
      examples: { 'basics-exercise': 'I walk the dog every day' },
    });
    await user.clear(field);
    expect(latest.examples).toEqual({});
  });

  it('uses the practitioner wording on the coach side, with the young person’s beside it', () => {
    render(<Harness wording="coach" />);
    expect(already('Being brave')).toBeInTheDocument();
    const tile = screen.getByRole('group', { name: 'Being brave' });
    expect(tile).toHaveTextContent('“Be brave”');
    expect(tile).toHaveTextContent('Not marked');
  });
});

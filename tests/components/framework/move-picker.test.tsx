import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MovePicker, type MovePickerProps } from '../../../src/components/framework/move-picker';

type HarnessProps = Omit<MovePickerProps, 'value' | 'onChange' | 'label'> & { initial?: string[] };

/** Holds the value like a form would, and shows it so tests can read what was chosen. */
function Harness({ initial = [], ...rest }: HarnessProps) {
  const [value, setValue] = useState<string[]>(initial);
  return (
    <>
      <MovePicker label="Which moves could help?" value={value} onChange={setValue} {...rest} />
      <div data-testid="value">{value.join(',')}</div>
    </>
  );
}

const chosen = () => screen.getByTestId('value').textContent;
const groupNames = () =>
  within(screen.getByRole('group', { name: 'Which moves could help?' }))
    .getAllByRole('group')
    .map((g) => g.querySelector('legend')?.textContent);

describe('MovePicker', () => {
  it('lists all 42 moves grouped by domain in framework order, with both wordings', () => {
    render(<Harness />);
    expect(screen.getAllByRole('checkbox')).toHaveLength(42);
    expect(screen.getByRole('status')).toHaveTextContent('42 moves shown');
    expect(groupNames()).toEqual(['Basics', 'Belonging', 'Learning', 'Coping', 'Core Self']);
    const coping = screen.getByRole('group', { name: 'Coping' });
    const boxes = within(coping).getAllByRole('checkbox');
    expect(boxes).toHaveLength(9);
    expect(boxes[0]).toHaveAccessibleName(/^Understand boundaries and keep within them/);
    expect(
      screen.getByRole('checkbox', { name: /Help the young person to know themselves/ }),
    ).toHaveAccessibleName(/Young person: Know and understand yourself/);
  });

  it('filters by either wording, ignoring case, with a live count', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const search = screen.getByRole('searchbox', { name: 'Search moves' });

    // Practitioner wording only: "Put on rose-tinted glasses".
    await user.type(search, 'ROSE-TINTED');
    expect(screen.getAllByRole('checkbox')).toHaveLength(1);
    expect(screen.getByRole('checkbox')).toHaveAccessibleName(/Put on rose-tinted glasses/);
    expect(screen.getByRole('status')).toHaveTextContent('1 move shown');

    // Young-person wording only: "Know and understand yourself".
    await user.clear(search);
    await user.type(search, 'understand yourself');
    expect(screen.getAllByRole('checkbox')).toHaveLength(1);
    expect(screen.getByRole('checkbox')).toHaveAccessibleName(
      /Help the young person to know themselves/,
    );
    expect(screen.queryByRole('group', { name: 'Basics' })).not.toBeInTheDocument();

    await user.clear(search);
    await user.type(search, 'relationships');
    expect(screen.getAllByRole('checkbox')).toHaveLength(3);
    expect(screen.getByRole('status')).toHaveTextContent('3 moves shown');
  });

  it('says clearly when nothing matches, and can clear the search', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.type(screen.getByRole('searchbox', { name: 'Search moves' }), 'zebra');
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    expect(screen.getByRole('status')).toHaveTextContent('No moves match "zebra".');
    await user.click(screen.getByRole('button', { name: 'clear the search' }));
    expect(screen.getAllByRole('checkbox')).toHaveLength(42);
  });

  it('selects moves, shows them as chips and removes them', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    expect(screen.getByText('No moves chosen yet.')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: /^Being brave/ }));
    await user.click(screen.getByRole('checkbox', { name: /^Enough sleep/ }));
    expect(chosen()).toBe('coping-brave,basics-sleep');
    const chips = screen.getByRole('list', { name: 'Chosen moves' });
    // Chips in framework order.
    expect(
      within(chips)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Remove Enough sleep×', 'Remove Being brave×']);

    await user.click(screen.getByRole('button', { name: 'Remove Being brave' }));
    expect(chosen()).toBe('basics-sleep');
    expect(screen.getByRole('checkbox', { name: /^Being brave/ })).not.toBeChecked();
    expect(screen.getByRole('button', { name: 'Remove Enough sleep' })).toHaveFocus();

    await user.click(screen.getByRole('checkbox', { name: /^Enough sleep/ }));
    expect(chosen()).toBe('');
    expect(screen.queryByRole('list', { name: 'Chosen moves' })).not.toBeInTheDocument();
  });

  it('shows highlighted domains first, the rest after, and suggested moves before all', () => {
    render(<Harness highlightDomains={['coping', 'belonging']} suggested={['learning-mentors']} />);
    expect(groupNames()).toEqual([
      'Suggested',
      'Belonging',
      'Coping',
      'Basics',
      'Learning',
      'Core Self',
    ]);
    expect(screen.getAllByRole('checkbox')).toHaveLength(42);
    const suggested = screen.getByRole('group', { name: 'Suggested' });
    expect(within(suggested).getByRole('checkbox')).toHaveAccessibleName(
      /^Engage mentors for the young person/,
    );
    expect(
      within(screen.getByRole('group', { name: 'Learning' })).queryByRole('checkbox', {
        name: /^Engage mentors/,
      }),
    ).not.toBeInTheDocument();
  });

  it('shows its hint and error', () => {
    render(<Harness hint="Optional" error="Unknown resilient move." />);
    const picker = screen.getByRole('group', { name: 'Which moves could help?' });
    expect(picker).toHaveAccessibleDescription(/Optional.*Unknown resilient move\./);
    expect(picker).toHaveAttribute('aria-invalid', 'true');
  });
});

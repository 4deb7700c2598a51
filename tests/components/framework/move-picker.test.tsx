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
const picker = () => screen.getByRole('group', { name: 'Which moves could help?' });
const groupNames = () =>
  within(picker())
    .getAllByRole('group')
    .map((g) => g.querySelector('legend')?.textContent);
const search = () => screen.getByRole('searchbox', { name: 'Search moves' });
const domainButtons = () =>
  within(picker())
    .getAllByRole('button', { expanded: false })
    .concat(within(picker()).queryAllByRole('button', { expanded: true }));
const domainButton = (name: RegExp) => screen.getByRole('button', { name });
const FOCUSED = {
  highlightDomains: ['coping', 'belonging'],
  suggested: ['learning-mentors'],
} satisfies HarnessProps;

describe('MovePicker with nothing suggested or highlighted', () => {
  it('starts with each domain closed behind a button that says how many moves it has', () => {
    render(<Harness />);
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    expect(domainButtons().map((b) => b.textContent)).toEqual([
      'Basics (9 moves)',
      'Belonging (12 moves)',
      'Learning (6 moves)',
      'Coping (9 moves)',
      'Core Self (6 moves)',
    ]);
    for (const button of domainButtons()) {
      expect(button).toHaveAttribute('aria-expanded', 'false');
      expect(document.getElementById(button.getAttribute('aria-controls') ?? '')).not.toBeNull();
    }
    expect(screen.getByRole('status')).toHaveTextContent('open a domain or search');
  });

  it('opens and closes a domain from the keyboard, showing both wordings of each move', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const coping = domainButton(/^Coping/);
    coping.focus();
    await user.keyboard('{Enter}');
    expect(coping).toHaveAttribute('aria-expanded', 'true');
    const group = screen.getByRole('group', { name: 'Coping' });
    expect(document.getElementById(coping.getAttribute('aria-controls') ?? '')).toContainElement(
      group,
    );
    const boxes = within(group).getAllByRole('checkbox');
    expect(boxes).toHaveLength(9);
    expect(screen.getAllByRole('checkbox')).toHaveLength(9);
    expect(boxes[0]).toHaveAccessibleName('Understand boundaries and keep within them');
    expect(boxes[0]).toHaveAccessibleDescription(/^Young person: /);
    expect(screen.getByRole('status')).toHaveTextContent('9 of 42 moves shown');

    await user.click(domainButton(/^Core Self/));
    expect(
      screen.getByRole('checkbox', { name: 'Help the young person to know themselves' }),
    ).toHaveAccessibleDescription('Young person: Know and understand yourself');
    expect(screen.getAllByRole('checkbox')).toHaveLength(15);

    await user.keyboard(' ');
    expect(domainButton(/^Core Self/)).toHaveAttribute('aria-expanded', 'false');
    await user.click(coping);
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
  });

  it('says in each domain button how many of its moves are chosen', async () => {
    const user = userEvent.setup();
    render(<Harness initial={['basics-sleep', 'basics-safe', 'coping-brave']} />);
    expect(domainButton(/^Basics/)).toHaveAccessibleName('Basics (9 moves, 2 chosen)');
    expect(domainButton(/^Coping/)).toHaveAccessibleName('Coping (9 moves, 1 chosen)');
    expect(domainButton(/^Learning/)).toHaveAccessibleName('Learning (6 moves)');

    await user.click(domainButton(/^Learning/));
    await user.click(screen.getByRole('checkbox', { name: /^Engage mentors/ }));
    expect(domainButton(/^Learning/)).toHaveAccessibleName('Learning (6 moves, 1 chosen)');
    await user.click(screen.getByRole('button', { name: 'Remove Enough sleep' }));
    expect(domainButton(/^Basics/)).toHaveAccessibleName('Basics (9 moves, 1 chosen)');
  });

  it('finds moves in closed domains by either wording, ignoring case, with a live count', async () => {
    const user = userEvent.setup();
    render(<Harness />);

    // Practitioner wording only: "Put on rose-tinted glasses".
    await user.type(search(), 'ROSE-TINTED');
    expect(screen.getAllByRole('checkbox')).toHaveLength(1);
    expect(screen.getByRole('checkbox')).toHaveAccessibleName('Put on rose-tinted glasses');
    expect(screen.getByRole('group', { name: 'Coping' })).toBeVisible();
    expect(screen.getByRole('status')).toHaveTextContent('1 move shown');
    expect(screen.queryByRole('button', { name: /^Coping/ })).not.toBeInTheDocument();

    // Young-person wording only: "Know and understand yourself".
    await user.clear(search());
    await user.type(search(), 'understand yourself');
    expect(screen.getAllByRole('checkbox')).toHaveLength(1);
    expect(screen.getByRole('checkbox')).toHaveAccessibleName(
      'Help the young person to know themselves',
    );
    expect(screen.queryByRole('group', { name: 'Basics' })).not.toBeInTheDocument();

    await user.clear(search());
    await user.type(search(), 'relationships');
    expect(screen.getAllByRole('checkbox')).toHaveLength(3);
    expect(screen.getByRole('status')).toHaveTextContent('3 moves shown');

    // Clearing the search (Escape) closes the domains again.
    await user.keyboard('{Escape}');
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    expect(domainButtons()).toHaveLength(5);
  });

  it('says clearly when nothing matches, and can clear the search', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.type(search(), 'zebra');
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    expect(screen.getByRole('status')).toHaveTextContent('No moves match "zebra".');
    await user.click(screen.getByRole('button', { name: 'clear the search' }));
    expect(search()).toHaveValue('');
    expect(screen.getByRole('status')).not.toHaveTextContent('No moves match');
    expect(domainButtons()).toHaveLength(5);
  });

  it('selects moves, shows them as chips and removes them', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    expect(screen.getByText('No moves chosen yet.')).toBeInTheDocument();
    await user.click(domainButton(/^Coping/));
    await user.click(screen.getByRole('checkbox', { name: /^Being brave/ }));
    await user.type(search(), 'sleep');
    await user.click(screen.getByRole('checkbox', { name: /^Enough sleep/ }));
    expect(chosen()).toBe('coping-brave,basics-sleep');
    await user.clear(search());
    const chips = screen.getByRole('list', { name: 'Chosen moves' });
    // Chips in framework order, even for moves in closed domains.
    expect(
      within(chips)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Remove Enough sleep×', 'Remove Being brave×']);
    expect(screen.getByText('Chosen: 2 moves')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Remove Being brave' }));
    expect(chosen()).toBe('basics-sleep');
    expect(screen.getByRole('checkbox', { name: /^Being brave/ })).not.toBeChecked();
    expect(screen.getByRole('button', { name: 'Remove Enough sleep' })).toHaveFocus();

    // A chip removes a move whose domain is closed.
    await user.click(screen.getByRole('button', { name: 'Remove Enough sleep' }));
    expect(chosen()).toBe('');
    expect(screen.queryByRole('list', { name: 'Chosen moves' })).not.toBeInTheDocument();
    expect(search()).toHaveFocus();
  });
});

describe('MovePicker with suggested moves and highlighted domains', () => {
  it('shows the suggested moves and highlighted domains, with the rest behind a button', () => {
    render(<Harness {...FOCUSED} />);
    expect(groupNames()).toEqual(['Suggested', 'Belonging', 'Coping']);
    expect(screen.getAllByRole('checkbox')).toHaveLength(22);
    expect(screen.getByRole('status')).toHaveTextContent('22 of 42 moves shown');
    const suggested = screen.getByRole('group', { name: 'Suggested' });
    const mentors = within(suggested).getByRole('checkbox');
    expect(mentors).toHaveAccessibleName('Engage mentors for the young person');
    expect(mentors).toHaveAccessibleDescription(/^Young person: .* Domain: Learning$/);
    const more = screen.getByRole('button', { name: 'Show all 42 moves' });
    expect(more).toHaveAttribute('aria-expanded', 'false');
    expect(document.getElementById(more.getAttribute('aria-controls') ?? '')).not.toBeNull();
  });

  it('shows and hides the other domains', async () => {
    const user = userEvent.setup();
    render(<Harness {...FOCUSED} />);
    const more = screen.getByRole('button', { name: 'Show all 42 moves' });
    await user.click(more);
    expect(more).toHaveAttribute('aria-expanded', 'true');
    expect(more).toHaveAccessibleName('Hide other moves');
    expect(more).toHaveFocus();
    expect(groupNames()).toEqual([
      'Suggested',
      'Belonging',
      'Coping',
      'Basics',
      'Learning',
      'Core Self',
    ]);
    expect(screen.getAllByRole('checkbox')).toHaveLength(42);
    expect(screen.getByText('Moves from the other domains')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('42 moves shown');
    // A suggested move shows once only.
    expect(
      within(screen.getByRole('group', { name: 'Learning' })).queryByRole('checkbox', {
        name: /^Engage mentors/,
      }),
    ).not.toBeInTheDocument();

    await user.click(more);
    expect(more).toHaveAccessibleName('Show all 42 moves');
    expect(screen.getAllByRole('checkbox')).toHaveLength(22);
  });

  it('searches the hidden domains too', async () => {
    const user = userEvent.setup();
    render(<Harness {...FOCUSED} />);
    await user.type(search(), 'sleep');
    expect(screen.getAllByRole('checkbox')).toHaveLength(1);
    expect(screen.getByRole('checkbox')).toHaveAccessibleName('Enough sleep');
    expect(screen.getByRole('group', { name: 'Basics' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Show all 42 moves' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Enough sleep' }));
    expect(chosen()).toBe('basics-sleep');

    await user.clear(search());
    expect(screen.queryByRole('checkbox', { name: 'Enough sleep' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove Enough sleep' })).toBeInTheDocument();
  });

  it('shows only what is given: highlighted domains alone, or suggested moves alone', () => {
    const { unmount } = render(<Harness highlightDomains={['learning']} />);
    expect(groupNames()).toEqual(['Learning']);
    expect(screen.getByRole('button', { name: 'Show all 42 moves' })).toBeInTheDocument();
    unmount();
    render(<Harness suggested={['coping-brave', 'basics-sleep']} highlightDomains={[]} />);
    expect(groupNames()).toEqual(['Suggested']);
    expect(screen.getAllByRole('checkbox').map((c) => c.getAttribute('value'))).toEqual([
      'coping-brave',
      'basics-sleep',
    ]);
  });

  it('needs no button when every domain is highlighted', () => {
    render(
      <Harness highlightDomains={['basics', 'belonging', 'learning', 'coping', 'core-self']} />,
    );
    expect(screen.getAllByRole('checkbox')).toHaveLength(42);
    expect(screen.queryByRole('button', { name: /Show all/ })).not.toBeInTheDocument();
  });
});

describe('MovePicker', () => {
  it('shows its hint and error', () => {
    render(<Harness hint="Optional" error="Unknown resilient move." />);
    expect(picker()).toHaveAccessibleDescription(/Optional.*Unknown resilient move\./);
    expect(picker()).toHaveAttribute('aria-invalid', 'true');
  });
});

import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RatingControl, type RatingControlProps } from '../../../src/components/ui/rating-control';

type WrapperProps = Partial<Omit<RatingControlProps, 'value'>> & { initial?: number | null };

/** Holds the value as a form would, and reports every change to a spy. */
function Stateful({ initial = null, onChange, label = 'Baseline score', ...rest }: WrapperProps) {
  const [value, setValue] = useState<number | null>(initial);
  return (
    <RatingControl
      {...rest}
      label={label}
      value={value}
      onChange={(score) => {
        setValue(score);
        onChange?.(score);
      }}
    />
  );
}

function setup(props: WrapperProps = {}) {
  const onChange = vi.fn();
  const user = userEvent.setup();
  render(<Stateful onChange={onChange} {...props} />);
  const group = screen.getByRole('group', { name: props.label ?? 'Baseline score' });
  return { user, onChange, group };
}

const radio = (name: string | RegExp) => screen.getByRole('radio', { name });
const checked = () =>
  screen.getAllByRole('radio').filter((r) => r instanceof HTMLInputElement && r.checked);

describe('RatingControl', () => {
  it('is a group named by its visible label with eleven choices, 0 to 10, none chosen', () => {
    const { group } = setup({ label: 'Go to school three days a week' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((r) => r.getAttribute('value'))).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ]);
    expect(checked()).toHaveLength(0);
    expect(within(group).getByText('No score chosen yet')).toBeVisible();
  });

  it('shows the words under the ends and the middle', () => {
    const { group } = setup();
    expect(within(group).getByText(/^\s*not started$/)).toBeInTheDocument();
    expect(within(group).getByText(/^\s*half way$/)).toBeInTheDocument();
    expect(within(group).getByText(/^\s*reached it$/)).toBeInTheDocument();
  });

  it('says "reached it!" to young people', () => {
    setup({ wording: 'young-person' });
    expect(screen.getByText(/^\s*reached it!$/)).toBeInTheDocument();
  });

  it('selects a number on click and says it in words', async () => {
    const { user, onChange } = setup();
    await user.click(radio('6'));
    expect(onChange).toHaveBeenLastCalledWith(6);
    expect(radio('6')).toBeChecked();
    expect(screen.getByText('6 out of 10: more than half way')).toHaveAttribute(
      'aria-live',
      'polite',
    );
  });

  it('moves and selects with the arrow keys, Home and End, stopping at the ends', async () => {
    const { user, onChange } = setup({ initial: 4 });
    await user.tab();
    expect(radio('4')).toHaveFocus();

    const steps: [string, number][] = [
      ['{ArrowRight}', 5],
      ['{ArrowUp}', 6],
      ['{ArrowLeft}', 5],
      ['{ArrowDown}', 4],
      ['{End}', 10],
      ['{Home}', 0],
    ];
    for (const [key, expected] of steps) {
      await user.keyboard(key);
      expect(onChange).toHaveBeenLastCalledWith(expected);
      expect(radio(String(expected))).toBeChecked();
      expect(radio(String(expected))).toHaveFocus();
    }
    expect(screen.getByText('0 out of 10: not started')).toBeInTheDocument();

    onChange.mockClear();
    await user.keyboard('{ArrowLeft}');
    expect(onChange).not.toHaveBeenCalled();
    expect(radio('0')).toBeChecked();

    await user.keyboard('{End}{ArrowRight}');
    expect(onChange).toHaveBeenLastCalledWith(10);
    expect(radio('10')).toBeChecked();
  });

  it('is a single tab stop: the chosen number, else the last score, else 0', async () => {
    const { user } = setup({ previous: 3 });
    render(<button type="button">After</button>);
    await user.tab();
    expect(radio(/^3/)).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'After' })).toHaveFocus();

    await user.click(radio('8'));
    await user.tab();
    expect(screen.getByRole('button', { name: 'After' })).toHaveFocus();
    await user.tab({ shift: true });
    expect(radio('8')).toHaveFocus();
    expect(screen.getAllByRole('radio').filter((r) => r.tabIndex === 0)).toEqual([radio('8')]);
  });

  it('starts the tab stop at 0 when there is no score yet', async () => {
    const { user } = setup();
    await user.tab();
    expect(radio('0')).toHaveFocus();
    expect(radio('0')).not.toBeChecked();
  });

  it('marks the previous score on its number and in text, and shows the change', async () => {
    const { user, group } = setup({ previous: 5 });
    expect(within(group).getByText('Last time: 5')).toBeVisible();
    const last = radio('5 (last time)');
    expect(last.closest('label')).toHaveTextContent('last');
    expect(screen.getAllByRole('radio', { name: /last time/ })).toEqual([last]);

    await user.click(radio('7'));
    expect(within(group).getByText('(up 2)')).toBeInTheDocument();
    await user.click(radio('4'));
    expect(within(group).getByText('(down 1)')).toBeInTheDocument();
  });

  it('shows an error under the group, linked to it, and marks the group invalid', () => {
    render(
      <>
        <p id="hint">Ask them first.</p>
        <RatingControl
          label="Baseline score"
          value={null}
          onChange={() => {}}
          error="Choose a score from 0 to 10."
          describedBy="hint"
        />
      </>,
    );
    const group = screen.getByRole('group', { name: 'Baseline score' });
    expect(group).toHaveAttribute('aria-invalid', 'true');
    expect(group).toHaveAccessibleDescription(
      'Ask them first. Error: Choose a score from 0 to 10.',
    );
    expect(within(group).getByText('Choose a score from 0 to 10.')).toBeVisible();
  });

  it('is neither invalid nor described by an error when there is none', () => {
    const { group } = setup();
    expect(group).not.toHaveAttribute('aria-invalid');
    expect(group).not.toHaveAttribute('aria-describedby');
  });

  it('keeps two controls on one page apart', async () => {
    const user = userEvent.setup();
    render(
      <>
        <Stateful label="Goal one" />
        <Stateful label="Goal two" initial={2} />
      </>,
    );
    const one = screen.getByRole('group', { name: 'Goal one' });
    const two = screen.getByRole('group', { name: 'Goal two' });
    await user.click(within(one).getByRole('radio', { name: '9' }));
    expect(within(one).getByRole('radio', { name: '9' })).toBeChecked();
    expect(within(two).getByRole('radio', { name: '2' })).toBeChecked();
  });

  it('uses the id given for the group and its choices', () => {
    render(<RatingControl id="baseline" label="Baseline" value={1} onChange={() => {}} />);
    expect(screen.getByRole('group', { name: 'Baseline' })).toHaveAttribute('id', 'baseline');
    expect(radio('1')).toHaveAttribute('id', 'baseline-1');
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { ResilienceMapPrintPage } from '../../../../src/features/resilience-map/resilience-map-print-page';
import { formatDate, toIsoDate } from '../../../../src/lib/dates';
import { DAY_1, DAY_2, renderRoute, resetMaps, seedMap, seedYoungPerson } from './map-test-utils';

const PATH = '/young-people/:youngPersonId/map/print';

describe('ResilienceMapPrintPage', () => {
  beforeEach(resetMaps);

  it('prints the latest map in the young person’s words, with their name and the date', async () => {
    const mia = await seedYoungPerson();
    await seedMap(mia.id, { 'coping-brave': 'try' }, DAY_1);
    await seedMap(
      mia.id,
      { 'coping-brave': 'strength', 'basics-free-from-prejudice': 'try' },
      DAY_2,
      { 'coping-brave': 'I spoke up in class' },
    );
    renderRoute(PATH, `/young-people/${mia.id}/map/print`, <ResilienceMapPrintPage />);
    expect(
      await screen.findByRole('heading', { level: 1, name: "Mia's resilience map" }),
    ).toBeVisible();
    expect(
      screen.getByText(`Printed ${formatDate(toIsoDate(new Date()))}`, { exact: false }),
    ).toBeVisible();
    expect(screen.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible();
    // Said before printing: the printout is plain text.
    expect(
      screen.getByRole('button', { name: 'Print or save as PDF' }),
    ).toHaveAccessibleDescription(
      /^Not encrypted: the printout \(or PDF\) holds .+'s map and examples in their own words, in plain text\./,
    );

    const coping = screen.getByRole('region', { name: 'Coping' });
    const brave = within(coping).getByText('Be brave').closest('li');
    expect(brave).toHaveTextContent('I already do this: Be brave “I spoke up in class”');
    expect(brave).toHaveAttribute('data-state', 'strength');
    const basics = screen.getByRole('region', { name: 'Basics' });
    expect(within(basics).getByText('Not being judged').closest('li')).toHaveTextContent(
      "I'd like to try this: Not being judged",
    );
    // Young-person wording, never the practitioner's.
    expect(document.body).not.toHaveTextContent('Being free from prejudice');
    expect(within(basics).getAllByRole('listitem')).toHaveLength(9);
  });

  it('says when there is no saved map yet', async () => {
    const mia = await seedYoungPerson();
    renderRoute(PATH, `/young-people/${mia.id}/map/print`, <ResilienceMapPrintPage />);
    expect(await screen.findByText(/The map has not been saved yet/)).toBeVisible();
    expect(screen.getByRole('link', { name: 'Go to the map' })).toHaveAttribute(
      'href',
      `/young-people/${mia.id}/map`,
    );
  });
});

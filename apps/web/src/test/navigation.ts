import { fireEvent, screen, within } from '@testing-library/react';

/** The text of every page link in the main navigation, after opening each of its closed groups. */
export async function allNavigationLinks(): Promise<string[]> {
  const nav = await screen.findByRole('navigation', { name: 'Main' });
  for (const toggle of within(nav).queryAllByRole('button', { expanded: false })) fireEvent.click(toggle);
  return within(nav)
    .getAllByRole('link')
    .map((a) => a.textContent ?? '');
}

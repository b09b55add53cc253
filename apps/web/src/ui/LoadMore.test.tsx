import { screen } from '@testing-library/react';
import { renderPage } from '../test/render';
import { LoadMore } from './LoadMore';

describe('LoadMore', () => {
  it.each([
    ['alerts', 1, 'Showing 1 of 1 alert'],
    ['events', 1, 'Showing 1 of 1 event'],
    ['violations', 1, 'Showing 1 of 1 violation'],
    ['versions', 1, 'Showing 1 of 1 version'],
    ['entries', 1, 'Showing 1 of 1 entry'],
    ['alerts', 2, 'Showing 2 of 2 alerts'],
  ])('counts %s in the right number (%d)', (noun, n, text) => {
    renderPage(<LoadMore shown={n} total={n} hasMore={false} noun={noun} onLoadMore={() => Promise.resolve()} />);
    expect(screen.getByTestId('list-count')).toHaveTextContent(text);
  });
});

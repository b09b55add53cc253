import { countOf, nounFor } from './plural';

describe('counts', () => {
  it.each([
    [1, 'alerts', '1 alert'],
    [2, 'alerts', '2 alerts'],
    [0, 'events', '0 events'],
    [1, 'events', '1 event'],
    [1, 'violations', '1 violation'],
    [1, 'versions', '1 version'],
    [1, 'entries', '1 entry'],
    [1, 'policies', '1 policy'],
    [3, 'policies', '3 policies'],
  ])('%d %s reads "%s"', (n, noun, expected) => expect(countOf(n, noun)).toBe(expected));

  it('gives the noun alone', () => expect(nounFor(1, 'agents')).toBe('agent'));
});

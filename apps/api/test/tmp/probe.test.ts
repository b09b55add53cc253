import { startHarness } from '../harness';
it('probe', async () => {
  const h = await startHarness();
  for (const body of [
    { query: 'query($first: Int) { agents(first: $first) { totalCount } }', variables: { first: 'many' } },
    { query: '{ viewer { role } }', operationName: 'Missing' },
  ]) {
    const r = await fetch(`${h.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    console.log(r.status, await r.text());
  }
  await h.close();
});

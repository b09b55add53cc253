const rules = new Intl.PluralRules('en');

/** "agents" -> "agent", "entries" -> "entry": the nouns Steward counts are regular. */
export function singularOf(plural: string): string {
  if (plural.endsWith('ies')) return `${plural.slice(0, -3)}y`;
  return plural.endsWith('s') ? plural.slice(0, -1) : plural;
}

/** The noun for a count: nounFor(1, 'alerts') is "alert", nounFor(0, 'alerts') "alerts". */
export function nounFor(count: number, plural: string): string {
  return rules.select(count) === 'one' ? singularOf(plural) : plural;
}

/** "1 alert", "3 alerts". */
export function countOf(count: number, plural: string): string {
  return `${count} ${nounFor(count, plural)}`;
}

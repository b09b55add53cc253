/** A case-insensitive substring pattern for ILIKE, with the user's wildcards taken literally. */
export function likePattern(search: string): string {
  return `%${search.trim().replace(/[\\%_]/g, '\\$&')}%`;
}

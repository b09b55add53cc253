/** "NON_COMPLIANT" -> "Non compliant": enum values read as words. */
export function words(value: string): string {
  const spaced = enumText(value);
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** "PENDING_REVIEW" -> "pending review": an API enum value as words inside a sentence or badge. */
export function enumText(value: string | null | undefined): string {
  return (value ?? '').toLowerCase().replace(/_/g, ' ');
}

/** "non_compliant" -> "Non compliant": enum values read as words. */
export function words(value: string): string {
  const spaced = value.replace(/_/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

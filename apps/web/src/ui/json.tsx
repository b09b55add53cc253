import { Code, Text } from '@mantine/core';

/** A JSON object typed by a person: the object, or why it is not one. Empty text is no object at all. */
export function parseJsonObject(text: string): { value: Record<string, unknown> | null; error: string | null } {
  if (!text.trim()) return { value: null, error: null };
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { value: null, error: 'Enter a JSON object, e.g. {"maxTokens": 4096}' };
    return { value: value as Record<string, unknown>, error: null };
  } catch (error) {
    return { value: null, error: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export function toJsonText(value: Record<string, unknown> | null | undefined): string {
  return value && Object.keys(value).length ? JSON.stringify(value, null, 2) : '';
}

/** Read-only JSON, or a dimmed note when there is nothing. */
export function JsonView({ value, empty = 'Nothing set', label }: { value: Record<string, unknown> | null | undefined; empty?: string; label?: string }) {
  if (!value || Object.keys(value).length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <Code block aria-label={label} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
      {JSON.stringify(value, null, 2)}
    </Code>
  );
}

/** What a JSON field says while its text does not parse (Mantine's JsonInput shows it on blur). */
export const JSON_PROBLEM = 'Not valid JSON: check the quotes, commas and brackets';

import { Anchor, Code, Group, Mark, Stack, Text } from '@mantine/core';

export interface ConditionPosition {
  line: number;
  column: number;
  /** 0-based character offset into the whole condition. */
  offset: number;
}

/**
 * The line of a condition where the API found a problem, with the character at fault marked and a
 * caret under it. Past the end of the line (an unfinished condition), the mark sits after the last character.
 */
export function ConditionProblem({
  condition,
  message,
  position,
  onJump,
}: {
  condition: string;
  message: string;
  position: ConditionPosition | null;
  onJump?: (offset: number) => void;
}) {
  if (!position) {
    return (
      <Text size="xs" c="red" data-testid="condition-error">
        {message}
      </Text>
    );
  }
  const lines = condition.split('\n');
  const text = lines[position.line - 1] ?? '';
  const column = Math.max(0, position.column - 1);
  const gutter = `${position.line} │ `;
  const at = text.slice(column, column + 1);
  return (
    <Stack gap={4} data-testid="condition-error">
      <Code
        block
        tabIndex={0}
        fz="xs"
        style={{ whiteSpace: 'pre', overflowX: 'auto' }}
        aria-label={`Problem at line ${position.line}, column ${position.column}`}
      >
        <Text span c="dimmed" fz="xs" ff="monospace">
          {gutter}
        </Text>
        {text.slice(0, column)}
        <Mark color="red" data-testid="condition-error-mark" data-offset={position.offset}>
          {at || '\u00a0'}
        </Mark>
        {text.slice(column + 1)}
        {'\n'}
        <Text span c="red" fz="xs" ff="monospace">
          {' '.repeat(gutter.length + column)}^ {message.replace(/^Line \d+, column \d+: /, '')}
        </Text>
      </Code>
      <Group gap="xs">
        <Text size="xs" c="red">
          Line {position.line}, column {position.column}
        </Text>
        {onJump ? (
          <Anchor component="button" type="button" size="xs" onClick={() => onJump(position.offset)}>
            Show in the condition
          </Anchor>
        ) : null}
      </Group>
    </Stack>
  );
}

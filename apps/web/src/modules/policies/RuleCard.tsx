import { ActionIcon, Badge, Card, Group, Loader, Stack, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconTrash } from '@tabler/icons-react';
import { useRef } from 'react';
import { problemsOf } from '../../ui/errors';
import { ConditionProblem } from './ConditionProblem';
import type { PolicyFormValues } from './policy-form';
import { type RuleTestTarget, useRuleTest } from './rule-test';

function TestStatus({ condition, target, onJump }: { condition: string; target: RuleTestTarget; onJump: (offset: number) => void }) {
  const { input, result, checking, error } = useRuleTest(condition, target);
  if (!input) {
    return (
      <Text size="xs" c="dimmed" data-testid="rule-test">
        {condition.trim() ? 'Fix the sample JSON to test this condition.' : 'Write a condition: it is checked and tried as you type.'}
      </Text>
    );
  }
  if (error && !result) {
    return (
      <Text size="xs" c="red" data-testid="rule-test">
        Could not test the condition: {problemsOf(error).map((p) => p.message).join(' ')}
      </Text>
    );
  }
  const targetName = target.kind === 'agent' ? 'the agent' : 'the sample';
  return (
    <Stack gap={6} data-testid="rule-test" data-checking={checking || undefined} style={{ opacity: checking && result ? 0.6 : 1 }}>
      <Group gap="xs">
        {checking ? <Loader size={14} aria-label="Checking the condition" /> : null}
        {result ? (
          <>
            <Badge color={result.valid ? 'teal' : 'red'} variant="light" data-testid="rule-test-validity">
              {result.valid ? 'Valid' : 'Invalid'}
            </Badge>
            {result.valid && result.result !== null ? (
              <>
                <Badge color={result.result ? 'red' : 'teal'} variant="filled" ff="monospace" tt="none" data-testid="rule-test-result">
                  {String(result.result)}
                </Badge>
                <Text size="xs" c="dimmed">
                  {result.result ? `${targetName} would violate this rule` : `${targetName} passes this rule`} ({target.action})
                </Text>
              </>
            ) : null}
            {result.valid && result.outcome === 'error' ? (
              <Badge color="orange" variant="light" data-testid="rule-test-result">
                cannot evaluate
              </Badge>
            ) : null}
            {result.valid && result.outcome === null ? (
              <Text size="xs" c="dimmed">
                Choose an agent or a sample to try it.
              </Text>
            ) : null}
          </>
        ) : checking ? (
          <Text size="xs" c="dimmed">
            Checking…
          </Text>
        ) : null}
      </Group>
      {result?.error && !checking ? <ConditionProblem condition={condition} message={result.error.message} position={result.error.position} onJump={onJump} /> : null}
    </Stack>
  );
}

interface RuleCardProps {
  form: UseFormReturnType<PolicyFormValues>;
  index: number;
  target: RuleTestTarget;
  onRemove?: () => void;
}

/** One rule: its name, a CEL condition tested live against the chosen target, and the message a violation shows. */
export function RuleCard({ form, index, target, onRemove }: RuleCardProps) {
  const conditionRef = useRef<HTMLTextAreaElement>(null);
  const rule = form.values.rules[index];
  const jump = (offset: number) => {
    const el = conditionRef.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(offset, Math.min(offset + 1, el.value.length));
  };
  return (
    <Card withBorder padding="md" data-testid="rule-card">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600} size="sm">
            Rule {index + 1}
          </Text>
          {onRemove ? (
            <Tooltip label="Remove rule" withArrow>
              <ActionIcon variant="subtle" color="red" aria-label={`Remove rule ${index + 1}`} onClick={onRemove}>
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          ) : null}
        </Group>
        <TextInput label="Rule name" placeholder="Opus under $0.10 per request" required {...form.getInputProps(`rules.${index}.name`)} />
        <Textarea
          ref={conditionRef}
          label="Condition (CEL)"
          description={
            <>
              True means the agent violates the rule. It sees <code>agent</code> (after the change) and <code>change</code> (action, old, new).
            </>
          }
          placeholder='agent.modelTier == "opus" && agent.costPerRequest > 0.10'
          required
          autosize
          minRows={2}
          maxRows={10}
          spellCheck={false}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-sm)' } }}
          {...form.getInputProps(`rules.${index}.condition`)}
        />
        <TestStatus condition={rule.condition} target={target} onJump={jump} />
        <TextInput label="Message" description="What whoever changes the agent is told" placeholder="An Opus agent may cost at most $0.10 per request" required {...form.getInputProps(`rules.${index}.message`)} />
      </Stack>
    </Card>
  );
}

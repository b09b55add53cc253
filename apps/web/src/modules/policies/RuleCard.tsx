import { ActionIcon, Badge, Card, Group, Loader, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { enumText } from '../../format/words';
import { problemsOf } from '../../ui/errors';
import type { ConditionLanguage } from './cel-language';
import { ConditionEditor } from './ConditionEditor';
import { ConditionProblem } from './ConditionProblem';
import type { PolicyFormValues } from './policy-form';
import { type RuleTestTarget, useRuleTest } from './rule-test';

type RuleTest = ReturnType<typeof useRuleTest>;

function TestStatus({ condition, target, test, onJump }: { condition: string; target: RuleTestTarget; test: RuleTest; onJump: (offset: number) => void }) {
  const { input, result, checking, error } = test;
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
        Could not test the condition:{' '}
        {problemsOf(error)
          .map((p) => p.message)
          .join(' ')}
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
                  {result.result ? `${targetName} would violate this rule` : `${targetName} passes this rule`} ({enumText(target.action)})
                </Text>
              </>
            ) : null}
            {result.valid && result.outcome === 'ERROR' ? (
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
      {result?.error && !checking ? (
        <ConditionProblem condition={condition} message={result.error.message} position={result.error.position} onJump={onJump} />
      ) : null}
    </Stack>
  );
}

interface RuleCardProps {
  form: UseFormReturnType<PolicyFormValues>;
  index: number;
  target: RuleTestTarget;
  onRemove?: () => void;
  language?: ConditionLanguage | null;
}

/** One rule: its name, a CEL condition tested live against the chosen target, and the message a violation shows. */
export function RuleCard({ form, index, target, onRemove, language = null }: RuleCardProps) {
  const rule = form.values.rules[index];
  const test = useRuleTest(rule.condition, target);
  const [focusAt, setFocusAt] = useState<{ offset: number; nonce: number } | null>(null);
  const jump = (offset: number) => setFocusAt((previous) => ({ offset, nonce: (previous?.nonce ?? 0) + 1 }));
  const problem = test.result?.error && !test.checking ? test.result.error : null;
  const conditionInput = form.getInputProps(`rules.${index}.condition`);
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
        <ConditionEditor
          label="Condition (CEL)"
          description={
            <>
              True means the agent violates the rule. It sees <code>agent</code> (after the change) and <code>change</code> (action, old, new). Press Ctrl+Space
              for fields.
            </>
          }
          placeholder='agent.modelTier == "opus" && agent.costPerRequest > 0.10'
          required
          value={rule.condition}
          onChange={(value) => form.setFieldValue(`rules.${index}.condition`, value)}
          onBlur={conditionInput.onBlur}
          error={conditionInput.error}
          language={language}
          problem={problem}
          focusAt={focusAt}
        />
        <TestStatus condition={rule.condition} target={target} test={test} onJump={jump} />
        <TextInput
          label="Message"
          description="What whoever changes the agent is told"
          placeholder="An Opus agent may cost at most $0.10 per request"
          required
          {...form.getInputProps(`rules.${index}.message`)}
        />
      </Stack>
    </Card>
  );
}

import { useMutation, useQuery } from '@apollo/client/react';
import { Modal, NumberInput, Select, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useMemo } from 'react';
import { getFragmentData } from '../../gql';
import type { AlertRuleRowFragment } from '../../gql/graphql';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { useFormMutation } from '../../ui/useFormMutation';
import { ConditionEditor } from '../policies/public';
import {
  type AlertRuleFormValues,
  conditionPosition,
  emptyRule,
  FORM_FIELDS,
  MAX_MINUTES,
  previewInput,
  ruleLanguage,
  SEVERITY_OPTIONS,
  toCreateInput,
  toUpdateInput,
  validateRule,
  valuesOf,
} from './alert-rule-form';
import { AlertRuleCreate, AlertRuleLanguageQuery, AlertRuleRow, AlertRuleUpdate } from './alert-rule.operations';
import { AlertRulePreviewPanel, usePreview } from './AlertRulePreview';

interface AlertRuleFormModalProps {
  opened: boolean;
  /** The rule to edit; null to create one. */
  rule: AlertRuleRowFragment | null;
  onClose: () => void;
  onSaved: (rule: AlertRuleRowFragment, created: boolean) => void;
}

/** Create or edit an alert rule: the condition in the policy editor's CodeMirror, tried on the last day's metrics as it is typed. */
export function AlertRuleFormModal({ opened, rule, onClose, onSaved }: AlertRuleFormModalProps) {
  const [create] = useMutation(AlertRuleCreate);
  const [update] = useMutation(AlertRuleUpdate);
  const { data: languageData } = useQuery(AlertRuleLanguageQuery, { errorPolicy: 'all', skip: !opened });
  const language = useMemo(() => (languageData ? ruleLanguage(languageData.policyConditionLanguage) : null), [languageData]);
  const tags = [...new Set((languageData?.agents?.nodes ?? []).flatMap((a) => a.tags))].sort();
  const form = useForm<AlertRuleFormValues>({ mode: 'controlled', initialValues: emptyRule, validate: validateRule });
  const initial = rule ? valuesOf(rule) : emptyRule;

  useEffect(() => {
    if (!opened) return;
    form.setValues(rule ? valuesOf(rule) : emptyRule);
    form.resetDirty();
    form.clearErrors();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset when the modal opens for a rule
  }, [opened, rule?.id]);

  const preview = usePreview(opened ? previewInput(form.values) : null);
  const conditionError = preview.preview?.userErrors.find((e) => e.field?.join('.') === 'input.condition') ?? null;
  const previewProblem = conditionError
    ? { message: conditionError.message, position: conditionPosition(form.values.condition, conditionError.message) }
    : null;

  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const { data, error } = rule
        ? await update({ variables: { input: toUpdateInput(rule.id, initial, values) }, errorPolicy: 'all' })
        : await create({ variables: { input: toCreateInput(values) }, errorPolicy: 'all' });
      return { payload: data && ('alertRuleUpdate' in data ? data.alertRuleUpdate : data.alertRuleCreate), error };
    },
    result: (payload) => getFragmentData(AlertRuleRow, payload.alertRule),
    fields: FORM_FIELDS,
    onDone: (saved) => onSaved(saved, rule === null),
    keepOpen: true,
    onClose,
  });

  const conditionInput = form.getInputProps('condition');
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={rule ? `Edit "${rule.name}"` : 'New alert rule'}
      centered
      size="xl"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Name" placeholder="High error rate (production)" required data-autofocus {...form.getInputProps('name')} />
          <Textarea
            label="Description"
            placeholder="What it means and who answers it"
            autosize
            minRows={1}
            maxRows={4}
            {...form.getInputProps('description')}
          />
          <ConditionEditor
            label="Condition (CEL)"
            description={
              <>
                True means something is wrong with the agent. It sees <code>agent</code>, <code>window</code> (requests, errors, errorRate, latencyAvgMs,
                latencyP95Ms, tokensPrompt, tokensCompletion, uptime over the window) and <code>metrics[&quot;name&quot;]</code>. Press Ctrl+Space for fields.
              </>
            }
            placeholder="window.errorRate > 0.05"
            required
            value={form.values.condition}
            onChange={(value) => form.setFieldValue('condition', value)}
            onBlur={conditionInput.onBlur as () => void}
            error={(conditionInput.error as string | undefined) ?? previewProblem?.message}
            language={language}
            problem={previewProblem}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput
              label="Window (minutes)"
              description="Aggregates over this many minutes"
              min={1}
              max={MAX_MINUTES}
              allowDecimal={false}
              required
              {...form.getInputProps('windowMinutes')}
            />
            <NumberInput
              label="For (minutes)"
              description="Fires once true this long; 0 at once"
              min={0}
              max={MAX_MINUTES}
              allowDecimal={false}
              required
              {...form.getInputProps('forMinutes')}
            />
            <Select label="Severity" data={SEVERITY_OPTIONS} allowDeselect={false} required {...form.getInputProps('severity')} />
          </SimpleGrid>
          <TagsInput
            label="Agent tags"
            description="Only agents carrying any of these tags; none means every agent"
            placeholder="Add a tag and press Enter"
            data={tags}
            {...form.getInputProps('agentTags')}
          />
          <AlertRulePreviewPanel {...preview} hasInput={preview.input !== null} />
          <FormProblems messages={problems} />
          <FormActions onCancel={close} submitting={submitting} submitLabel={rule ? 'Save rule' : 'Create rule'} />
        </Stack>
      </form>
    </Modal>
  );
}

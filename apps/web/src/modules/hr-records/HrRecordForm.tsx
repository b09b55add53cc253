import { useMutation } from '@apollo/client/react';
import { Card, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo } from 'react';
import { getFragmentData } from '../../gql';
import type { HrRecordFieldsFragment, HrRecordKind, HrRecordStatus } from '../../gql/graphql';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { useFormMutation } from '../../ui/useFormMutation';
import { DataFieldInput } from './DataFieldInput';
import { HrRecordCreate, HrRecordFields, HrRecordUpdate } from './hr-record.operations';
import { dataFieldsOf, emptyHrRecord, formFields, formValuesOf, placeDataErrors, toCreateInput, toUpdateInput } from './hr-record-form';
import { KIND_LABEL, kindOptions, statusOptions } from './labels';

export interface DataSchemaOfKind {
  kind: HrRecordKind;
  schema: Record<string, unknown>;
}

interface HrRecordFormProps {
  /** The JSON schema of each kind, as the API publishes it: the data inputs are built from it. */
  schemas: readonly DataSchemaOfKind[];
  /** The record to edit (its personal fields as the API returned them); null to create one. */
  record: HrRecordFieldsFragment | null;
  onSaved: (record: HrRecordFieldsFragment) => void;
  onCancel: () => void;
}

/**
 * Create or edit an HR record: subject, then one input per property of its kind's JSON schema. The API validates
 * the data against that schema; each problem it names shows beside its input.
 */
export function HrRecordForm({ schemas, record, onSaved, onCancel }: HrRecordFormProps) {
  const [create] = useMutation(HrRecordCreate);
  const [update] = useMutation(HrRecordUpdate);
  const form = useForm({ mode: 'controlled', initialValues: record ? formValuesOf(record) : emptyHrRecord() });
  const kind = form.values.kind;
  const fields = useMemo(() => dataFieldsOf(schemas.find((s) => s.kind === kind)?.schema), [schemas, kind]);

  const { submit, submitting, problems } = useFormMutation({
    form,
    send: async (values) => {
      const sent = record
        ? await update({ variables: { input: toUpdateInput(record.id, fields, values) }, errorPolicy: 'all' })
        : await create({ variables: { input: toCreateInput(fields, values) }, errorPolicy: 'all' });
      const payload = sent.data && ('hrRecordUpdate' in sent.data ? sent.data.hrRecordUpdate : sent.data.hrRecordCreate);
      return { payload: payload && { ...payload, userErrors: placeDataErrors(payload.userErrors) }, error: sent.error };
    },
    result: (payload) => getFragmentData(HrRecordFields, payload.record),
    fields: formFields(fields),
    toast: (saved) => ({
      title: record ? 'HR record saved' : 'HR record created',
      message: `${KIND_LABEL[saved.kind]} record about ${saved.subjectName ?? 'the person'}; its personal fields are encrypted at rest.`,
    }),
    onDone: (saved) => onSaved(saved),
    keepOpen: true,
    onClose: onCancel,
  });

  return (
    <form onSubmit={submit} noValidate aria-label={record ? 'Edit HR record' : 'New HR record'}>
      <Stack>
        <Card withBorder padding="md" component="section" aria-labelledby="hr-form-record">
          <Title order={2} size="h4" mb="sm" id="hr-form-record">
            Record
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Kind"
              data={kindOptions}
              allowDeselect={false}
              required
              disabled={record !== null}
              description={record ? 'A record keeps its kind' : 'The data asked for below follows the kind'}
              {...form.getInputProps('kind')}
              onChange={(value) => {
                if (!value) return;
                form.setFieldValue('kind', value as HrRecordKind);
                form.setFieldValue('data', {});
              }}
            />
            {record ? (
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  Status
                </Text>
                <Text size="sm" c="dimmed">
                  Changed with Activate and Deactivate on the record
                </Text>
              </Stack>
            ) : (
              <Select
                label="Status"
                data={statusOptions}
                allowDeselect={false}
                {...form.getInputProps('status')}
                onChange={(value) => value && form.setFieldValue('status', value as HrRecordStatus)}
              />
            )}
            <TextInput label="Full name" required data-autofocus {...form.getInputProps('subjectName')} />
            <TextInput label="Email address" type="email" required {...form.getInputProps('subjectEmail')} />
          </SimpleGrid>
        </Card>
        <Card withBorder padding="md" component="section" aria-labelledby="hr-form-data">
          <Title order={2} size="h4" mb={4} id="hr-form-data">
            {KIND_LABEL[kind]} data
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            Personal: encrypted at rest and shown only to HR managers.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {fields.map((field) => (
              <DataFieldInput key={`${kind}.${field.name}`} field={field} form={form} />
            ))}
          </SimpleGrid>
        </Card>
        <FormProblems messages={problems} />
        <FormActions onCancel={onCancel} submitting={submitting} submitLabel={record ? 'Save HR record' : 'Create HR record'} />
      </Stack>
    </form>
  );
}

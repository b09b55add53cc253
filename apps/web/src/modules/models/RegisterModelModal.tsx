import { useMutation } from '@apollo/client/react';
import { JsonInput, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { getFragmentData, graphql } from '../../gql';
import { AiModelStatus, type AiModelType, type ModelTier } from '../../gql/graphql';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { JSON_PROBLEM, parseJsonObject } from '../../ui/json';
import { tierOptions } from '../../ui/labels';
import { useFormMutation } from '../../ui/useFormMutation';
import { modelStatusOptions, typeOptions } from './labels';
import { enumText } from '../../format/words';
import { ModelRow } from './ModelsPage';

export const AiModelRegister = graphql(`
  mutation AiModelRegister($input: AiModelRegisterInput!) {
    aiModelRegister(input: $input) {
      model {
        ...ModelRow
        configuration
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const FIELDS = ['name', 'provider', 'version', 'type', 'tier', 'status', 'performanceMetrics', 'configuration'];

interface Values {
  name: string;
  provider: string;
  version: string;
  type: AiModelType | '';
  tier: ModelTier | null;
  status: AiModelStatus;
  performanceMetrics: string;
  configuration: string;
}

const length = (max: number, what: string) => (value: string) =>
  !value.trim() ? `Enter the ${what}` : value.trim().length > max ? `At most ${max} characters` : null;

export function RegisterModelModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [register] = useMutation(AiModelRegister, { refetchQueries: ['Models'] });
  const form = useForm<Values>({
    mode: 'uncontrolled',
    initialValues: { name: '', provider: '', version: '', type: '', tier: null, status: AiModelStatus.Training, performanceMetrics: '', configuration: '' },
    validate: {
      name: length(120, 'model name'),
      provider: length(60, 'provider, e.g. anthropic'),
      version: length(40, 'version'),
      type: (v) => (v ? null : 'Choose a type'),
      performanceMetrics: (v) => parseJsonObject(v).error,
      configuration: (v) => parseJsonObject(v).error,
    },
  });

  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const { data, error } = await register({
        variables: {
          input: {
            name: values.name.trim(),
            provider: values.provider.trim(),
            version: values.version.trim(),
            type: values.type as AiModelType,
            tier: values.tier,
            status: values.status,
            performanceMetrics: parseJsonObject(values.performanceMetrics).value,
            configuration: parseJsonObject(values.configuration).value,
          },
        },
        errorPolicy: 'all',
      });
      return { payload: data?.aiModelRegister, error };
    },
    result: (payload) => getFragmentData(ModelRow, payload.model),
    fields: FIELDS,
    toast: (model) => ({ title: 'Model registered', message: `${model.name} ${model.version} is ${enumText(model.status)}.` }),
    onClose,
  });

  return (
    <Modal opened={opened} onClose={close} title="Register a model" centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Name" placeholder="Claude Sonnet" required data-autofocus key={form.key('name')} {...form.getInputProps('name')} />
          <SimpleGrid cols={2}>
            <TextInput label="Provider" placeholder="anthropic" required key={form.key('provider')} {...form.getInputProps('provider')} />
            <TextInput label="Version" placeholder="4.5" required key={form.key('version')} {...form.getInputProps('version')} />
            <Select label="Type" placeholder="Choose a type" data={typeOptions} required key={form.key('type')} {...form.getInputProps('type')} />
            <Select
              label="Agent tier"
              description="For models agents run on (language and vision): the tier their agents run at"
              placeholder="None"
              data={tierOptions}
              clearable
              key={form.key('tier')}
              {...form.getInputProps('tier')}
            />
            <Select
              label="Status"
              description="Only a deployed model can run agents"
              data={modelStatusOptions}
              allowDeselect={false}
              key={form.key('status')}
              {...form.getInputProps('status')}
            />
          </SimpleGrid>
          <JsonInput
            validationError={JSON_PROBLEM}
            label="Performance metrics"
            description="Evaluation results, a JSON object"
            placeholder='{"accuracy": 0.94, "p95LatencyMs": 1800}'
            autosize
            minRows={2}
            formatOnBlur
            key={form.key('performanceMetrics')}
            {...form.getInputProps('performanceMetrics')}
          />
          <JsonInput
            validationError={JSON_PROBLEM}
            label="Configuration"
            description="A JSON object; admins and developers read it"
            placeholder='{"temperature": 0.2}'
            autosize
            minRows={2}
            formatOnBlur
            key={form.key('configuration')}
            {...form.getInputProps('configuration')}
          />
          <FormProblems messages={problems} />
          <FormActions onCancel={close} submitting={submitting} submitLabel="Register model" />
        </Stack>
      </form>
    </Modal>
  );
}

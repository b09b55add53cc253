import { Select, TagsInput, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { DataField, HrRecordFormValues } from './hr-record-form';

const range = (field: DataField) =>
  field.min !== undefined && field.max !== undefined ? `${field.min} to ${field.max}` : field.min !== undefined ? `${field.min} or more` : undefined;

/** One input of a record's data, of the kind its JSON schema property asks for. */
export function DataFieldInput({ field, form }: { field: DataField; form: UseFormReturnType<HrRecordFormValues> }) {
  const props = { label: field.label, required: field.required, ...form.getInputProps(`data.${field.name}`) };
  const value = form.values.data[field.name];
  switch (field.input) {
    case 'choice':
      return <Select {...props} data={field.choices ?? []} value={typeof value === 'string' && value ? value : null} clearable />;
    case 'list':
      return <TagsInput {...props} value={Array.isArray(value) ? value : []} description="Press Enter after each one" placeholder="Add one and press Enter" />;
    case 'longText':
      return <Textarea {...props} value={typeof value === 'string' ? value : ''} autosize minRows={3} maxRows={10} />;
    case 'number':
    case 'integer':
      return (
        <TextInput
          {...props}
          value={typeof value === 'string' ? value : ''}
          inputMode={field.input === 'integer' ? 'numeric' : 'decimal'}
          description={field.input === 'integer' ? `A whole number${range(field) ? `, ${range(field)}` : ''}` : range(field)}
        />
      );
    case 'date':
      return <TextInput {...props} value={typeof value === 'string' ? value : ''} placeholder="YYYY-MM-DD" description="A date, YYYY-MM-DD" />;
    default:
      return <TextInput {...props} value={typeof value === 'string' ? value : ''} />;
  }
}

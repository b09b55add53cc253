import { Alert, Button, type ButtonProps, Group } from '@mantine/core';
import type { ReactNode } from 'react';

/** What the server said that names no field, shown above the form's buttons. */
export function FormProblems({ messages, title }: { messages: readonly string[]; title?: string }) {
  if (!messages.length) return null;
  return (
    <Alert color="red" role="alert" title={title}>
      {messages.join(' ')}
    </Alert>
  );
}

interface FormActionsProps {
  onCancel: () => void;
  submitting: boolean;
  submitLabel: ReactNode;
  submitColor?: ButtonProps['color'];
}

/** Cancel and the form's submit button, which spins while the mutation runs. */
export function FormActions({ onCancel, submitting, submitLabel, submitColor }: FormActionsProps) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" loading={submitting} color={submitColor}>
        {submitLabel}
      </Button>
    </Group>
  );
}

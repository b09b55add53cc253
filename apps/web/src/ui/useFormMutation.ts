import type { UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { fieldProblems, problemsOf, type UserErrorLike } from './errors';

interface Payload {
  userErrors: readonly UserErrorLike[];
}

export interface FormMutationOptions<FormValues, Values, P extends Payload, Result> {
  /** The form; its submitted values are what its transformValues makes of them (by default, its values). */
  form: UseFormReturnType<FormValues, Values>;
  /** Sends the mutation for the form's values (errorPolicy 'all', so userErrors and errors both arrive): its payload and error. */
  send: (values: Values) => Promise<{ payload: P | null | undefined; error?: unknown }>;
  /** What the mutation made or changed; it worked when this is there and the payload has no userErrors. */
  result: (payload: P) => Result | null | undefined;
  /** The form paths shown next to a field; the API's other problems show above the buttons. */
  fields: readonly string[] | ((values: Values) => readonly string[]);
  /** The form's path for a field the API names, when the two differ ("config.token" -> "secrets.token"). */
  fieldPath?: (apiField: string, values: Values) => string;
  /** The toast that says it worked. */
  toast?: (result: Result, values: Values) => { title: string; message: string };
  onDone?: (result: Result, payload: P, values: Values) => void;
  /** Stay open after it worked, e.g. to show a secret once. */
  keepOpen?: boolean | ((result: Result, payload: P) => boolean);
  onClose: () => void;
  /** The modal's own state to forget when it closes. */
  onReset?: () => void;
}

export interface FormMutation {
  /** The form's onSubmit: validates, sends, then toasts and closes, or shows the API's problems. */
  submit: (event?: FormEvent<HTMLFormElement>) => void;
  submitting: boolean;
  /** Problems not about one field the form shows, for FormProblems. */
  problems: string[];
  /** Resets the form and its problems, then closes. */
  close: () => void;
}

/** One form modal's submit: pending state, the API's field errors at their fields, a toast and closing when it worked. */
export function useFormMutation<FormValues, Values, P extends Payload, Result>(options: FormMutationOptions<FormValues, Values, P, Result>): FormMutation {
  const { form } = options;
  const [submitting, setSubmitting] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  function close() {
    form.reset();
    setProblems([]);
    options.onReset?.();
    options.onClose();
  }

  async function send(values: Values) {
    setProblems([]);
    setSubmitting(true);
    try {
      const sent = await options.send(values);
      const payload = sent.payload ?? null;
      const result = payload && !payload.userErrors.length ? options.result(payload) : null;
      if (payload && result != null) {
        if (options.toast) notifications.show({ color: 'teal', ...options.toast(result, values) });
        options.onDone?.(result, payload, values);
        const stay = typeof options.keepOpen === 'function' ? options.keepOpen(result, payload) : options.keepOpen;
        if (!stay) close();
        return;
      }
      const known = typeof options.fields === 'function' ? options.fields(values) : options.fields;
      const found = fieldProblems(payload?.userErrors, problemsOf(sent.error), known);
      const errors: Record<string, string> = {};
      for (const [field, message] of Object.entries(found.fields)) errors[options.fieldPath?.(field, values) ?? field] = message;
      form.setErrors(errors);
      setProblems(found.general.length || Object.keys(errors).length ? found.general : ['Steward did not say what went wrong; try again.']);
    } catch (error) {
      setProblems(problemsOf(error).map((p) => p.message));
    } finally {
      setSubmitting(false);
    }
  }

  return { submit: form.onSubmit((values) => void send(values)), submitting, problems, close };
}

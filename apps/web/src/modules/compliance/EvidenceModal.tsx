import { useApolloClient, useMutation } from '@apollo/client/react';
import { FileInput, Modal, SegmentedControl, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useSession } from '../../app/session/SessionProvider';
import { graphql } from '../../gql';
import { ComplianceEvidenceKind, type ComplianceEvidenceCreateMutation, UserErrorCode } from '../../gql/graphql';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { useFormMutation } from '../../ui/useFormMutation';
import { fileProblem, uploadEvidenceFile } from './files';

export const EvidenceCreate = graphql(`
  mutation ComplianceEvidenceCreate($input: ComplianceEvidenceCreateInput!) {
    complianceEvidenceCreate(input: $input) {
      evidence {
        id
        title
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const EvidenceSubmit = graphql(`
  mutation ComplianceEvidenceSubmit($input: ComplianceEvidenceRefInput!) {
    complianceEvidenceSubmit(input: $input) {
      evidence {
        id
        status
        submittedAt
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export interface EvidenceValues {
  kind: ComplianceEvidenceKind;
  title: string;
  description: string;
  url: string;
  note: string;
  file: File | null;
  submit: boolean;
}

const empty: EvidenceValues = { kind: ComplianceEvidenceKind.Note, title: '', description: '', url: '', note: '', file: null, submit: true };

export function evidenceProblems(values: EvidenceValues): Partial<Record<keyof EvidenceValues, string>> {
  const problems: Partial<Record<keyof EvidenceValues, string>> = {};
  if (!values.title.trim() || values.title.trim().length > 200) problems.title = 'Give the evidence a title of up to 200 characters';
  if (values.kind === ComplianceEvidenceKind.Link && !/^https?:\/\/\S+$/.test(values.url.trim())) problems.url = 'Enter an http(s) address';
  if (values.kind === ComplianceEvidenceKind.Note && !values.note.trim()) problems.note = 'Write the note';
  if (values.kind === ComplianceEvidenceKind.File) {
    if (!values.file) problems.file = 'Choose a file';
    else problems.file = fileProblem(values.file) ?? undefined;
    if (!problems.file) delete problems.file;
  }
  return problems;
}

type Created = NonNullable<ComplianceEvidenceCreateMutation['complianceEvidenceCreate']>;

/**
 * Attaches evidence to a control: a note, a link or a file (stored by Steward with its sha256). It starts
 * as a draft; sent for review at once unless the switch is off. Someone other than the uploader approves it.
 */
export function EvidenceModal({ control, onClose }: { control: { id: string; name: string } | null; onClose: () => void }) {
  const session = useSession();
  const client = useApolloClient();
  const [create] = useMutation(EvidenceCreate);
  const [submitForReview] = useMutation(EvidenceSubmit);
  // The pages showing the evidence are read again once, when every step (create, upload, submit) is done: a read
  // started after the first step and still in flight would be joined by a later one and show the draft.
  const refreshPages = () =>
    client.refetchQueries({ include: ['ComplianceControlDetail', 'ComplianceEvidenceInbox', 'ComplianceOverview'] }).then(
      () => undefined,
      () => undefined, // a page that cannot be read says so itself
    );
  /** After the evidence is created: its file uploaded, then sent for review if asked; a failed step leaves a draft and says so. */
  async function completeEvidence(payload: Created, evidenceId: string, values: EvidenceValues): Promise<{ payload: Created; error?: unknown }> {
    if (values.kind === ComplianceEvidenceKind.File && values.file) {
      try {
        await uploadEvidenceFile(session, evidenceId, values.file);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        return {
          payload: {
            ...payload,
            evidence: null,
            userErrors: [
              {
                field: ['input', 'file'],
                message: `${message}. The evidence is saved as a draft; upload the file again from the control.`,
                code: UserErrorCode.BadUserInput,
                __typename: 'UserError' as const,
              },
            ],
          },
        };
      }
    }
    if (!values.submit) return { payload };
    const sent = await submitForReview({ variables: { input: { evidenceId } }, errorPolicy: 'all' });
    const submitted = sent.data?.complianceEvidenceSubmit;
    if (!submitted || submitted.userErrors.length || sent.error)
      return { payload: { ...payload, evidence: null, userErrors: submitted?.userErrors ?? [] }, error: sent.error };
    return { payload };
  }

  const form = useForm<EvidenceValues>({ mode: 'controlled', initialValues: empty, validate: evidenceProblems });
  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values): Promise<{ payload: Created | null | undefined; error?: unknown }> => {
      const { data, error } = await create({
        variables: {
          input: {
            controlId: control!.id,
            kind: values.kind,
            title: values.title.trim(),
            description: values.description.trim(),
            url: values.kind === ComplianceEvidenceKind.Link ? values.url.trim() : null,
            note: values.kind === ComplianceEvidenceKind.Note ? values.note.trim() : null,
          },
        },
        errorPolicy: 'all',
      });
      const payload = data?.complianceEvidenceCreate;
      const evidence = payload?.evidence;
      if (!evidence || payload.userErrors.length) return { payload, error };
      try {
        return await completeEvidence(payload, evidence.id, values);
      } finally {
        await refreshPages();
      }
    },
    result: (payload) => payload.evidence,
    fields: ['title', 'description', 'url', 'note', 'file'],
    toast: (evidence, values) => ({
      title: values.submit ? 'Evidence sent for review' : 'Evidence saved as a draft',
      message: values.submit
        ? `“${evidence.title}” waits in the evidence inbox for another reviewer.`
        : `Send “${evidence.title}” for review when it is complete.`,
    }),
    onClose,
  });
  const kind = form.values.kind;
  return (
    <Modal opened={control !== null} onClose={close} title="Add evidence" centered size="lg">
      <form onSubmit={submit} noValidate aria-label="Add evidence">
        <Stack>
          <Text size="sm">
            Evidence for <b>{control?.name}</b>
          </Text>
          <SegmentedControl
            aria-label="Kind of evidence"
            data={[
              { value: ComplianceEvidenceKind.Note, label: 'Note' },
              { value: ComplianceEvidenceKind.Link, label: 'Link' },
              { value: ComplianceEvidenceKind.File, label: 'File' },
            ]}
            {...form.getInputProps('kind')}
          />
          <TextInput label="Title" required data-autofocus {...form.getInputProps('title')} />
          <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />
          {kind === ComplianceEvidenceKind.Note ? <Textarea label="Note" required autosize minRows={4} {...form.getInputProps('note')} /> : null}
          {kind === ComplianceEvidenceKind.Link ? <TextInput label="Address" placeholder="https://" required {...form.getInputProps('url')} /> : null}
          {kind === ComplianceEvidenceKind.File ? (
            <FileInput
              label="File"
              description="PDF, image, text, CSV, JSON, ZIP or Office document, up to 10 MB; Steward keeps its SHA-256"
              placeholder="Choose a file"
              required
              clearable
              {...form.getInputProps('file')}
            />
          ) : null}
          <Switch label="Send for review now" {...form.getInputProps('submit', { type: 'checkbox' })} />
          <FormProblems messages={problems} />
          <FormActions onCancel={close} submitting={submitting} submitLabel={form.values.submit ? 'Add and send for review' : 'Save draft'} />
        </Stack>
      </form>
    </Modal>
  );
}

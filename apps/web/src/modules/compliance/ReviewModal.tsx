import { useMutation } from '@apollo/client/react';
import { Alert, Anchor, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useViewer } from '../../app/shell/viewer';
import { graphql } from '../../gql';
import type { EvidenceInboxRowFragment } from '../../gql/graphql';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { useFormMutation } from '../../ui/useFormMutation';
import { refusedByFourEyes, reviewRefusalTitle } from './fourEyes';

export const EvidenceApprove = graphql(`
  mutation ComplianceEvidenceApprove($input: ComplianceEvidenceApproveInput!) {
    complianceEvidenceApprove(input: $input) {
      evidence {
        id
        status
        reviewedAt
        renewalDue
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const EvidenceReject = graphql(`
  mutation ComplianceEvidenceReject($input: ComplianceEvidenceRejectInput!) {
    complianceEvidenceReject(input: $input) {
      evidence {
        id
        status
        reviewedAt
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export type Verdict = 'approve' | 'reject';

export interface ReviewValues {
  verdict: Verdict;
  renewalDue: string | null;
  comment: string;
}

export function reviewProblems(values: ReviewValues, today = dayjs().format('YYYY-MM-DD')): Partial<Record<keyof ReviewValues, string>> {
  const problems: Partial<Record<keyof ReviewValues, string>> = {};
  if (values.verdict === 'approve') {
    if (!values.renewalDue) problems.renewalDue = 'Choose when the evidence must be renewed';
    else if (values.renewalDue <= today) problems.renewalDue = 'Choose a day after today';
  }
  if (values.verdict === 'reject' && !values.comment.trim()) problems.comment = 'Say what is missing, for the uploader';
  if (values.comment.length > 2000) problems.comment = 'At most 2000 characters';
  return problems;
}

/** Approve (with a renewal date) or reject (with a comment) evidence in review; the uploader may do neither (four eyes). */
export function ReviewModal({
  evidence,
  initialVerdict,
  onClose,
}: {
  evidence: EvidenceInboxRowFragment | null;
  initialVerdict: Verdict;
  onClose: () => void;
}) {
  const viewer = useViewer();
  const refetchQueries = ['ComplianceEvidenceInbox', 'ComplianceControlDetail', 'ComplianceFrameworkDetail', 'ComplianceOverview'];
  const [approve] = useMutation(EvidenceApprove, { refetchQueries });
  const [reject] = useMutation(EvidenceReject, { refetchQueries });
  const [fourEyes, setFourEyes] = useState(false);
  const form = useForm<ReviewValues>({
    mode: 'controlled',
    initialValues: { verdict: initialVerdict, renewalDue: dayjs().add(1, 'year').format('YYYY-MM-DD'), comment: '' },
    validate: (values) => reviewProblems(values),
  });
  useEffect(() => {
    if (evidence) form.setFieldValue('verdict', initialVerdict);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the verdict the row's button chose
  }, [evidence?.id, initialVerdict]);
  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      if (values.verdict === 'approve') {
        const { data, error } = await approve({
          variables: { input: { evidenceId: evidence!.id, renewalDue: values.renewalDue!, comment: values.comment.trim() || null } },
          errorPolicy: 'all',
        });
        setFourEyes(refusedByFourEyes(data?.complianceEvidenceApprove));
        return { payload: data?.complianceEvidenceApprove, error };
      }
      const { data, error } = await reject({ variables: { input: { evidenceId: evidence!.id, comment: values.comment.trim() } }, errorPolicy: 'all' });
      setFourEyes(refusedByFourEyes(data?.complianceEvidenceReject));
      return { payload: data?.complianceEvidenceReject, error };
    },
    result: (payload) => payload.evidence,
    fields: ['renewalDue', 'comment'],
    toast: (_, values) =>
      values.verdict === 'approve'
        ? { title: 'Evidence approved', message: `“${evidence!.title}” counts for ${evidence!.control?.name ?? 'its control'} until ${values.renewalDue}.` }
        : { title: 'Evidence rejected', message: `“${evidence!.title}” goes back to its uploader with your comment.` },
    onClose,
    onReset: () => setFourEyes(false),
  });
  const ownUpload = evidence?.uploadedBy?.id != null && evidence.uploadedBy.id === viewer.user?.id;
  const approving = form.values.verdict === 'approve';
  return (
    <Modal opened={evidence !== null} onClose={close} title="Review evidence" centered size="lg">
      {evidence ? (
        <form onSubmit={submit} noValidate aria-label="Review evidence">
          <Stack>
            <Stack gap={2}>
              <Text size="sm" fw={600}>
                {evidence.title}
              </Text>
              <Text size="xs" c="dimmed">
                For {evidence.control?.name ?? 'a removed control'} · uploaded by {evidence.uploadedBy?.fullName ?? 'someone'}
              </Text>
              {evidence.note ? <Text size="sm">{evidence.note}</Text> : null}
              {evidence.url ? (
                <Anchor href={evidence.url} target="_blank" rel="noreferrer" size="sm">
                  {evidence.url}
                </Anchor>
              ) : null}
            </Stack>
            {ownUpload ? (
              <Alert color="yellow" title="You uploaded this evidence" role="note" data-testid="own-upload">
                Under the four-eyes rule someone else reviews it: Steward will refuse your approval or rejection.
              </Alert>
            ) : null}
            <SegmentedControl
              aria-label="Verdict"
              data={[
                { value: 'approve', label: 'Approve' },
                { value: 'reject', label: 'Reject' },
              ]}
              {...form.getInputProps('verdict')}
            />
            {approving ? (
              <DateInput
                label="Renew by"
                description="The evidence expires after this day; Steward alerts ahead of time"
                required
                minDate={dayjs().add(1, 'day').toDate()}
                valueFormat="YYYY-MM-DD"
                {...form.getInputProps('renewalDue')}
              />
            ) : null}
            <Textarea label="Comment" required={!approving} autosize minRows={2} {...form.getInputProps('comment')} />
            <FormProblems messages={problems} title={problems.length ? reviewRefusalTitle(fourEyes, 'another compliance officer') : undefined} />
            <FormActions
              onCancel={close}
              submitting={submitting}
              submitLabel={approving ? 'Approve evidence' : 'Reject evidence'}
              submitColor={approving ? undefined : 'red'}
            />
          </Stack>
        </form>
      ) : null}
    </Modal>
  );
}

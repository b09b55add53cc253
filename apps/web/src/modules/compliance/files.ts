import type { Session } from '../../app/session/session';

/** What the evidence upload accepts; the API checks again (415 otherwise). */
export const EVIDENCE_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/plain',
  'text/csv',
  'application/json',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
];
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** Why a file cannot be uploaded as evidence, or null. */
export function fileProblem(file: { size: number; type: string }): string | null {
  if (file.size > EVIDENCE_MAX_BYTES) return 'Files are limited to 10 MB';
  if (file.size === 0) return 'The file is empty';
  if (!EVIDENCE_TYPES.includes(file.type) && !file.type.startsWith('application/vnd.openxmlformats-officedocument.'))
    return 'Upload a PDF, PNG, JPEG, text, CSV, JSON, ZIP or Office document';
  return null;
}

async function authorization(session: Session): Promise<Record<string, string>> {
  const token = await session.validToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

async function failure(response: Response): Promise<Error> {
  const text = await response.text().catch(() => '');
  let message: string;
  try {
    const body = JSON.parse(text) as { message?: string; error?: string; errors?: { message: string }[] };
    message = body.message ?? body.error ?? body.errors?.map((e) => e.message).join(' ') ?? '';
  } catch {
    message = text.slice(0, 200);
  }
  if (response.status === 413) return new Error('The file is larger than 10 MB');
  if (response.status === 415) return new Error(message || 'Steward does not accept this type of file');
  return new Error(message || `The upload failed (${response.status})`);
}

/** PUTs the file as the body of /compliance/files/evidence/<id>: answers its sha256 and size. */
export async function uploadEvidenceFile(session: Session, evidenceId: string, file: File): Promise<{ sha256: string; sizeBytes: number }> {
  const response = await fetch(`/compliance/files/evidence/${encodeURIComponent(evidenceId)}`, {
    method: 'PUT',
    credentials: 'same-origin',
    headers: { ...(await authorization(session)), 'content-type': file.type || 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) },
    body: file,
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as { sha256: string; sizeBytes: number };
}

/** Fetches a download path with the session's token and hands the browser the file. */
export async function downloadFile(session: Session, path: string, name: string): Promise<void> {
  const response = await fetch(path, { credentials: 'same-origin', headers: await authorization(session) });
  if (!response.ok) throw await failure(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

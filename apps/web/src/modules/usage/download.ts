import type { Session } from '../../app/session/session';

/** Months as the export takes them: YYYY-MM, UTC. */
export interface UsageMonths {
  from: string;
  to: string;
}

/** Fetches /usage/export (CSV or JSON) with the session's token and hands the browser the file; the last twelve months unless `months` says. */
export async function downloadUsage(session: Session, format: 'csv' | 'json', tenantId?: string, months?: UsageMonths): Promise<void> {
  const token = await session.validToken();
  const query = new URLSearchParams({ format, ...(tenantId ? { tenant: tenantId } : {}), ...(months ?? {}) });
  const response = await fetch(`/usage/export?${query.toString()}`, { credentials: 'same-origin', headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    throw new Error(body.error ?? `The export failed (${response.status})`);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `steward-usage.${format}`;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

import { isUuid, parseGlobalId } from '../../graphql/global-id';
import { UserErrorCode } from '../../graphql/user-error';
import { CostEntryInput, MAX_BATCH } from './cost.inputs';
import { todayUtc } from './cost-dates';

/** An entry as it is stored: trimmed, upper-cased currency, sorted unique tags, agent as a uuid. */
export interface CostRow {
  n: number;
  key: string;
  agent_id: string | null;
  architecture: string | null;
  architecture_id: string | null;
  incurred_on: string;
  amount: string;
  currency: string;
  provider: string;
  service: string;
  region: string | null;
  category: string;
  quantity: string;
  unit: string | null;
  tags: string[];
}

export interface EntryProblem {
  index: number;
  field: string;
  message: string;
  code: UserErrorCode;
}

const CURRENCY = /^[A-Z]{3}$/;
const MAX_TAGS = 20;

function text(value: string | null | undefined, max: number): string | null | false {
  const trimmed = value?.trim() ?? '';
  if (!trimmed) return null;
  return trimmed.length <= max ? trimmed : false;
}

/** Checks every entry (not just until the first problem) so a reporter can fix a batch in one go. */
export function checkEntries(entries: CostEntryInput[]): { rows: CostRow[]; problems: EntryProblem[] } {
  const problems: EntryProblem[] = [];
  if (entries.length > MAX_BATCH)
    return { rows: [], problems: [{ index: -1, field: '', message: `A batch holds at most ${MAX_BATCH} entries`, code: UserErrorCode.BAD_USER_INPUT }] };
  const today = todayUtc();
  const seen = new Map<string, number>();
  const rows = entries.map((entry, index): CostRow => {
    const problem = (field: string, message: string, code = UserErrorCode.BAD_USER_INPUT) => problems.push({ index, field, message, code });
    const key = text(entry.idempotencyKey, 200);
    if (!key) problem('idempotencyKey', 'idempotencyKey must be 1 to 200 characters');
    else if (seen.has(key)) problem('idempotencyKey', `Entry ${seen.get(key)} of this batch has the same idempotencyKey`, UserErrorCode.CONFLICT);
    else seen.set(key, index);
    let agentId: string | null = null;
    if (entry.agentId) {
      const parsed = parseGlobalId(entry.agentId);
      if (parsed?.type === 'Agent' && isUuid(parsed.id)) agentId = parsed.id;
      else problem('agentId', 'agentId is not a valid Agent id');
    }
    let architectureId: string | null = null;
    if (entry.architectureId) {
      const parsed = parseGlobalId(entry.architectureId);
      if (parsed?.type === 'Architecture' && isUuid(parsed.id)) architectureId = parsed.id;
      else problem('architectureId', 'architectureId is not a valid Architecture id');
    }
    const architecture = text(entry.architecture, 120);
    if (architecture === false) problem('architecture', 'architecture must be at most 120 characters');
    if (entry.date > today) problem('date', `date ${entry.date} is in the future (today is ${today}, UTC)`);
    if (entry.amount.startsWith('-')) problem('amount', 'amount must not be negative');
    const currency = entry.currency.trim().toUpperCase();
    if (!CURRENCY.test(currency)) problem('currency', 'currency must be an ISO 4217 code such as USD or EUR');
    const service = text(entry.service, 120);
    if (!service) problem('service', 'service must be 1 to 120 characters');
    const region = text(entry.region, 60);
    if (region === false) problem('region', 'region must be at most 60 characters');
    const unit = text(entry.unit, 40);
    if (unit === false) problem('unit', 'unit must be at most 40 characters');
    if (entry.quantity.startsWith('-')) problem('quantity', 'quantity must not be negative');
    else if (unit === 'requests' && entry.quantity.includes('.') && !/\.0*$/.test(entry.quantity)) problem('quantity', 'A number of requests must be whole');
    const tags = [...new Set(entry.tags.map((t) => t.trim()).filter(Boolean))].sort();
    if (tags.length > MAX_TAGS || tags.some((t) => t.length > 60)) problem('tags', `At most ${MAX_TAGS} tags of at most 60 characters each`);
    return {
      n: index,
      key: key || '',
      agent_id: agentId,
      architecture: architecture || null,
      architecture_id: architectureId,
      incurred_on: entry.date,
      amount: entry.amount,
      currency,
      provider: entry.provider,
      service: service || '',
      region: region || null,
      category: entry.category,
      quantity: entry.quantity,
      unit: unit || null,
      tags,
    };
  });
  return { rows, problems };
}

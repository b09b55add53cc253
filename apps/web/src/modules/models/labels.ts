import { AiModelStatus, AiModelType } from '../../gql/graphql';
import { words } from '../../format/words';

export const MODEL_STATUS_COLOR: Record<AiModelStatus, string> = { TRAINING: 'blue', DEPLOYED: 'teal', ARCHIVED: 'gray' };
export const modelStatusOptions = Object.values(AiModelStatus).map((value) => ({ value, label: words(value) }));
export const typeOptions = Object.values(AiModelType).map((value) => ({ value, label: value === 'LLM' ? 'LLM' : words(value) }));

import { UserInputProblem } from './errors';

export const JSON_INPUT_LIMIT = 20_000;

/** Refuses a JSON input (configuration, metrics, details) larger than the limit, naming its field. */
export function checkJsonSize(field: string, value: unknown): void {
  if (value !== undefined && value !== null && JSON.stringify(value).length > JSON_INPUT_LIMIT) {
    throw new UserInputProblem(field, `${field} must be at most ${JSON_INPUT_LIMIT} characters of JSON`);
  }
}

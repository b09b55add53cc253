import { UserErrorCode } from '../../gql/graphql';

/** Whether a review was refused under the four-eyes rule (the API's FOUR_EYES code): only another member can act. */
export function refusedByFourEyes(payload: { userErrors: readonly { code: UserErrorCode }[] } | null | undefined): boolean {
  return payload?.userErrors.some((e) => e.code === UserErrorCode.FourEyes) ?? false;
}

/** The title over a refused review's messages. */
export function reviewRefusalTitle(fourEyes: boolean, who: string): string {
  return fourEyes ? `Four eyes: ${who} must review it` : 'Steward refused the review';
}

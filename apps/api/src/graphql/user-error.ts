import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum UserErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  POLICY_VIOLATION = 'POLICY_VIOLATION',
  PLAN_LIMIT = 'PLAN_LIMIT',
  FOUR_EYES = 'FOUR_EYES',
}
registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'What kind of problem a UserError is',
  valuesConfig: {
    BAD_USER_INPUT: { description: 'A value is not acceptable: fix it and send the mutation again' },
    CONFLICT: {
      description:
        'The input clashes with what exists: a name or key already taken (the field names it), or an object in a state that does not allow the change',
    },
    POLICY_VIOLATION: { description: "A governance policy in block mode refused the change; the payload's policyViolations say which" },
    PLAN_LIMIT: {
      description: "The tenant's plan refused the change (a limit reached or a feature it lacks); the message names the limit and the plan that lifts it",
    },
    FOUR_EYES: {
      description: 'The caller made (created or uploaded) what it is asked to review, and reviews need a second person: another member must act',
    },
  },
});

@ObjectType({
  description:
    'A problem with the input that the caller can fix. A refused mutation lists every problem it found, ' +
    'one UserError each, in the order of the input; its result fields are then null and nothing was written.',
})
export class UserError {
  @Field(() => [String], {
    nullable: true,
    description:
      'Path to the input field at fault, e.g. ["input", "email"] or ["input", "entries", "3", "idempotencyKey"]; null when the problem is with the input as a whole',
  })
  field: string[] | null;
  @Field({ description: 'What is wrong, in words to show the user next to the field; names the value when it helps' })
  message: string;
  @Field(() => UserErrorCode, { description: 'What kind of problem it is, for programs to branch on' }) code: UserErrorCode;
}

/** Every mutation payload carries userErrors; the result fields are null when there are any. */
export interface Payload {
  userErrors: UserError[];
}

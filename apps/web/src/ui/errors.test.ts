import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { fieldProblems, formPath, hasProblem, problemsOf, restrictTo } from './errors';

describe('problemsOf', () => {
  it('maps GraphQL errors by extensions.code and keeps the path of a denied field', () => {
    const error = new CombinedGraphQLErrors({
      data: { apiKeys: null },
      errors: [{ message: 'You are not allowed to do this', path: ['apiKeys'], extensions: { code: 'FORBIDDEN' } }],
    });
    expect(problemsOf(error)).toEqual([{ kind: 'forbidden', message: 'You are not allowed to do this', path: 'apiKeys', fields: [] }]);
  });

  it('reads the GraphQL errors inside a 401 response', () => {
    const response = new Response('', { status: 401 });
    const error = new ServerError('Response not successful', {
      response,
      bodyText: JSON.stringify({ errors: [{ message: 'The access token is invalid or has expired', extensions: { code: 'UNAUTHENTICATED' } }] }),
    });
    expect(hasProblem(error, 'unauthenticated')).toBe(true);
  });

  it('tells a database outage or a shutdown (UNAVAILABLE, HTTP 503) from an internal failure', () => {
    expect(problemsOf([{ message: 'Steward cannot reach its database right now; try again shortly', extensions: { code: 'UNAVAILABLE' } }])[0].kind).toBe(
      'unavailable',
    );
    const response = new Response(null, { status: 503 });
    expect(problemsOf(new ServerError('Response not successful', { response, bodyText: 'Service Unavailable' }))[0].kind).toBe('unavailable');
  });

  it('treats a failed fetch as a network problem and unknown codes as internal', () => {
    expect(problemsOf(new TypeError('Failed to fetch'))[0].kind).toBe('network');
    expect(problemsOf([{ message: 'boom', extensions: { code: 'INTERNAL' } }])[0].kind).toBe('internal');
  });

  it('names the fields of BAD_USER_INPUT errors as form paths', () => {
    const [byField, byFields] = problemsOf([
      { message: 'filter.entityId is not a valid id', extensions: { code: 'BAD_USER_INPUT', field: 'filter.entityId' } },
      { message: 'Invalid input: name is too long', extensions: { code: 'BAD_USER_INPUT', fields: ['name'] } },
    ]);
    expect(byField.fields).toEqual(['filter.entityId']);
    expect(byFields.fields).toEqual(['name']);
  });
});

describe('field problems', () => {
  it('strips the input prefix of userErrors paths', () => {
    expect(formPath(['input', 'email'])).toBe('email');
    expect(formPath('input.resourceLimits.maxAgents')).toBe('resourceLimits.maxAgents');
    expect(formPath(null)).toBeNull();
  });

  it('puts each message next to the field it names, and the rest above the form', () => {
    const result = fieldProblems(
      [
        { field: ['input', 'email'], message: 'ada@acme.test is already a member' },
        { field: null, message: "The tenant's plan allows 50 active API keys" },
        { field: ['input', 'somethingElse'], message: 'Unknown field problem' },
      ],
      [{ kind: 'badInput', message: 'Invalid input: role', path: null, fields: ['role'] }],
      ['email', 'role'],
    );
    expect(result.fields).toEqual({ email: 'ada@acme.test is already a member', role: 'Invalid input: role' });
    expect(result.general).toEqual(["The tenant's plan allows 50 active API keys", 'Unknown field problem']);
  });

  it('moves messages for fields a form does not show into the general ones', () => {
    expect(restrictTo({ fields: { password: 'wrong', tenantSlug: 'not a member' }, general: [] }, ['email', 'password'])).toEqual({
      fields: { password: 'wrong' },
      general: ['not a member'],
    });
  });
});

describe('input validation errors', () => {
  it('become one problem per invalid field, each with its own message, named as the form names it', () => {
    const problems = problemsOf([
      {
        message: 'Invalid input: input.name: too short; input.rules.0.name: too short',
        path: ['policyCreate'],
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: [
            { field: 'input.name', message: 'too short' },
            { field: 'input.rules.0.name', message: 'name is required' },
          ],
        },
      },
    ]);
    expect(problems).toEqual([
      { kind: 'badInput', message: 'too short', path: 'policyCreate', fields: ['name'] },
      { kind: 'badInput', message: 'name is required', path: 'policyCreate', fields: ['rules.0.name'] },
    ]);
  });
});

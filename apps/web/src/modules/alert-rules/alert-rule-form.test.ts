import { AlertSeverity } from '../../gql/graphql';
import { conditionPosition, emptyRule, previewInput, ruleLanguage, toCreateInput, toUpdateInput, validateRule } from './alert-rule-form';

const rule = { ...emptyRule, name: 'High error rate', condition: 'window.errorRate > 0.05', windowMinutes: 10, forMinutes: 2, agentTags: [' production '] };

describe('alert rule form', () => {
  it('checks what the API checks: a name, a condition and whole minutes in range', () => {
    expect(validateRule(rule)).toEqual({});
    const errors = validateRule({ ...emptyRule, windowMinutes: 0, forMinutes: 1441 });
    expect(Object.keys(errors).sort()).toEqual(['condition', 'forMinutes', 'name', 'windowMinutes']);
    expect(validateRule({ ...rule, windowMinutes: '2.5' }).windowMinutes).toMatch(/Whole minutes/);
  });

  it('sends trimmed values, and on edit only what changed', () => {
    expect(toCreateInput(rule)).toEqual({
      name: 'High error rate',
      description: null,
      condition: 'window.errorRate > 0.05',
      windowMinutes: 10,
      forMinutes: 2,
      severity: AlertSeverity.Warning,
      agentTags: ['production'],
    });
    expect(toUpdateInput('QWxlcnRSdWxlOjE=', rule, { ...rule, severity: AlertSeverity.Critical, forMinutes: '5' })).toEqual({
      alertRuleId: 'QWxlcnRSdWxlOjE=',
      severity: AlertSeverity.Critical,
      forMinutes: 5,
    });
  });

  it('previews only a rule that can be evaluated', () => {
    expect(previewInput({ ...rule, condition: '  ' })).toBeNull();
    expect(previewInput({ ...rule, name: '' })).toEqual({
      condition: 'window.errorRate > 0.05',
      windowMinutes: 10,
      forMinutes: 2,
      agentTags: ['production'],
      hours: 24,
    });
  });

  it("finds the place of the API's condition problem", () => {
    expect(conditionPosition('window.errorRate >\n  0.05 &&', 'Line 2, column 8: Syntax error: unexpected end')).toEqual({ line: 2, column: 8, offset: 26 });
    expect(conditionPosition('x', 'no position')).toBeNull();
  });

  it("completes the rule's window fields beside the policy language's agent", () => {
    const language = ruleLanguage({
      variables: [
        { name: 'agent', fields: [{ name: 'tags', type: 'list(string)' }] },
        { name: 'change', fields: [] },
      ],
      functions: ['size'],
      methods: ['exists'],
    });
    expect(language.variables.map((v) => v.name)).toEqual(['agent', 'window', 'metrics']);
    expect(language.variables[1].fields.map((f) => f.name)).toContain('errorRate');
    expect(language.functions).toEqual(['size']);
  });
});

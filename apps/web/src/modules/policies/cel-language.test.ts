import { CompletionContext } from '@codemirror/autocomplete';
import { HighlightStyle, syntaxTree } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { highlightTree, tags } from '@lezer/highlight';
import { celCompletions, celLanguage, conditionDiagnostic, type ConditionLanguage } from './cel-language';

const language: ConditionLanguage = {
  variables: [
    {
      name: 'agent',
      fields: [
        { name: 'tags', type: 'list<string>' },
        { name: 'modelTier', type: 'string' },
      ],
    },
    { name: 'change', fields: [{ name: 'action', type: 'string' }] },
  ],
  functions: ['size'],
  methods: ['contains'],
};

function complete(text: string, explicit = false) {
  const state = EditorState.create({ doc: text, extensions: [celLanguage] });
  return celCompletions(language)(new CompletionContext(state, text.length, explicit));
}

/** Each highlighted token of a condition, as [text, style class]. */
function tokens(text: string): [string, string][] {
  const style = HighlightStyle.define([
    { tag: tags.variableName, class: 'var' },
    { tag: tags.propertyName, class: 'prop' },
    { tag: tags.string, class: 'str' },
    { tag: tags.number, class: 'num' },
    { tag: tags.macroName, class: 'fn' },
    { tag: tags.operator, class: 'op' },
    { tag: [tags.atom, tags.keyword], class: 'kw' },
  ]);
  const state = EditorState.create({ doc: text, extensions: [celLanguage] });
  const found: [string, string][] = [];
  highlightTree(syntaxTree(state), style, (from, to, cls) => found.push([text.slice(from, to), cls]));
  return found;
}

describe('CEL in the editor', () => {
  it('highlights variables, fields, strings, numbers, functions, operators and literals', () => {
    expect(tokens('agent.modelTier == "opus" && size(agent.tags) > 2 || true')).toEqual([
      ['agent', 'var'],
      ['modelTier', 'prop'],
      ['==', 'op'],
      ['"opus"', 'str'],
      ['&&', 'op'],
      ['size', 'fn'],
      ['agent', 'var'],
      ['tags', 'prop'],
      ['>', 'op'],
      ['2', 'num'],
      ['||', 'op'],
      ['true', 'kw'],
    ]);
  });

  it("completes a variable's fields after its dot, methods after other dots, and names at a word", () => {
    expect(complete('agent.mo')).toMatchObject({
      from: 6,
      options: [
        { label: 'tags', detail: 'list<string>' },
        { label: 'modelTier', detail: 'string' },
      ],
    });
    expect(complete('agent.tags.')?.options.map((o) => o.label)).toEqual(['contains']);
    expect(complete('x && ch')?.options.map((o) => o.label)).toEqual(['agent', 'change', 'size', 'true', 'false', 'null', 'in']);
    expect(complete('x && ')).toBeNull();
    expect(celCompletions(null)(new CompletionContext(EditorState.create({ doc: 'agent.' }), 6, true))).toBeNull();
  });

  it("places the API's problem on the character at fault, or at the end of a condition that stops short", () => {
    expect(conditionDiagnostic('agent.nope == 1', { message: 'Line 1, column 7: No such key: nope', position: { offset: 6 } })).toEqual([
      { from: 6, to: 7, severity: 'error', message: 'No such key: nope' },
    ]);
    expect(conditionDiagnostic('agent.tags &&', { message: 'Line 1, column 14: Unexpected token: EOF', position: { offset: 13 } })).toEqual([
      { from: 13, to: 13, severity: 'error', message: 'Unexpected token: EOF' },
    ]);
    expect(conditionDiagnostic('x', { message: 'The condition gave an int', position: null })).toEqual([]);
  });
});

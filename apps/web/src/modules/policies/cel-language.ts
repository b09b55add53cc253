import { type CompletionContext, type CompletionResult, type Completion } from '@codemirror/autocomplete';
import { StreamLanguage, type StringStream } from '@codemirror/language';
import type { Diagnostic } from '@codemirror/lint';

/** What a condition may use, as the API's policyConditionLanguage describes it. */
export interface ConditionLanguage {
  variables: { name: string; fields: { name: string; type: string }[] }[];
  functions: string[];
  methods: string[];
}

const KEYWORDS = new Set(['true', 'false', 'null', 'in']);

/** A small CEL tokenizer for highlighting: strings, numbers, keywords, operators, variables and fields. */
export const celLanguage = StreamLanguage.define<{ afterDot: boolean }>({
  name: 'cel',
  startState: () => ({ afterDot: false }),
  token(stream: StringStream, state) {
    if (stream.eatSpace()) return null;
    const afterDot = state.afterDot;
    state.afterDot = false;
    if (stream.match('//')) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match(/^[rR]?("""|''')/)) {
      const quote = stream.current().slice(-3);
      while (!stream.eol() && !stream.match(quote)) stream.next();
      return 'string';
    }
    const quote = stream.peek();
    if (quote === '"' || quote === "'") {
      stream.next();
      let escaped = false;
      for (let ch = stream.next(); ch !== undefined && ch !== null; ch = stream.next()) {
        if (ch === quote && !escaped) break;
        escaped = !escaped && ch === '\\';
      }
      return 'string';
    }
    if (stream.match(/^(0x[0-9a-fA-F]+|\d+(\.\d+)?([eE][+-]?\d+)?)[uU]?/)) return 'number';
    if (stream.match(/^[A-Za-z_][A-Za-z0-9_]*/)) {
      const word = stream.current();
      if (afterDot) return stream.peek() === '(' ? 'macroName' : 'propertyName';
      if (KEYWORDS.has(word)) return word === 'in' ? 'keyword' : 'atom';
      if (stream.peek() === '(') return 'macroName';
      return 'variableName';
    }
    if (stream.eat('.')) {
      state.afterDot = true;
      return 'punctuation';
    }
    if (stream.match(/^(==|!=|<=|>=|&&|\|\||[-+*/%<>!?:])/)) return 'operator';
    stream.next();
    return 'punctuation';
  },
  languageData: { commentTokens: { line: '//' } },
});

/**
 * Completes what can come next: a variable's fields after `agent.` or `change.`, methods after any
 * other dot, and variables, functions and literals at the start of a word.
 */
export function celCompletions(language: ConditionLanguage | null) {
  return (context: CompletionContext): CompletionResult | null => {
    if (!language) return null;
    const member = context.matchBefore(/([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\.([A-Za-z_][A-Za-z0-9_]*)?$/);
    if (member) {
      const dot = member.text.lastIndexOf('.');
      const path = member.text.slice(0, dot);
      const from = member.from + dot + 1;
      const variable = language.variables.find((v) => v.name === path);
      const options: Completion[] = variable
        ? variable.fields.map((f) => ({ label: f.name, type: 'property', detail: f.type }))
        : language.methods.map((m) => ({ label: m, type: 'method', apply: `${m}(` }));
      return { from, options, validFor: /^[A-Za-z0-9_]*$/ };
    }
    const word = context.matchBefore(/[A-Za-z_][A-Za-z0-9_]*$/);
    if (!word && !context.explicit) return null;
    const options: Completion[] = [
      ...language.variables.map((v) => ({ label: v.name, type: 'variable', detail: v.name === 'agent' ? 'the agent after the change' : 'action, old, new' })),
      ...language.functions.map((f) => ({ label: f, type: 'function', apply: `${f}(` })),
      ...[...KEYWORDS].map((k) => ({ label: k, type: 'keyword' })),
    ];
    return { from: word?.from ?? context.pos, options, validFor: /^[A-Za-z0-9_]*$/ };
  };
}

/** The API's problem as an editor diagnostic: the character at fault, or the end when the condition stops short. */
export function conditionDiagnostic(condition: string, problem: { message: string; position: { offset: number } | null } | null): Diagnostic[] {
  if (!problem?.position) return [];
  const from = Math.min(problem.position.offset, condition.length);
  return [{ from, to: Math.min(from + 1, condition.length), severity: 'error', message: problem.message.replace(/^Line \d+, column \d+: /, '') }];
}

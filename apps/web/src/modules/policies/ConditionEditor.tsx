import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderText } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { Input } from '@mantine/core';
import { type ReactNode, useEffect, useId, useLayoutEffect, useRef } from 'react';
import { celCompletions, celLanguage, type ConditionLanguage, conditionDiagnostic } from './cel-language';
import type { ConditionPosition } from './ConditionProblem';

interface ConditionEditorProps {
  label: string;
  description?: ReactNode;
  placeholder?: string;
  value: string;
  onChange?: (value: string) => void;
  onBlur?: () => void;
  error?: ReactNode;
  required?: boolean;
  readOnly?: boolean;
  /** Fields, functions and methods to complete; null while they load (or for read-only views). */
  language?: ConditionLanguage | null;
  /** The live rule test's problem, shown at its position in the text. */
  problem?: { message: string; position: ConditionPosition | null } | null;
  /** Set to move the cursor to an offset (e.g. "Show in the condition"); change `nonce` to repeat. */
  focusAt?: { offset: number; nonce: number } | null;
}

const theme = EditorView.theme({
  '&': {
    fontSize: 'var(--mantine-font-size-sm)',
    border: '1px solid var(--mantine-color-default-border)',
    borderRadius: 'var(--mantine-radius-md)',
    backgroundColor: 'var(--mantine-color-body)',
  },
  '&.cm-focused': { outline: 'none', borderColor: 'var(--mantine-primary-color-filled)' },
  '.cm-content': { fontFamily: 'var(--mantine-font-family-monospace)', minHeight: '3.2em', padding: '6px 0' },
  '.cm-scroller': { fontFamily: 'var(--mantine-font-family-monospace)', maxHeight: '16em' },
  '.cm-gutters': { backgroundColor: 'transparent', border: 'none' },
  // CodeMirror's own placeholder grey fails WCAG AA; the theme's dimmed text is derived to pass it.
  '.cm-placeholder': { color: 'var(--mantine-color-dimmed)' },
});

const celHighlight = HighlightStyle.define([
  { tag: tags.variableName, color: 'var(--mantine-color-violet-text)', fontWeight: '600' },
  { tag: tags.propertyName, color: 'var(--mantine-color-blue-text)' },
  { tag: tags.macroName, color: 'var(--mantine-color-cyan-text)' },
  { tag: tags.string, color: 'var(--mantine-color-green-text)' },
  { tag: tags.number, color: 'var(--mantine-color-orange-text)' },
  { tag: [tags.bool, tags.null, tags.atom, tags.keyword], color: 'var(--mantine-color-pink-text)' },
  { tag: tags.operator, color: 'var(--mantine-color-dimmed)' },
  { tag: tags.comment, color: 'var(--mantine-color-dimmed)', fontStyle: 'italic' },
]);

/**
 * Read-only, the text is not editable and so not focusable: it takes a tab stop of its own, so a keyboard
 * can reach and scroll a condition taller than the editor's maximum height.
 */
function editability(readOnly: boolean | undefined) {
  return [EditorState.readOnly.of(Boolean(readOnly)), EditorView.editable.of(!readOnly), readOnly ? EditorView.contentAttributes.of({ tabindex: '0' }) : []];
}

/** A CEL condition in CodeMirror: highlighted, completing the agent's fields, showing the API's problem where it is. */
export function ConditionEditor({
  label,
  description,
  placeholder,
  value,
  onChange,
  onBlur,
  error,
  required,
  readOnly,
  language = null,
  problem = null,
  focusAt,
}: ConditionEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const completion = useRef(new Compartment());
  const editable = useRef(new Compartment());
  const handlers = useRef({ onChange, onBlur });
  useLayoutEffect(() => {
    handlers.current = { onChange, onBlur };
  });
  const id = useId();

  useEffect(() => {
    const created = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          closeBrackets(),
          bracketMatching(),
          celLanguage,
          syntaxHighlighting(celHighlight),
          lintGutter(),
          completion.current.of(autocompletion({ override: [celCompletions(language)], activateOnTyping: true })),
          editable.current.of(editability(readOnly)),
          keymap.of([...closeBracketsKeymap, ...completionKeymap, ...historyKeymap, ...defaultKeymap]),
          EditorView.lineWrapping,
          placeholder ? placeholderText(placeholder) : [],
          EditorView.contentAttributes.of({ 'aria-label': label, 'aria-describedby': `${id}-description`, ...(required ? { 'aria-required': 'true' } : {}) }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) handlers.current.onChange?.(update.state.doc.toString());
            if (update.focusChanged && !update.view.hasFocus) handlers.current.onBlur?.();
          }),
          theme,
        ],
      }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
    // The editor is created once; later props reach it through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const current = view.current;
    if (current && current.state.doc.toString() !== value) current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: completion.current.reconfigure(autocompletion({ override: [celCompletions(language)], activateOnTyping: true })) });
  }, [language]);

  useEffect(() => {
    view.current?.dispatch({ effects: editable.current.reconfigure(editability(readOnly)) });
  }, [readOnly]);

  useEffect(() => {
    const current = view.current;
    if (!current) return;
    const doc = current.state.doc.toString();
    current.dispatch(setDiagnostics(current.state, conditionDiagnostic(doc, problem && doc === value ? problem : null)));
  }, [problem, value]);

  useEffect(() => {
    const current = view.current;
    if (!current || !focusAt) return;
    const at = Math.min(focusAt.offset, current.state.doc.length);
    current.focus();
    current.dispatch({ selection: { anchor: at, head: Math.min(at + 1, current.state.doc.length) }, scrollIntoView: true });
  }, [focusAt]);

  return (
    <Input.Wrapper label={label} description={description} error={error} required={required} id={id} descriptionProps={{ id: `${id}-description` }}>
      <div ref={host} data-testid="condition-editor" data-completions={language ? 'ready' : 'none'} data-invalid={error ? true : undefined} />
    </Input.Wrapper>
  );
}

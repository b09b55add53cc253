import { EditorView } from '@codemirror/view';
import { screen } from '@testing-library/react';
import { act } from 'react';

/** The CodeMirror view behind the editor labelled `name`. */
export function codeEditor(name: RegExp | string): EditorView {
  const content = screen.getByRole('textbox', { name });
  const view = EditorView.findFromDOM(content);
  if (!view) throw new Error(`no code editor labelled ${String(name)}`);
  return view;
}

/**
 * Types into a code editor the way its input handling does (a user "input.type" transaction at the
 * cursor): jsdom has no layout or native text input for contenteditable, so keystrokes cannot be replayed.
 */
export function typeInto(view: EditorView, text: string): void {
  act(() => {
    const at = view.state.selection.main.head;
    view.dispatch(view.state.update({ changes: { from: at, insert: text }, selection: { anchor: at + text.length }, userEvent: 'input.type' }));
  });
}

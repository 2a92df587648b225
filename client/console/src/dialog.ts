/// <reference lib="dom" />
import { h } from './dom.js';

export interface AskOptions {
  readonly title: string;
  readonly text: string;
  readonly confirm: string;
  readonly danger?: boolean;
  /** A text field to fill in (a pause reason). */
  readonly field?: { readonly label: string; readonly hint?: string };
}

/**
 * Asks for confirmation in a modal <dialog> (focus moves in, Escape cancels, focus returns to the button that
 * opened it). Resolves to the field's value (or '') when confirmed, undefined when cancelled.
 */
export function ask(options: AskOptions): Promise<string | undefined> {
  const opener = document.activeElement as HTMLElement | null;
  const input = options.field
    ? h('input', {
        id: 'dialog-field',
        name: 'value',
        maxlength: 256,
        'aria-describedby': options.field.hint ? 'dialog-hint' : undefined,
      })
    : undefined;
  const dialog = h(
    'dialog',
    { 'aria-labelledby': 'dialog-title', 'aria-describedby': 'dialog-text' },
    h(
      'form',
      { method: 'dialog', class: 'stacked' },
      h('h2', { id: 'dialog-title' }, options.title),
      h('p', { id: 'dialog-text' }, options.text),
      options.field &&
        h(
          'div',
          {},
          h('label', { for: 'dialog-field' }, options.field.label),
          options.field.hint && h('p', { class: 'hint', id: 'dialog-hint' }, options.field.hint),
          input,
        ),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          { type: 'submit', value: 'confirm', class: options.danger ? 'danger' : undefined },
          options.confirm,
        ),
        h('button', { type: 'submit', value: 'cancel', class: 'secondary', formnovalidate: true }, 'Cancel'),
      ),
    ),
  );
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      const confirmed = dialog.returnValue === 'confirm';
      dialog.remove();
      opener?.focus();
      resolve(confirmed ? (input?.value.trim() ?? '') : undefined);
    });
    dialog.showModal();
    (input ?? dialog.querySelector('button'))?.focus();
  });
}

// Labelled fields whose errors sit next to them, tied by aria-describedby so screen readers read them too.
import { h } from './dom.js';

/** A label, an input (or textarea) and the place for its error. */
export function field({ id, name, label, type = 'text', hint, ...attributes }) {
    const error = h('p', { id: `${id}-error`, class: 'field-error' });
    const hintElement = hint ? h('p', { id: `${id}-hint`, class: 'hint' }, hint) : undefined;
    const describedBy = [hintElement && `${id}-hint`, `${id}-error`].filter(Boolean).join(' ');
    const input = type === 'textarea'
        ? h('textarea', { id, name, 'aria-describedby': describedBy, ...attributes })
        : h('input', { id, name, type, 'aria-describedby': describedBy, ...attributes });
    const wrapper = h('div', { class: 'field' }, h('label', { for: id }, label), hintElement, input, error);
    return { wrapper, input, error, name };
}

/** The message for the whole form: role=alert so it is read out as soon as it appears. */
export const formMessage = () => h('p', { class: 'form-error', role: 'alert' });

export function clearErrors(fields, message) {
    for (const f of fields) {
        f.error.textContent = '';
        f.input.removeAttribute('aria-invalid');
    }
    message.textContent = '';
}

/**
 * Puts a failed call's messages on the page: each validation error beside its field (the API names fields in
 * camelCase, as the forms do), anything else as one readable sentence. Never raw JSON.
 */
export function showError(error, fields, message) {
    let placed = false;
    for (const [name, messages] of Object.entries(error.errors ?? {})) {
        const target = fields.find(f => f.name === name);
        if (target) {
            target.error.textContent = messages.join(' ');
            target.input.setAttribute('aria-invalid', 'true');
            placed = true;
        }
    }
    const unplaced = Object.entries(error.errors ?? {}).filter(([name]) => !fields.some(f => f.name === name));
    message.textContent = placed && unplaced.length === 0
        ? 'Please correct the fields marked below.'
        : [error.message, ...unplaced.flatMap(([, messages]) => messages)].join(' ');
    fields.find(f => f.input.getAttribute('aria-invalid') === 'true')?.input.focus();
}

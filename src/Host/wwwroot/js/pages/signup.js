import { h, append } from '../dom.js';
import { post, actionKeys } from '../api.js';
import { field, formMessage, clearErrors, showError } from '../forms.js';

export async function renderSignUp(page, { navigate }) {
    const id = field({
        id: 'signup-id', name: 'id', label: 'User id', autocomplete: 'username', required: true,
        autocapitalize: 'none', spellcheck: 'false', hint: '3 to 20 letters, digits or _. Others see it as @id.',
    });
    const displayName = field({
        id: 'signup-name', name: 'displayName', label: 'Display name', autocomplete: 'name', required: true,
        hint: 'The name shown on your tweets; 1 to 50 characters.',
    });
    const password = field({
        id: 'signup-password', name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password',
        required: true, hint: 'At least 8 characters, not your user id.',
    });
    const fields = [id, displayName, password];
    const message = formMessage();
    const keys = actionKeys();
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Create account');

    const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'signup-title' },
        message, ...fields.map(f => f.wrapper), submit);
    form.addEventListener('submit', async event => {
        event.preventDefault();
        clearErrors(fields, message);
        submit.disabled = true;
        try {
            const body = {
                id: id.input.value.trim(),
                displayName: displayName.input.value,
                password: password.input.value,
            };
            const created = await post('/api/users', body, { key: keys.for(body) });
            keys.done();
            navigate('/login', { id: created.id, created: '1' });
        } catch (error) {
            showError(error, fields, message);
        } finally {
            submit.disabled = false;
        }
    });

    append(page,
        h('h1', { id: 'signup-title' }, 'Sign up'),
        form,
        h('p', { class: 'alternatives' }, 'Already have an account? ', h('a', { href: '#/login' }, 'Log in')));
}

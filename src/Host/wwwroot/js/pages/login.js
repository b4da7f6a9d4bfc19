import { h, append } from '../dom.js';
import { get } from '../api.js';
import { field, formMessage, clearErrors, showError } from '../forms.js';
import * as session from '../session.js';

const notices = {
    created: 'Your account is ready. Log in with your new password.',
    loggedOut: 'You have logged out.',
    expired: 'Your session has ended. Log in again.',
};

const problems = {
    github: 'Signing in with GitHub did not complete. Try again, or log in with your id and password.',
};

export async function renderLogIn(page, { parameters, navigate }) {
    if (session.user()) {
        navigate('/home');
        return;
    }

    const id = field({ id: 'login-id', name: 'id', label: 'User id', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
    const password = field({ id: 'login-password', name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password', required: true });
    id.input.value = parameters.get('id') ?? '';
    const message = formMessage();
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Log in');
    const notice = Object.entries(notices).find(([key]) => parameters.has(key))?.[1];
    const problem = Object.entries(problems).find(([key]) => parameters.has(key))?.[1];
    message.textContent = problem ?? '';

    const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'login-title' },
        message, id.wrapper, password.wrapper, submit);
    form.addEventListener('submit', async event => {
        event.preventDefault();
        clearErrors([id, password], message);
        submit.disabled = true;
        try {
            await session.logIn(id.input.value.trim(), password.input.value);
            const next = parameters.get('next');
            navigate(next && next.startsWith('/') ? next : '/home');
        } catch (error) {
            password.input.value = '';
            showError(error, [id, password], message);
            if (!Object.keys(error.errors).length) {
                password.input.focus();
            }
        } finally {
            submit.disabled = false;
        }
    });

    const gitHub = h('p', { class: 'github', hidden: true },
        h('a', { class: 'button', href: '/ui/github' }, 'Sign in with GitHub'));

    append(page,
        h('h1', { id: 'login-title' }, 'Log in'),
        notice && h('p', { class: 'notice', role: 'status' }, notice),
        form,
        h('div', { class: 'alternatives' },
            h('p', {}, 'New here? ', h('a', { class: 'button', href: '#/signup' }, 'Sign up')),
            gitHub));
    if (!notice && !problem) {
        id.input.autofocus = true;
    }

    // The Users API says which ways to log in it offers; GitHub only when the server is configured for it.
    get('/api/users/login/providers')
        .then(providers => { gitHub.hidden = !providers.gitHub; })
        .catch(() => { gitHub.hidden = true; });
}

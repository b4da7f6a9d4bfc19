import { h, append, announce } from '../dom.js';
import { post, actionKeys } from '../api.js';
import { field, formMessage, clearErrors, showError } from '../forms.js';
import { measure, maxLength } from '../tweet-text.js';
import { timeline } from './tweets.js';
import * as session from '../session.js';

/** The box to write a tweet: a live count to 280 and a Post button that is off while the text cannot be sent. */
function composeBox(onPosted) {
    const text = field({ id: 'compose-text', name: 'text', label: 'What is happening?', type: 'textarea', rows: '3' });
    const count = h('span', { id: 'compose-count', class: 'count' });
    text.input.setAttribute('aria-describedby', `compose-count ${text.error.id}`);
    const submit = h('button', { type: 'submit', class: 'primary', disabled: true }, 'Post');
    const message = formMessage();
    const keys = actionKeys();
    let wasOver = false;

    function update() {
        const { length, valid, over } = measure(text.input.value);
        count.textContent = over > 0
            ? `${length} / ${maxLength} characters: ${over} too many`
            : `${length} / ${maxLength} characters`;
        count.classList.toggle('over', over > 0);
        submit.disabled = !valid;
        // Announced only when crossing the limit, not on every key.
        if ((over > 0) !== wasOver) {
            wasOver = over > 0;
            announce(wasOver ? `Over the limit of ${maxLength} characters.` : 'Within the limit again.');
        }
    }

    text.input.addEventListener('input', update);
    const form = h('form', { class: 'card compose', novalidate: true, 'aria-label': 'Write a tweet' },
        message, text.wrapper, h('div', { class: 'compose-footer' }, count, submit));
    form.addEventListener('submit', async event => {
        event.preventDefault();
        if (!measure(text.input.value).valid) {
            return;
        }
        clearErrors([text], message);
        submit.disabled = true;
        try {
            const body = { text: text.input.value };
            const tweet = await post('/api/tweets', body, { key: keys.for(body) });
            keys.done();
            text.input.value = '';
            onPosted(tweet);
            announce('Your tweet is posted.');
        } catch (error) {
            showError(error, [text], message);
        } finally {
            update();
        }
    });
    // Ctrl+Enter or Cmd+Enter posts from the text box, as on most sites with a compose box.
    text.input.addEventListener('keydown', event => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            form.requestSubmit();
        }
    });
    update();
    return form;
}

export async function renderHome(page) {
    const me = session.user();
    const tweets = await timeline('/api/tweets/home', {
        label: 'Your home timeline',
        empty: 'No tweets yet. Post one, or follow people from the People page.',
    });
    append(page,
        h('h1', {}, 'Home'),
        h('p', { class: 'lead' }, `Signed in as ${me.displayName} (@${me.id}). Your tweets and those of people you follow.`),
        composeBox(tweet => tweets.prepend(tweet)),
        tweets.element);
}

export async function renderGlobal(page) {
    const tweets = await timeline('/api/tweets', { label: 'Everyone\'s tweets', empty: 'Nobody has tweeted yet.' });
    append(page, h('h1', {}, 'Everyone'), h('p', { class: 'lead' }, 'The newest tweets from everyone.'), tweets.element);
}

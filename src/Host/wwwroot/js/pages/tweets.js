// A list of tweets, newest first, with "Load more" following the API's cursor.
import { h, formatTime, announce } from '../dom.js';
import { get, query } from '../api.js';

function tweetItem(tweet) {
    const profile = `#/users/${encodeURIComponent(tweet.author.id)}`;
    return h('li', { class: 'tweet' },
        h('article', { 'aria-label': `Tweet by ${tweet.author.displayName}` },
            h('header', {},
                h('a', { class: 'author', href: profile }, tweet.author.displayName),
                ' ',
                h('span', { class: 'handle' }, `@${tweet.author.id}`),
                ' · ',
                h('time', { datetime: tweet.postedAt }, formatTime(tweet.postedAt))),
            h('p', { class: 'text' }, tweet.text)));
}

/**
 * Renders a timeline from an API path (/api/tweets, /api/tweets/home, …) and returns { element, prepend } so a
 * page can put a tweet it just posted on top without reloading.
 */
export async function timeline(path, { label, empty }) {
    const list = h('ol', { class: 'tweets', 'aria-label': label });
    const emptyMessage = h('p', { class: 'empty' }, empty);
    const more = h('button', { type: 'button', class: 'more' }, 'Load more');
    const error = h('p', { class: 'error', role: 'alert' });
    let cursor = null;

    async function load() {
        error.textContent = '';
        more.disabled = true;
        try {
            const page = await get(query(path, { cursor }));
            list.append(...page.items.map(tweetItem));
            cursor = page.nextCursor;
            more.hidden = !cursor;
            emptyMessage.hidden = list.childElementCount > 0;
            return page.items.length;
        } catch (failure) {
            error.textContent = failure.message;
            return 0;
        } finally {
            more.disabled = false;
        }
    }

    more.addEventListener('click', async () => {
        const added = await load();
        if (added > 0) {
            announce(`${added} more tweets loaded.`);
        }
    });
    await load();

    return {
        element: h('section', { class: 'timeline' }, error, emptyMessage, list, more),
        prepend(tweet) {
            list.prepend(tweetItem(tweet));
            emptyMessage.hidden = true;
        },
    };
}

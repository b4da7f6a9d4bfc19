import { h, append, formatTime } from '../dom.js';
import { get, query } from '../api.js';

/** Page numbers to show: all of them when few, else the first, the last and the ones around the current. */
function pageNumbers(current, total) {
    if (total <= 7) {
        return Array.from({ length: total }, (_, i) => i + 1);
    }
    const shown = new Set([1, total, current - 1, current, current + 1].filter(n => n >= 1 && n <= total));
    const sorted = [...shown].sort((a, b) => a - b);
    return sorted.flatMap((n, i) => (i > 0 && n - sorted[i - 1] > 1 ? ['…', n] : [n]));
}

export async function renderUsers(page, { parameters }) {
    const requested = Number.parseInt(parameters.get('page') ?? '1', 10);
    const number = Number.isFinite(requested) && requested > 0 ? requested : 1;
    const result = await get(query('/api/users', { page: number }));
    const link = (n, text, label) => h('a', { href: `#/users?page=${n}`, 'aria-label': label }, text);

    const items = result.items.map(user => h('li', { class: 'person' },
        h('a', { href: `#/users/${encodeURIComponent(user.id)}` }, user.displayName),
        ' ',
        h('span', { class: 'handle' }, `@${user.id}`),
        h('span', { class: 'joined' }, ` · joined ${formatTime(user.createdAt)}`)));

    const pager = h('nav', { class: 'pager', 'aria-label': 'Pages of people' },
        h('ul', {},
            result.page > 1 && h('li', {}, link(result.page - 1, 'Previous', 'Previous page')),
            ...pageNumbers(result.page, result.totalPages).map(n => h('li', {}, n === '…'
                ? h('span', { 'aria-hidden': 'true' }, '…')
                : n === result.page
                    ? h('a', { href: `#/users?page=${n}`, 'aria-current': 'page', 'aria-label': `Page ${n}, current` }, String(n))
                    : link(n, String(n), `Page ${n}`))),
            result.page < result.totalPages && h('li', {}, link(result.page + 1, 'Next', 'Next page'))));

    append(page,
        h('h1', {}, 'People'),
        h('p', { class: 'lead', id: 'people-summary' },
            result.totalCount === 0
                ? 'Nobody has signed up yet.'
                : `Page ${result.page} of ${Math.max(result.totalPages, 1)} · ${result.totalCount} people in order of joining.`),
        items.length ? h('ul', { class: 'people', 'aria-describedby': 'people-summary' }, ...items)
            : result.totalCount > 0 && h('p', {}, 'This page is empty. ', link(1, 'Go to the first page')),
        result.totalPages > 1 && pager);
}

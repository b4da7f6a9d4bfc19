import { h, append, formatTime, formatNumber, announce } from '../dom.js';
import { get, put, del, ApiError } from '../api.js';
import { timeline } from './tweets.js';
import * as session from '../session.js';

export async function renderUser(page, { match }) {
    const id = decodeURIComponent(match[1]);
    const path = encodeURIComponent(id);
    let profile;
    try {
        profile = await get(`/api/users/${path}`);
    } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
            append(page, h('h1', {}, 'No such user'), h('p', {}, `There is no user @${id}. `, h('a', { href: '#/users' }, 'See everyone')));
            return;
        }
        throw error;
    }

    const stats = h('dl', { class: 'stats' });
    const followButton = h('button', { type: 'button', class: 'primary follow', hidden: true });
    const followError = h('p', { class: 'error', role: 'alert' });
    const me = session.user();
    const isMe = me !== null && me.id.toLowerCase() === profile.id.toLowerCase();
    let following = false;

    async function refreshStats() {
        const numbers = await get(`/api/tweets/users/${path}/stats`);
        stats.replaceChildren(
            ...[['Tweets', numbers.tweets], ['Followers', numbers.followers], ['Following', numbers.following]]
                .map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, formatNumber(value)))));
        following = numbers.followedByYou === true;
        followButton.textContent = following ? 'Unfollow' : 'Follow';
        followButton.setAttribute('aria-label', `${following ? 'Unfollow' : 'Follow'} ${profile.displayName}`);
        followButton.classList.toggle('primary', !following);
        // Nobody follows themselves; visitors who are not signed in cannot follow (followedByYou is null for them).
        followButton.hidden = !me || isMe || numbers.followedByYou === null;
    }

    followButton.addEventListener('click', async () => {
        followError.textContent = '';
        followButton.disabled = true;
        try {
            const wasFollowing = following;
            await (wasFollowing ? del : put)(`/api/tweets/users/${path}/follow`);
            await refreshStats();
            announce(wasFollowing ? `You no longer follow ${profile.displayName}.` : `You follow ${profile.displayName}.`);
        } catch (error) {
            followError.textContent = error.message;
        } finally {
            followButton.disabled = false;
        }
    });

    await refreshStats();
    const tweets = await timeline(`/api/tweets/users/${path}`, {
        label: `Tweets by ${profile.displayName}`,
        empty: `@${profile.id} has not tweeted yet.`,
    });

    append(page,
        h('div', { class: 'profile card' },
            h('div', {},
                h('h1', {}, profile.displayName),
                h('p', { class: 'handle' }, `@${profile.id}`),
                h('p', { class: 'joined' }, `Joined ${formatTime(profile.createdAt)}`)),
            followButton),
        followError,
        stats,
        h('h2', {}, 'Tweets'),
        tweets.element);
}

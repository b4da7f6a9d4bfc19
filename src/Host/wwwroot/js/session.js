// Who is signed in. The tokens live in HttpOnly cookies the page cannot read; the Host's /ui/session turns the
// tokens from /api/users/login into those cookies, says whose they are, and renews the short-lived access token.
import { call, get, del, ApiError, renewSession } from './api.js';

let current = null;
let renewal = null;

// Renews half a minute before the access token runs out, so a page left open stays signed in; a request refused
// with 401 in between renews by itself (api.js).
function keepAlive() {
    clearTimeout(renewal);
    if (!current?.expiresAt) {
        return;
    }
    const wait = Math.max(5_000, new Date(current.expiresAt).getTime() - Date.now() - 30_000);
    renewal = setTimeout(async () => {
        const renewed = await renewSession();
        if (renewed) {
            current = renewed;
            keepAlive();
        }
    }, wait);
}

/** The signed-in user ({ id, displayName, roles }) or null. */
export const user = () => current;

export const isAdmin = () => current?.roles.includes('admin') ?? false;

/** Asks the Host whose session the cookie holds, if any. */
export async function restore() {
    try {
        current = await get('/ui/session');
    } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 401) {
            throw error;
        }
        current = null;
    }
    keepAlive();
    return current;
}

/** Logs in with the Users API, then hands the token to the Host, which keeps it in the cookie. */
export async function logIn(id, password) {
    const issued = await call('POST', '/api/users/login', { body: { id, password } });
    current = await call('POST', '/ui/session', {
        token: issued.accessToken,
        body: { refreshToken: issued.refreshToken, refreshTokenExpiresAt: issued.refreshTokenExpiresAt },
    });
    keepAlive();
    return current;
}

export async function logOut() {
    try {
        await del('/ui/session');
    } finally {
        clearTimeout(renewal);
        current = null;
    }
}

/** Forgets the user without asking the server, after it refused the cookie. */
export function forget() {
    clearTimeout(renewal);
    current = null;
}

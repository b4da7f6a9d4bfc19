// Who is signed in. The token itself lives in an HttpOnly cookie the page cannot read; the Host's /ui/session
// turns a token from /api/users/login into that cookie and says whose it is.
import { call, get, del, ApiError } from './api.js';

let current = null;

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
    return current;
}

/** Logs in with the Users API, then hands the token to the Host, which keeps it in the cookie. */
export async function logIn(id, password) {
    const issued = await call('POST', '/api/users/login', { body: { id, password } });
    current = await call('POST', '/ui/session', { token: issued.accessToken });
    return current;
}

export async function logOut() {
    try {
        await del('/ui/session');
    } finally {
        current = null;
    }
}

/** Forgets the user without asking the server, after it refused the cookie. */
export function forget() {
    current = null;
}

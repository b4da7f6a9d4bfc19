// The one way the UI talks to the server: the public HTTP API, with the session cookie the browser sends by itself.

/** A failed call, carrying the problem details (RFC 7807) the API answered with. */
export class ApiError extends Error {
    constructor(status, problem) {
        super(problem?.detail || problem?.title || ApiError.fallback(status));
        this.status = status;
        this.problem = problem ?? {};
        /** Messages by camelCase field name, from a validation problem. */
        this.errors = problem?.errors ?? {};
    }

    static fallback(status) {
        if (status === 0) {
            return 'The server cannot be reached. Check your connection and try again.';
        }
        return status >= 500
            ? `Something went wrong on the server (${status}). Try again in a moment.`
            : `The request was refused (${status}).`;
    }
}

let onSessionLost = () => {};

/** Called when a request that needed the session was refused: the cookie expired or was cleared elsewhere. */
export function whenSessionLost(handler) {
    onSessionLost = handler;
}

/**
 * A fresh Idempotency-Key. crypto.randomUUID exists only on secure pages (HTTPS or localhost); the Host may be
 * opened over plain HTTP on another name, where getRandomValues still works.
 */
export function newKey() {
    if (crypto.randomUUID) {
        return crypto.randomUUID();
    }
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map(b => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Keys for one form's action: the same key while the user sends the same thing again (after an error they saw, the
 * first try may still have been stored), a new one once it changed or went through.
 */
export function actionKeys() {
    let last = null;
    return {
        for(body) {
            const text = JSON.stringify(body);
            if (last?.text !== text) {
                last = { text, key: newKey() };
            }
            return last.key;
        },
        done() {
            last = null;
        },
    };
}

const changesState = method => !['GET', 'HEAD', 'OPTIONS'].includes(method);

/** An answer that may mean the request never finished: worth one more try with the same key. */
const worthRepeating = status => status === 0 || status === 502 || status === 503 || status === 504;

/**
 * Sends one request. The X-Requested-With header is what lets the session cookie count for requests that change
 * something (the server's CSRF defence); a page on another site cannot send it. A request that changes something
 * carries an Idempotency-Key (the caller's, to keep one across the user's own retries, or a new one), so when it
 * got no answer it is sent once more with the same key: the server runs it at most once.
 */
export async function call(method, path, { body, token, key } = {}) {
    const headers = { Accept: 'application/json', 'X-Requested-With': 'monolith-ui' };
    if (token) {
        headers.Authorization = `Bearer ${token}`;
    }
    if (changesState(method)) {
        headers['Idempotency-Key'] = key ?? newKey();
    }
    const init = { method, headers, credentials: 'same-origin' };
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
    }

    let response = await send(path, init);
    if (changesState(method) && worthRepeating(response?.status ?? 0)) {
        response = await send(path, init);
    }
    // The access token runs out after a few minutes; the refresh cookie gets a new one, and the request (refused, so
    // not carried out) goes again once. The user notices nothing.
    if (response?.status === 401 && !token && mayRenew(path) && await renewSession()) {
        response = await send(path, init);
    }
    if (!response) {
        throw new ApiError(0, null);
    }

    const isJson = (response.headers.get('Content-Type') ?? '').includes('json');
    const data = isJson ? await response.json().catch(() => null) : null;
    if (!response.ok) {
        const error = new ApiError(response.status, data);
        if (response.status === 401 && !token && !path.startsWith('/api/users/login')) {
            onSessionLost(error);
        }
        throw error;
    }
    return data;
}

const mayRenew = path => !path.startsWith('/api/users/login') && !path.startsWith('/ui/session/refresh');

let renewing = null;

/**
 * Asks the Host to renew the session from its HttpOnly refresh cookie: the new session ({ id, displayName, roles,
 * expiresAt }) or null. Requests refused at the same moment share one renewal, because each refresh token works once.
 */
export function renewSession() {
    renewing ??= fetch('/ui/session/refresh', {
        method: 'POST',
        headers: { Accept: 'application/json', 'X-Requested-With': 'monolith-ui' },
        credentials: 'same-origin',
    })
        .then(response => (response.ok ? response.json() : null))
        .catch(() => null)
        .finally(() => {
            renewing = null;
        });
    return renewing;
}

async function send(path, init) {
    try {
        return await fetch(path, init);
    } catch {
        return null;
    }
}

export const get = path => call('GET', path);
export const post = (path, body, options) => call('POST', path, { ...options, body });
export const put = path => call('PUT', path);
export const patch = (path, body) => call('PATCH', path, { body });
export const del = path => call('DELETE', path);

/** Builds a query string, leaving out empty values. */
export function query(path, parameters) {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(parameters)) {
        if (value !== undefined && value !== null && value !== '') {
            search.set(name, value);
        }
    }
    const text = search.toString();
    return text ? `${path}?${text}` : path;
}

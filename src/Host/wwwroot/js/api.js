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
 * Sends one request. The X-Requested-With header is what lets the session cookie count for requests that change
 * something (the server's CSRF defence); a page on another site cannot send it.
 */
export async function call(method, path, { body, token } = {}) {
    const headers = { Accept: 'application/json', 'X-Requested-With': 'monolith-ui' };
    if (token) {
        headers.Authorization = `Bearer ${token}`;
    }
    const init = { method, headers, credentials: 'same-origin' };
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
    }

    let response;
    try {
        response = await fetch(path, init);
    } catch {
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

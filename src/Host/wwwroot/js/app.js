// The shell: routes (#/path?query), the navigation bar and focus handling between pages.
import { h, append, announce } from './dom.js';
import { whenSessionLost } from './api.js';
import * as session from './session.js';
import { renderLogIn } from './pages/login.js';
import { renderSignUp } from './pages/signup.js';
import { renderHome, renderGlobal } from './pages/timelines.js';
import { renderUser } from './pages/user.js';
import { renderUsers } from './pages/users.js';
import { renderOps } from './pages/ops.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');

const routes = [
    { pattern: /^\/login$/, render: renderLogIn },
    { pattern: /^\/signup$/, render: renderSignUp },
    { pattern: /^\/home$/, render: renderHome, signedIn: true },
    { pattern: /^\/global$/, render: renderGlobal },
    { pattern: /^\/users$/, render: renderUsers },
    { pattern: /^\/users\/([^/]+)$/, render: renderUser },
    { pattern: /^\/ops$/, render: renderOps, signedIn: true },
];

/** Goes to a route, for example navigate('/login', { id: 'alice' }). */
export function navigate(path, parameters) {
    const search = parameters ? `?${new URLSearchParams(parameters)}` : '';
    const target = `#${path}${search}`;
    if (location.hash === target) {
        render();
    } else {
        location.hash = target;
    }
}

function currentRoute() {
    const [path, search] = location.hash.replace(/^#/, '').split('?');
    return { path: path || '/', parameters: new URLSearchParams(search ?? '') };
}

function renderNav(path) {
    const me = session.user();
    const link = (href, text) => h('li', {}, h('a', { href, 'aria-current': path === href.slice(1) ? 'page' : undefined }, text));
    const items = me
        ? [
            link('#/home', 'Home'),
            link('#/global', 'Everyone'),
            link('#/users', 'People'),
            session.isAdmin() && link('#/ops', 'Operations'),
            link(`#/users/${encodeURIComponent(me.id)}`, 'Profile'),
            h('li', {}, h('button', { type: 'button', class: 'link-button', onclick: logOut }, `Log out ${me.id}`)),
        ]
        : [
            link('#/global', 'Everyone'),
            link('#/users', 'People'),
            link('#/login', 'Log in'),
            link('#/signup', 'Sign up'),
        ];
    nav.replaceChildren(...items.filter(Boolean));
}

async function logOut() {
    await session.logOut();
    announce('Logged out.');
    navigate('/login', { loggedOut: '1' });
}

let renderCount = 0;

async function render() {
    const { path, parameters } = currentRoute();
    if (path === '/') {
        navigate(session.user() ? '/home' : '/login');
        return;
    }

    const route = routes.find(r => r.pattern.test(path));
    renderNav(path);
    const rendering = ++renderCount;
    const page = h('div', { class: `page page${path.replaceAll('/', '-')}` });
    if (!route) {
        append(page, h('h1', { tabindex: '-1' }, 'Page not found'), h('p', {}, h('a', { href: '#/' }, 'Go to the start page')));
    } else if (route.signedIn && !session.user()) {
        navigate('/login', { next: path });
        return;
    } else {
        try {
            await route.render(page, { match: path.match(route.pattern), parameters, navigate });
        } catch (error) {
            page.replaceChildren(h('h1', { tabindex: '-1' }, 'Something went wrong'), h('p', { class: 'error', role: 'alert' }, error.message));
        }
    }

    // A slower earlier page must not replace the one the user went to since.
    if (rendering !== renderCount) {
        return;
    }
    main.replaceChildren(page);
    const heading = main.querySelector('h1');
    if (heading) {
        heading.setAttribute('tabindex', '-1');
        // Moving focus to the new heading tells screen-reader and keyboard users that the page changed.
        heading.focus({ preventScroll: true });
        window.scrollTo(0, 0);
        document.title = `${heading.textContent} · Monolith`;
    }
}

whenSessionLost(() => {
    if (session.user()) {
        session.forget();
        navigate('/login', { expired: '1' });
    }
});

document.getElementById('skip-link').addEventListener('click', event => {
    event.preventDefault();
    main.focus();
});

window.addEventListener('hashchange', render);
await session.restore().catch(() => null);
await render();

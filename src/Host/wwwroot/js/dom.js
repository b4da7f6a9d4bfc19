// Building elements without innerHTML: everything users write is set as text, so it can never become markup.

const svgNamespace = 'http://www.w3.org/2000/svg';

function build(element, attributes, children) {
    for (const [name, value] of Object.entries(attributes ?? {})) {
        if (value === undefined || value === null || value === false) {
            continue;
        }
        if (name.startsWith('on') && typeof value === 'function') {
            element.addEventListener(name.slice(2), value);
        } else if (name === 'text') {
            element.textContent = value;
        } else {
            element.setAttribute(name, value === true ? '' : String(value));
        }
    }
    return append(element, ...children);
}

/**
 * Adds children to an element, leaving out the ones a condition left absent (undefined, null or false), so pages can
 * write `notice && h('p', {}, notice)`. The DOM's own append would show them as the text "undefined" or "false";
 * pages add their content with this instead.
 */
export function append(parent, ...children) {
    parent.append(...children.flat().filter(child => child !== undefined && child !== null && child !== false));
    return parent;
}

/** An HTML element: h('a', { href: '#/home' }, 'Home'). */
export const h = (tag, attributes, ...children) => build(document.createElement(tag), attributes, children);

/** An SVG element, with the same arguments as h. */
export const s = (tag, attributes, ...children) => build(document.createElementNS(svgNamespace, tag), attributes, children);

/** Tells screen readers about something that changed outside the focus (posted, followed, …). */
export function announce(message) {
    const announcer = document.getElementById('announcer');
    announcer.textContent = '';
    // A fresh text node after a tick is announced even when the message repeats.
    setTimeout(() => { announcer.textContent = message; }, 50);
}

export const formatTime = iso => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const formatNumber = value => new Intl.NumberFormat().format(value);

// Operations (admins only): the Logging module's analysis as charts, and where each module runs.
import { append, h, s, formatNumber, formatTime } from '../dom.js';
import { get, ApiError } from '../api.js';
import { columnChart, barChart, shareChart } from '../charts.js';
import * as session from '../session.js';

// The modules this Host composes when nobody says otherwise (the module map endpoint is optional).
const knownModules = ['Users', 'Tweets', 'Logging'];

const percent = value => `${(100 * value).toFixed(1)}%`;
const milliseconds = value => (value >= 100 ? Math.round(value).toString() : value.toFixed(1));
const shorten = (text, length) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);
const minuteLabel = iso => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

async function settle(promise) {
    try {
        return { value: await promise };
    } catch (error) {
        return { error };
    }
}

function failed(id, title, error) {
    return h('figure', { class: 'chart', 'data-chart': id },
        h('figcaption', {}, h('h2', {}, title)),
        h('p', { class: 'error', role: 'alert' }, error.message));
}

function requestsPerMinute(result) {
    const title = 'Requests per minute';
    if (result.error) {
        return failed('requests-per-minute', title, result.error);
    }
    return columnChart({
        id: 'requests-per-minute',
        title,
        description: 'Every request the Host served, by the minute it arrived (minutes without requests are left out).',
        unit: 'requests',
        points: result.value.groups.map(g => ({
            label: minuteLabel(g.key),
            value: g.count,
            detail: `${minuteLabel(g.key)}: ${formatNumber(g.count)} requests, ${formatNumber(g.errors)} server errors`,
        })),
    });
}

function latencyByModule(result) {
    const title = 'Latency by module';
    if (result.error) {
        return failed('latency-by-module', title, result.error);
    }
    return barChart({
        id: 'latency-by-module',
        title,
        description: 'Percentiles of request duration in milliseconds: half of the requests were faster than p50, 95 in 100 faster than p95.',
        series: ['p50', 'p95', 'p99'],
        unit: 'ms',
        format: milliseconds,
        rows: result.value.groups.map(g => ({
            label: `${g.key ?? 'No module'} · ${formatNumber(g.count)} requests`,
            values: [g.p50, g.p95, g.p99],
        })),
    });
}

function topPaths(result) {
    const title = 'Top paths';
    if (result.error) {
        return failed('top-paths', title, result.error);
    }
    return barChart({
        id: 'top-paths',
        title,
        description: 'The most requested paths and how many requests each had.',
        series: ['requests'],
        unit: 'requests',
        rows: result.value.paths.map(p => ({ label: shorten(p.path, 48), values: [p.count] })),
    });
}

function errorRate(result) {
    const title = 'Error rate';
    if (result.error) {
        return failed('error-rate', title, result.error);
    }
    const report = result.value;
    return shareChart({
        id: 'error-rate',
        title,
        description: 'Server errors (5xx) among all requests; client errors (4xx) are shown apart, as they are usually the caller\'s.',
        headline: `${percent(report.errorRate)} server errors of ${formatNumber(report.total)} requests`,
        parts: [
            { kind: 'ok', label: 'Answered', value: report.total - report.clientErrors - report.serverErrors },
            { kind: 'client', label: 'Client errors', value: report.clientErrors },
            { kind: 'server', label: 'Server errors', value: report.serverErrors },
        ],
    });
}

/** A module map without the endpoint: every module in this process, with its traffic from the request log. */
function assumedModules(byModule) {
    // "Host" in the request log is the Host's own work (this UI's files, health), not a module.
    const counts = new Map((byModule.value?.groups ?? []).filter(g => g.key && g.key !== 'Host').map(g => [g.key, g]));
    const names = [...new Set([...knownModules, ...counts.keys()])];
    return names.map(name => ({
        name,
        mode: 'InProcess',
        hosted: true,
        fallback: false,
        canaryPercent: 0,
        destinations: [],
        traffic: {
            local: { requests: counts.get(name)?.count ?? 0, errors: counts.get(name)?.errors ?? 0 },
            remote: { requests: 0, errors: 0 },
            fallback: { requests: 0, errors: 0 },
        },
    }));
}

// Three kinds, each request counted once: served in-process, by an instance, or in-process because no instance
// could take it (fallback). A fallback is neither the module's own in-process share nor a remote error, so it gets
// its own part of the bar; a Host that predates the count reports none.
function trafficBar(module) {
    const none = { requests: 0, errors: 0 };
    const local = module.traffic?.local ?? none;
    const remote = module.traffic?.remote ?? none;
    const fallback = module.traffic?.fallback ?? none;
    const total = local.requests + remote.requests + fallback.requests;
    const width = count => (total === 0 ? 0 : (200 * count) / total);
    const localWidth = width(local.requests);
    const fallbackWidth = width(fallback.requests);
    // Said only when there were fallbacks, so a module that never fell back reads as simply as before.
    const fellBack = fallback.requests > 0
        ? `, ${formatNumber(fallback.requests)} fallback, served in-process as no instance could take them (${formatNumber(fallback.errors)} errors)`
        : '';
    const summary = `Traffic of ${module.name}: ${formatNumber(local.requests)} requests in-process (${formatNumber(local.errors)} errors), `
        + `${formatNumber(remote.requests)} remote (${formatNumber(remote.errors)} errors)${fellBack}.`;
    return h('div', { class: 'traffic' },
        s('svg', { viewBox: '0 0 200 12', role: 'img', 'aria-label': summary, class: 'traffic-svg', preserveAspectRatio: 'none' },
            s('rect', { class: 'track', x: 0, y: 0, width: 200, height: 12 }),
            s('rect', { class: 'bar part-local', x: 0, y: 0, width: localWidth, height: 12 }),
            s('rect', { class: 'bar part-fallback', x: localWidth, y: 0, width: fallbackWidth, height: 12 }),
            s('rect', { class: 'bar part-remote', x: localWidth + fallbackWidth, y: 0, width: total === 0 ? 0 : 200 - localWidth - fallbackWidth, height: 12 })),
        h('p', { class: 'hint' }, `In-process ${formatNumber(local.requests)} · remote ${formatNumber(remote.requests)}`
            + (fallback.requests > 0 ? ` · fallback ${formatNumber(fallback.requests)}` : '')));
}

function shadowSummary(shadow) {
    const text = `${shadow.percent}% of safe requests · ${formatNumber(shadow.compared)} compared, `
        + `${formatNumber(shadow.mismatched)} different, ${formatNumber(shadow.failed)} failed`
        + (shadow.skipped > 0 ? `, ${formatNumber(shadow.skipped)} skipped` : '');
    return shadow.mismatched > 0 ? h('span', { class: 'shadow-mismatch' }, text) : text;
}

// Where the instance was found (configured, registered, discovered, DNS), the version and module database it
// reported, and how long ago a registered one renewed its lease; a Host that predates these reports none of them.
function instanceFacts(d) {
    const facts = [
        d.sources?.length > 0 && d.sources.join(' + '),
        d.version && `version ${d.version}`,
        d.databaseId && `database ${d.databaseId}`,
        typeof d.leaseAgeSeconds === 'number' && `lease renewed ${d.leaseAgeSeconds.toFixed(1)} s ago`,
    ].filter(Boolean);
    return facts.length > 0 && h('span', { class: 'instance-facts' }, ` ${facts.join(' · ')}`);
}

function moduleCard(module) {
    const remote = module.mode === 'Remote';
    const facts = [
        ['Runs', remote ? 'Extracted (remote instances)' : 'In-process, in this Host'],
        ['Hosted here', module.hosted ? 'Yes' : 'No'],
        remote && ['In-process fallback', module.fallback ? 'Yes' : 'No'],
        module.canaryPercent > 0 && ['Canary', `${module.canaryPercent}% of requests to remote instances`],
        // Only with the RabbitMQ transport, and only for a module that handles events: elsewhere there is no such queue.
        typeof module.deadLetters === 'number' && ['Dead letters', module.deadLetters === 0
            ? 'None'
            : h('span', { class: 'dead-letters' }, `${formatNumber(module.deadLetters)} events its handlers gave up on`)],
        // Only while shadowing, or once it found something: the comparison of in-process and extracted answers.
        (module.shadow?.percent > 0 || module.shadow?.compared > 0) && ['Shadow', shadowSummary(module.shadow)],
    ].filter(Boolean);
    return h('li', { class: `module card ${remote ? 'remote' : 'local'}`, 'data-module': module.name },
        h('h3', {}, module.name, ' ', h('span', { class: `badge ${remote ? 'remote' : 'local'}` }, remote ? 'Remote' : 'In-process')),
        h('dl', { class: 'facts' }, ...facts.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value)))),
        module.destinations.length > 0 && h('ul', { class: 'destinations', 'aria-label': `Instances of ${module.name}` },
            ...module.destinations.map(d => h('li', {},
                h('span', { class: `health ${d.health.toLowerCase()}` }, d.health),
                ' ',
                h('code', {}, d.address),
                instanceFacts(d),
                // Why an instance takes no work: a failed probe, a database that is not the module's, no probe yet.
                d.reason && h('span', { class: 'reason' }, ` — ${d.reason}`)))),
        trafficBar(module));
}

function moduleMap(modulesResult, byModule) {
    const missing = modulesResult.error instanceof ApiError && modulesResult.error.status === 404;
    const section = h('section', { class: 'module-map', 'aria-labelledby': 'module-map-title', 'data-source': missing ? 'assumed' : 'reported' },
        h('h2', { id: 'module-map-title' }, 'Module map'));
    if (modulesResult.error && !missing) {
        append(section, h('p', { class: 'error', role: 'alert' }, modulesResult.error.message));
        return section;
    }
    const modules = missing ? assumedModules(byModule) : modulesResult.value.modules;
    append(section,
        h('p', { class: 'hint' }, missing
            ? 'This Host does not report a module map (GET /api/ops/modules answered 404), so every module is shown '
                + 'in-process, where this Host runs it; traffic comes from the request log.'
            : 'Where each module runs, as the Host reports it: in this process or on extracted instances, their health and the canary share.'),
        h('ul', { class: 'modules' }, ...modules.map(moduleCard)));
    return section;
}

export async function renderOps(page) {
    append(page, h('h1', { tabindex: '-1' }, 'Operations'));
    if (!session.isAdmin()) {
        append(page, h('p', { class: 'error', role: 'alert' }, 'The operations page is for admins. Ask an admin to list your user id in Modules:Users:Admins, then log in again.'));
        return;
    }

    const [perMinute, byModule, paths, rate, modules] = await Promise.all([
        settle(get('/api/logs/stats?by=minute&limit=60')),
        settle(get('/api/logs/stats?by=module')),
        settle(get('/api/logs/top-paths?limit=8')),
        settle(get('/api/logs/error-rate')),
        settle(get('/api/ops/modules')),
    ]);
    const span = rate.value ?? perMinute.value;
    const refresh = h('button', {
        type: 'button',
        onclick: async () => {
            const fresh = h('div');
            await renderOps(fresh);
            page.replaceChildren(...fresh.childNodes);
            page.querySelector('h1')?.focus();
        },
    }, 'Refresh');

    append(page,
        h('div', { class: 'toolbar' },
            h('p', { class: 'lead' }, span ? `The last hour: ${formatTime(span.from)} to ${formatTime(span.to)}.` : 'The last hour.'),
            refresh),
        moduleMap(modules, byModule),
        h('div', { class: 'charts' },
            requestsPerMinute(perMinute),
            errorRate(rate),
            latencyByModule(byModule),
            topPaths(paths)));
}

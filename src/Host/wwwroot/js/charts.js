// Small charts in plain SVG. Each is a <figure> whose SVG has a text summary for screen readers and a <title>
// on every bar, so the numbers behind a bar are one hover or one focus away.
import { h, s, formatNumber } from './dom.js';

// Drawn narrower on a phone, so that the text in a chart, which scales with it, stays readable there.
const chartWidth = () => (window.matchMedia('(max-width: 40rem)').matches ? 360 : 640);

function figure(id, title, description, content) {
    return h('figure', { class: 'chart', 'data-chart': id },
        h('figcaption', {}, h('h2', {}, title), description && h('p', { class: 'hint' }, description)),
        content);
}

function emptyFigure(id, title, description) {
    return figure(id, title, description, h('p', { class: 'empty', 'data-empty': 'true' }, 'No requests in this window yet.'));
}

function chartSvg(id, width, height, summary, ...children) {
    return s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${id}-summary`, class: 'chart-svg' },
        s('title', { id: `${id}-summary` }, summary),
        ...children);
}

/** A round upper bound for an axis: 1, 2 or 5 times a power of ten. */
function niceMax(value) {
    if (value <= 0) {
        return 1;
    }
    const power = 10 ** Math.floor(Math.log10(value));
    return [1, 2, 5, 10].map(f => f * power).find(candidate => candidate >= value);
}

/** Vertical columns over time, for example requests per minute. points: [{ label, value, detail }]. */
export function columnChart({ id, title, description, points, unit }) {
    if (points.length === 0) {
        return emptyFigure(id, title, description);
    }
    const width = chartWidth();
    const height = 240;
    const left = 48;
    const bottom = 28;
    const top = 12;
    const plotWidth = width - left - 8;
    const plotHeight = height - top - bottom;
    const max = niceMax(Math.max(...points.map(p => p.value)));
    const slot = plotWidth / points.length;
    const barWidth = Math.min(48, Math.max(1, slot * 0.75));
    const y = value => top + plotHeight - (value / max) * plotHeight;
    const labelEvery = Math.ceil(points.length / 8);

    const grid = [0, max / 2, max].map(value => s('g', { class: 'grid' },
        s('line', { x1: left, x2: width - 8, y1: y(value), y2: y(value) }),
        s('text', { x: left - 6, y: y(value) + 4, 'text-anchor': 'end' }, formatNumber(value))));
    const bars = points.map((point, i) => {
        const x = left + i * slot + (slot - barWidth) / 2;
        return s('g', {},
            s('rect', { class: 'bar series-0', x, y: y(point.value), width: barWidth, height: Math.max(0, top + plotHeight - y(point.value)) },
                s('title', {}, point.detail ?? `${point.label}: ${formatNumber(point.value)} ${unit}`)),
            i % labelEvery === 0 && s('text', { class: 'axis-label', x: x + barWidth / 2, y: height - 8, 'text-anchor': 'middle' }, point.label));
    });
    const total = points.reduce((sum, p) => sum + p.value, 0);
    const summary = `${title}: ${points.length} bars from ${points[0].label} to ${points.at(-1).label}, ${formatNumber(total)} ${unit} in all, at most ${formatNumber(Math.max(...points.map(p => p.value)))}.`;
    return figure(id, title, description, chartSvg(id, width, height, summary, ...grid, ...bars));
}

/**
 * Horizontal bars in rows, each row a label above one bar per series. rows: [{ label, values: [number|null] }];
 * series: names of the values, drawn in order with a legend when there is more than one.
 */
export function barChart({ id, title, description, rows, series, unit, format = formatNumber }) {
    if (rows.length === 0) {
        return emptyFigure(id, title, description);
    }
    const width = chartWidth();
    const barHeight = 12;
    const rowHeight = 20 + series.length * (barHeight + 4);
    const legendHeight = series.length > 1 ? 24 : 0;
    const height = legendHeight + rows.length * rowHeight + 4;
    const valueSpace = 90;
    const max = niceMax(Math.max(...rows.flatMap(r => r.values.filter(v => v !== null))));
    const scale = value => ((width - valueSpace) * value) / max;

    const legend = series.length > 1
        ? series.map((name, i) => s('g', { class: 'legend' },
            s('rect', { class: `series-${i}`, x: i * 80, y: 4, width: 14, height: 14 }),
            s('text', { x: i * 80 + 20, y: 16 }, name)))
        : [];
    const groups = rows.map((row, r) => {
        const top = legendHeight + r * rowHeight;
        return s('g', { class: 'row' },
            s('text', { class: 'row-label', x: 0, y: top + 14 }, row.label),
            ...row.values.map((value, i) => {
                const y = top + 20 + i * (barHeight + 4);
                const text = value === null ? 'no data' : `${format(value)}${unit ? ` ${unit}` : ''}`;
                return s('g', {},
                    s('rect', { class: `bar series-${i}`, x: 0, y, width: Math.max(value === null ? 0 : 2, scale(value ?? 0)), height: barHeight },
                        s('title', {}, `${row.label}, ${series[i]}: ${text}`)),
                    s('text', { class: 'value', x: scale(value ?? 0) + 6, y: y + barHeight - 2 }, text));
            }));
    });
    const summary = `${title}: ${rows.map(r => `${r.label} ${r.values.map((v, i) => `${series[i]} ${v === null ? 'no data' : format(v)}`).join(', ')}`).join('; ')}.`;
    return figure(id, title, description, chartSvg(id, width, height, summary, ...legend, ...groups));
}

/** One stacked bar of parts of a whole (successes, client errors, server errors) under a headline number. */
export function shareChart({ id, title, description, headline, parts }) {
    const total = parts.reduce((sum, p) => sum + p.value, 0);
    if (total === 0) {
        return emptyFigure(id, title, description);
    }
    const width = chartWidth();
    const height = 92;
    let x = 0;
    const segments = parts.map(part => {
        const segmentWidth = (width * part.value) / total;
        const segment = s('rect', { class: `bar part-${part.kind}`, x, y: 0, width: segmentWidth, height: 28 },
            s('title', {}, `${part.label}: ${formatNumber(part.value)} (${(100 * part.value / total).toFixed(1)}%)`));
        x += segmentWidth;
        return segment;
    });
    const legend = parts.map((part, i) => s('g', { class: 'legend' },
        s('rect', { class: `part-${part.kind}`, x: (i * width) / parts.length, y: 44, width: 14, height: 14 }),
        s('text', { x: (i * width) / parts.length + 20, y: 56 }, `${part.label}: ${formatNumber(part.value)}`)));
    const summary = `${title}: ${headline}. ${parts.map(p => `${p.label} ${formatNumber(p.value)}`).join(', ')}.`;
    return figure(id, title, description, h('div', {},
        h('p', { class: 'headline' }, headline),
        chartSvg(id, width, height, summary, ...segments, ...legend)));
}

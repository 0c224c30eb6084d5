// One lab term over time as an inline SVG: CTCAE grade bands behind the values, cycle starts as
// vertical lines, each point coloured by its grade and carrying the grade as text.
import { h, s } from './dom.js';
import { dateText, dateTimeText, unitText } from './wording.js';

const W = 960;
const H = 300;
const M = { top: 30, right: 56, bottom: 40, left: 70 };
const DAY = 86_400_000;

/** 1, 2, 2.5 or 5 × 10^n: ticks people can read. */
function niceStep(raw) {
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * power;
}

function numberText(v) {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
}

function yDomain(values, limits, bands) {
  // With bands, the reference limit that matters is a band edge already (LLN for a decrease,
  // ULN for an increase); the other one would only squash the bands, so it is left out.
  const edges = bands.flatMap((b) => [b.from, b.to]).filter(Number.isFinite);
  let lo = Math.min(0, ...values);
  let hi = Math.max(...values, ...(bands.length ? edges.filter((v) => v <= Math.max(...values) * 2) : limits));
  // Show where the next band above the data starts, unless it is far off (ALT grade 4 at 20 × ULN).
  const above = edges.filter((v) => v > hi).sort((a, b) => a - b)[0];
  if (above !== undefined && above <= hi * 2) hi = above;
  if (hi <= lo) hi = lo + 1;
  return [lo, hi + (hi - lo) * 0.08];
}

function xDomain(times, cycleStarts) {
  let tMax = Math.max(...times);
  let tMin = Math.min(...times, ...cycleStarts.filter((t) => t <= tMax));
  if (tMax - tMin < DAY) { tMin -= DAY; tMax += DAY; }
  const pad = (tMax - tMin) * 0.03;
  return [tMin - pad, tMax + pad];
}

function dayTicks(tMin, tMax) {
  const spanDays = (tMax - tMin) / DAY;
  const step = [1, 2, 7, 14, 28, 56].find((d) => spanDays / d <= 7) ?? Math.ceil(spanDays / 7);
  const ticks = [];
  for (let t = Math.ceil(tMin / DAY) * DAY; t <= tMax; t += step * DAY) ticks.push(t);
  return ticks;
}

/** LOWER_BOUND: a censored value ("<0.1") shows at least this grade. */
function gradeShort(p) {
  if (p.grade === null || p.grade === undefined) return '—';
  return `${p.status === 'LOWER_BOUND' ? '≥' : ''}G${p.grade}`;
}

function gradeWords(p) {
  if (p.grade === null || p.grade === undefined) return p.status === 'NOT_GRADABLE' ? 'not gradable' : 'not graded';
  return `${p.status === 'LOWER_BOUND' ? 'at least ' : ''}grade ${p.grade}`;
}

/**
 * @param lab {term, analyte, unit, points: [{effectiveTime, value, grade, status, cycleNumber, lowerLimit, upperLimit}],
 *            bands: [{grade, from, to, basis, nciText}], bandsMeasuredAgainst}
 * @param cycles [{number, plannedStart}] of the patient's courses
 */
export function labChart(lab, cycles) {
  const unit = unitText(lab.unit);
  const points = (lab.points ?? [])
    .filter((p) => p.value !== null && p.value !== undefined && p.effectiveTime)
    .map((p) => ({ ...p, t: Date.parse(p.effectiveTime), v: Number(p.value) }))
    .sort((a, b) => a.t - b.t);
  const title = `${lab.term}${lab.analyte ? ` — ${lab.analyte}` : ''}${unit ? ` (${unit})` : ''}`;
  if (!points.length) {
    return h('figure', { class: 'lab-chart' }, h('figcaption', {}, title), h('p', { class: 'empty' }, 'No values.'));
  }
  const latest = points[points.length - 1];
  const bands = (lab.bands ?? []).map((b) => {
    const from = b.from ?? -Infinity;
    const to = b.to ?? Infinity;
    return { grade: b.grade, from: Math.min(from, to), to: Math.max(from, to), basis: b.basis, nciText: b.nciText };
  });
  const limits = [latest.lowerLimit, latest.upperLimit].filter((v) => v !== null && v !== undefined).map(Number);
  const cycleStarts = cycles
    .filter((c) => c.plannedStart)
    .map((c) => ({ number: c.number, t: Date.parse(c.plannedStart) }));
  const [lo, hi] = yDomain(points.map((p) => p.v), limits, bands);
  const [tMin, tMax] = xDomain(points.map((p) => p.t), cycleStarts.map((c) => c.t));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const x = (t) => M.left + ((t - tMin) / (tMax - tMin)) * plotW;
  const y = (v) => M.top + (1 - (v - lo) / (hi - lo)) * plotH;

  const svg = s('svg', {
    viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img',
    'aria-label': `${title}: ${points.length} values from ${dateText(points[0].effectiveTime)} to ${dateText(latest.effectiveTime)}, latest ${numberText(latest.v)} ${unit}, ${gradeWords(latest)}`,
  });

  // grade bands, clipped to what the axis shows; labels nudged apart when bands are thin
  const labels = [];
  for (const band of bands) {
    const top = Math.min(band.to, hi);
    const bottom = Math.max(band.from, lo);
    if (top <= bottom) continue;
    const y1 = y(top);
    const y2 = y(bottom);
    const range = `${Number.isFinite(band.from) ? numberText(band.from) : '…'} – ${Number.isFinite(band.to) ? numberText(band.to) : '…'} ${unit}`;
    svg.append(s('rect', { class: `band band-${band.grade}`, x: M.left, y: y1, width: plotW, height: y2 - y1 },
      s('title', {}, `Grade ${band.grade}: ${range}${band.nciText ? ` (CTCAE: ${band.nciText})` : ''}`)));
    labels.push({ grade: band.grade, y: (y1 + y2) / 2 + 5 });
  }
  labels.sort((a, b) => a.y - b.y).forEach((label, i) => {
    if (i > 0) label.y = Math.max(label.y, labels[i - 1].y + 16);
    svg.append(s('text', { class: `band-label band-label-${label.grade}`, x: W - M.right + 6, y: label.y }, `G${label.grade}`));
  });

  // axes and grid
  const step = niceStep((hi - lo) / 5);
  for (let i = Math.ceil(lo / step); i * step <= hi; i += 1) {
    const v = i * step;
    svg.append(
      s('line', { class: 'grid', x1: M.left, x2: W - M.right, y1: y(v), y2: y(v) }),
      s('text', { class: 'tick', x: M.left - 8, y: y(v) + 5, 'text-anchor': 'end' }, numberText(v)));
  }
  for (const t of dayTicks(tMin, tMax)) {
    svg.append(s('text', { class: 'tick', x: x(t), y: H - M.bottom + 22, 'text-anchor': 'middle' },
      new Date(t).toLocaleDateString([], { day: '2-digit', month: 'short' })));
  }
  svg.append(
    s('rect', { class: 'frame', x: M.left, y: M.top, width: plotW, height: plotH }),
    s('text', { class: 'axis-title', x: 14, y: M.top + plotH / 2, transform: `rotate(-90 14 ${M.top + plotH / 2})`, 'text-anchor': 'middle' }, unit));

  // reference limits of the latest result
  for (const [name, value] of [['LLN', latest.lowerLimit], ['ULN', latest.upperLimit]]) {
    if (value === null || value === undefined || value < lo || value > hi) continue;
    svg.append(
      s('line', { class: 'limit', x1: M.left, x2: W - M.right, y1: y(value), y2: y(value) }),
      s('text', { class: 'limit-label', x: M.left + 6, y: y(value) - 5 }, `${name} ${numberText(Number(value))}`));
  }

  // cycle starts
  for (const c of cycleStarts) {
    if (c.t < tMin || c.t > tMax) continue;
    svg.append(
      s('line', { class: 'cycle-line', x1: x(c.t), x2: x(c.t), y1: M.top - 6, y2: M.top + plotH },
        s('title', {}, `Cycle ${c.number} planned start ${dateText(c.t)}`)),
      s('text', { class: 'cycle-label', x: x(c.t) + 4, y: M.top - 10 }, `C${c.number}`));
  }

  svg.append(s('polyline', { class: 'series', points: points.map((p) => `${x(p.t)},${y(p.v)}`).join(' ') }));
  const labelled = points.length <= 40;
  for (const p of points) {
    const grade = p.grade ?? 'na';
    const tip = `${dateTimeText(p.effectiveTime)}: ${numberText(p.v)} ${unit}, ${gradeWords(p)}`
      + `${p.cycleNumber ? `, cycle ${p.cycleNumber}` : ''}`;
    svg.append(s('g', { class: `point grade-${grade}` },
      s('title', {}, tip),
      s('circle', { cx: x(p.t), cy: y(p.v), r: 7 }),
      labelled && p.grade !== null && p.grade !== undefined
        ? s('text', { class: 'point-label', x: x(p.t), y: y(p.v) - 12, 'text-anchor': 'middle' }, gradeShort(p))
        : null));
  }

  const againstBaseline = bands.some((b) => String(b.basis ?? '').toUpperCase() === 'BASELINE');
  const bandNote = !bands.length
    ? 'No grade bands for this term: each point shows its own grade.'
    : `CTCAE grade bands measured against ${lab.bandsMeasuredAgainst ?? "the latest result's reference range"}`
      + (againstBaseline ? ": the patient's abnormal baseline, not the ULN/LLN, as in the grading." : '.');

  return h('figure', { class: 'lab-chart' },
    h('figcaption', {}, h('strong', {}, lab.term), lab.analyte ? ` — ${lab.analyte}` : '', unit ? ` (${unit})` : ''),
    svg,
    h('p', { class: 'chart-note' }, bandNote),
    h('details', { class: 'chart-table' },
      h('summary', {}, 'Values as a table'),
      h('table', {},
        h('thead', {}, h('tr', {}, h('th', {}, 'Taken'), h('th', {}, 'Value'), h('th', {}, 'Grade'), h('th', {}, 'Cycle'))),
        h('tbody', {}, points.map((p) => h('tr', {},
          h('td', {}, dateTimeText(p.effectiveTime)),
          h('td', { class: 'num' }, `${numberText(p.v)} ${unit}`),
          h('td', {}, h('span', { class: `grade-chip grade-${p.grade ?? 'na'}` }, gradeShort(p)), ' ', gradeWords(p)),
          h('td', {}, p.cycleNumber ?? '—')))))));
}

// Ward view: the open alerts of one ward, most severe first, kept current by the alert stream.
import { actionButtons } from './actions.js';
import { api } from './api.js';
import { auditList } from './audit.js';
import { h, replaceChildren } from './dom.js';
import { startSession } from './session.js';
import { AlertStream } from './stream.js';
import {
  OPEN_STATES, actionWithDose, doseText, elapsed, gradeText, patientHref, severityChip, severityOf,
  timeEl, valueText,
} from './wording.js';

const NEW_FOR_MS = 5 * 60_000; // how long a live arrival wears its NEW badge
const NOTE_FOR_MS = 60_000;

const list = document.getElementById('alerts');
const cards = new Map(); // alertId → AlertCard shown
const rows = new Map(); // alertId → <li>
const seen = new Map(); // alertId → highest seq applied, also for alerts no longer shown
const arrivedAt = new Map(); // alertId → when it arrived live
const notes = new Map(); // alertId → {text, kind, until}
const expanded = new Set();
let stream = null;
let retryTimer = null;
let auditTimer = null;
let running = false;

function currentWard() {
  return new URLSearchParams(location.search).get('ward') ?? '';
}

function newestFirst(a, b) {
  return (Date.parse(b.openedAt ?? b.effectiveTime) || 0) - (Date.parse(a.openedAt ?? a.effectiveTime) || 0);
}

function byUrgency(a, b) {
  return (b.severity ?? 0) - (a.severity ?? 0) || newestFirst(a, b) || String(a.alertId).localeCompare(b.alertId);
}

function setConnection(status, detail) {
  const el = document.querySelector('[data-testid="connection"]');
  el.textContent = status;
  el.dataset.status = status;
  document.getElementById('connection-detail').textContent = detail ?? '';
}

function note(alertId, text, kind) {
  notes.set(alertId, { text, kind, until: Date.now() + NOTE_FOR_MS });
  if (cards.has(alertId)) renderRow(alertId);
}

function afterAction() {
  loadAudit();
}

function rowFor(card) {
  const id = card.alertId;
  const isOpen = expanded.has(id);
  const isNew = arrivedAt.has(id) && Date.now() - arrivedAt.get(id) < NEW_FOR_MS;
  const message = notes.get(id);
  const dose = doseText(card.recommendedDose);
  const state = String(card.state ?? '').toLowerCase();
  return h('li', {
    class: `alert-row sev-${severityOf(card).level} state-${state}${card.escalationLevel > 0 ? ' escalated' : ''}${isNew ? ' is-new' : ''}`,
    'data-testid': 'alert-row',
    'data-alert-id': id,
    'data-state': card.state,
  },
  h('div', { class: 'sev-cell' },
    severityChip(card, 'severity-big'),
    isNew ? h('span', { class: 'new-badge' }, 'NEW') : null),
  h('div', { class: 'main-cell' },
    h('div', { class: 'headline' },
      h('a', { class: 'patient', href: patientHref(card.patientId, currentWard()), title: 'Open the patient view' }, card.patientId),
      h('span', { class: 'drug' }, card.drug),
      h('span', { class: 'action-text' }, actionWithDose(card)),
      card.cycleNumber ? h('span', { class: 'cycle' }, `cycle ${card.cycleNumber}`) : null,
      !currentWard() && card.ward ? h('span', { class: 'ward-tag' }, `ward ${card.ward}`) : null),
    card.term ? h('div', { class: 'finding' },
      h('span', { class: `grade-chip grade-${card.grade ?? 'na'}` }, card.grade !== null && card.grade !== undefined ? `G${card.grade}` : '—'),
      ' ', gradeText(card),
      card.value !== null && card.value !== undefined ? h('span', { class: 'value' }, ` · ${valueText(card.value, card.unit)}`) : null)
      : null,
    h('p', { class: `why${isOpen ? ' expanded' : ''}`, id: `why-${id}` }, card.explanation ?? ''),
    isOpen ? h('dl', { class: 'details' },
      card.resumeWhen ? [h('dt', {}, 'Resume when'), h('dd', {}, card.resumeWhen)] : null,
      dose ? [h('dt', {}, 'Recommended dose'), h('dd', {}, dose)] : null,
      h('dt', {}, 'Lab result taken'), h('dd', {}, timeEl(card.effectiveTime)),
      h('dt', {}, 'Alert opened'), h('dd', {}, timeEl(card.openedAt)),
      card.revision > 1 ? [h('dt', {}, 'Revision'), h('dd', {}, `${card.revision} (worsened since first raised)`)] : null)
      : null,
    h('div', { class: 'rule' },
      h('button', {
        type: 'button', class: 'link toggle-why', 'aria-expanded': String(isOpen), 'aria-controls': `why-${id}`,
        onclick: () => { if (expanded.has(id)) expanded.delete(id); else expanded.add(id); renderRow(id); },
      }, isOpen ? 'Less' : 'Why? Full explanation'),
      h('span', { class: 'rule-id' }, 'Rule ', h('code', {}, card.ruleId ?? '?')),
      card.ruleSource ? h('span', { class: 'rule-source' }, card.ruleSource) : null,
      card.ruleVerified === false
        ? h('span', { class: 'badge-unverified', title: 'Rule not verified against its source: check the label before acting' }, 'UNVERIFIED')
        : null)),
  h('div', { class: 'status-cell' },
    h('div', { class: 'since' },
      h('span', { class: 'since-value', 'data-since': card.effectiveTime }, elapsed(card.effectiveTime)),
      h('span', { class: 'since-label' }, ' since the lab result')),
    h('div', { class: `state-text state-${state}` }, card.state),
    card.escalationLevel > 0 ? h('div', { class: 'escalation' }, `escalated ${card.escalationLevel}×`) : null),
  h('div', { class: 'action-cell' },
    actionButtons(card, note, afterAction),
    message ? h('p', { class: `note note-${message.kind}`, role: message.kind === 'error' ? 'alert' : 'status' }, message.text) : null));
}

function renderRow(id) {
  const card = cards.get(id);
  const old = rows.get(id);
  if (!card) {
    old?.remove();
    rows.delete(id);
    return;
  }
  const fresh = rowFor(card);
  rows.set(id, fresh);
  if (old) old.replaceWith(fresh);
  else list.append(fresh);
}

/** Puts rows in urgency order; append() moves existing nodes, so nothing is rebuilt. */
function reorder() {
  const ordered = [...cards.values()].sort(byUrgency);
  ordered.forEach((card, index) => {
    const row = rows.get(card.alertId);
    if (list.children[index] !== row) list.insertBefore(row, list.children[index] ?? null);
  });
  summarise();
}

function summarise() {
  const all = [...cards.values()];
  const unacknowledged = all.filter((c) => c.state === 'OPEN').length;
  const ward = currentWard();
  document.getElementById('no-alerts').hidden = all.length > 0;
  document.getElementById('no-alerts').textContent = ward ? `No open alerts on ward ${ward}.` : 'No open alerts.';
  document.getElementById('alert-summary').textContent = all.length
    ? `${all.length} open · ${unacknowledged} not acknowledged`
    : '';
  document.title = `${unacknowledged ? `(${unacknowledged}) ` : ''}ToxWatch — ${ward ? `ward ${ward}` : 'all wards'}`;
  const known = new Set([...all.map((c) => c.ward).filter(Boolean), ...[...document.querySelectorAll('#wards option')].map((o) => o.value)]);
  replaceChildren(document.getElementById('wards'), [...known].sort().map((w) => h('option', { value: w })));
}

/** Insert, replace or remove one alert by id; older or repeated changes are ignored. */
function apply(card, live) {
  const id = card.alertId;
  if (!id) return;
  const seq = Number(card.seq ?? 0);
  if (seen.has(id) && seen.get(id) >= seq) return;
  seen.set(id, seq);
  const ward = currentWard();
  const shown = OPEN_STATES.includes(card.state) && (!ward || card.ward === ward);
  if (!shown) {
    cards.delete(id);
    notes.delete(id);
    renderRow(id);
    summarise();
    return;
  }
  if (live && !cards.has(id)) {
    arrivedAt.set(id, Date.now());
    document.getElementById('announce').textContent = `New alert: ${severityOf(card).word} ${card.drug} for ${card.patientId}`;
  }
  cards.set(id, card);
  renderRow(id);
  reorder();
}

async function loadAudit() {
  clearTimeout(auditTimer);
  try {
    const entries = await api('api/audit?limit=20');
    replaceChildren(document.getElementById('audit'), auditList(entries, { ward: currentWard() }));
  } catch (error) {
    if (error.status === 401) return;
    replaceChildren(document.getElementById('audit'), h('p', { class: 'problem' }, `Audit not loaded: ${error.message}`));
  }
  if (running) auditTimer = setTimeout(loadAudit, 60_000);
}

let auditSoon = null;
function loadAuditSoon() {
  clearTimeout(auditSoon);
  auditSoon = setTimeout(loadAudit, 1500);
}

async function start() {
  stop();
  running = true;
  const ward = currentWard();
  document.getElementById('ward').value = ward;
  document.getElementById('ward-title').textContent = ward ? `Ward ${ward}` : 'All wards';
  setConnection('connecting', 'loading alerts');
  const problem = document.getElementById('load-problem');
  let snapshot;
  try {
    const params = new URLSearchParams({ view: 'open' });
    if (ward) params.set('ward', ward);
    snapshot = await api(`api/alerts?${params}`);
  } catch (error) {
    if (error.status === 401 || !running) return;
    problem.hidden = false;
    problem.textContent = `Alerts could not be loaded: ${error.message} Trying again in 5 s.`;
    setConnection('offline', 'retrying in 5 s');
    retryTimer = setTimeout(start, 5000);
    return;
  }
  problem.hidden = true;
  for (const card of snapshot.alerts ?? []) apply(card, false);
  summarise();
  loadAudit();
  stream = new AlertStream({
    ward,
    after: snapshot.asOf ?? 0,
    onCard: (card) => { apply(card, true); loadAuditSoon(); },
    onStatus: setConnection,
  }).start();
}

function stop() {
  running = false;
  stream?.stop();
  stream = null;
  clearTimeout(retryTimer);
  clearTimeout(auditTimer);
  clearTimeout(auditSoon);
  for (const map of [cards, rows, seen, arrivedAt, notes]) map.clear();
  list.replaceChildren();
  setConnection('offline', '');
}

/** Once a minute is not enough for "x min since": every 15 s keeps it honest within a minute. */
function tick() {
  const now = Date.now();
  for (const el of document.querySelectorAll('[data-since]')) el.textContent = elapsed(el.dataset.since, now);
  document.getElementById('clock').textContent = new Date(now).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  for (const [id, at] of arrivedAt) {
    if (now - at >= NEW_FOR_MS) { arrivedAt.delete(id); renderRow(id); }
  }
  for (const [id, n] of notes) {
    if (now >= n.until) { notes.delete(id); renderRow(id); }
  }
}

document.getElementById('ward-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const ward = document.getElementById('ward').value.trim();
  const params = new URLSearchParams(location.search);
  if (ward) params.set('ward', ward); else params.delete('ward');
  const query = params.toString();
  history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}`);
  start();
});

setInterval(tick, 15_000);
tick();
startSession(start, stop);

// Patient view: lab values against their grade bands, worst grade per cycle, dose levels, and
// every alert with what happened to it. Reloaded whenever the stream reports a change for
// this patient, so an oncologist reviewing the chart sees a new alert arrive.
import { actionButtons } from './actions.js';
import { api } from './api.js';
import { auditList } from './audit.js';
import { labChart } from './chart.js';
import { h, replaceChildren } from './dom.js';
import { startSession } from './session.js';
import { AlertStream } from './stream.js';
import {
  OPEN_STATES, actionWithDose, dateText, doseLevelText, gradeText, severityChip, stateText, timeEl,
  valueText,
} from './wording.js';

const params = new URLSearchParams(location.search);
const patientId = params.get('id') ?? '';
const fromWard = params.get('ward') ?? '';
const notes = new Map(); // alertId → {text, kind}
let stream = null;
let running = false;
let reloadTimer = null;
let retryTimer = null;

function setConnection(status, detail) {
  const el = document.querySelector('[data-testid="connection"]');
  el.textContent = status;
  el.dataset.status = status;
  document.getElementById('connection-detail').textContent = detail ?? '';
}

function gradeChip(grade) {
  const known = grade !== null && grade !== undefined;
  return h('span', { class: `grade-chip grade-${known ? grade : 'na'}` }, known ? `G${grade}` : '—');
}

function worstGradeTable(course) {
  const rows = course.worstGradePerCycle ?? [];
  if (!rows.length) return h('p', { class: 'empty' }, 'No graded results yet.');
  const cycles = [...new Set([...(course.cycles ?? []).map((c) => c.number), ...rows.map((r) => r.cycle)])]
    .filter((c) => c !== null && c !== undefined)
    .sort((a, b) => a - b);
  const terms = [...new Set(rows.map((r) => r.term))].sort();
  const gradeAt = new Map(rows.map((r) => [`${r.term}|${r.cycle}`, r.grade]));
  return h('table', { class: 'grid-table' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Term'), cycles.map((c) => h('th', { scope: 'col' }, `Cycle ${c}`)))),
    h('tbody', {}, terms.map((term) => h('tr', {},
      h('th', { scope: 'row' }, term),
      cycles.map((c) => h('td', {}, gradeAt.has(`${term}|${c}`) ? gradeChip(gradeAt.get(`${term}|${c}`)) : '·'))))));
}

function doseHistoryTable(course) {
  const history = [...(course.doseHistory ?? [])]
    .sort((a, b) => a.drug.localeCompare(b.drug) || Date.parse(a.since) - Date.parse(b.since));
  if (!history.length) return h('p', { class: 'empty' }, 'No dose levels recorded.');
  return h('table', { class: 'grid-table' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Drug'), h('th', { scope: 'col' }, 'Dose level'), h('th', { scope: 'col' }, 'Since'))),
    h('tbody', {}, history.map((entry, i) => {
      const current = history[i + 1]?.drug !== entry.drug;
      return h('tr', { class: current ? 'current' : '' },
        h('td', {}, entry.drug),
        h('td', {}, doseLevelText(entry.level), current ? h('span', { class: 'tag' }, 'current') : null),
        h('td', {}, timeEl(entry.since)));
    })));
}

function transitionList(transitions) {
  if (!transitions?.length) return null;
  return h('ol', { class: 'transitions' },
    [...transitions].sort((a, b) => a.sequence - b.sequence).map((t) => h('li', { class: `transition transition-${String(t.transition).toLowerCase()}` },
      timeEl(t.at), ' ',
      h('strong', {}, t.transition),
      t.fromState ? ` ${t.fromState} → ${t.toState}` : ` → ${t.toState}`,
      t.actor ? ` by ${t.actor}` : '',
      t.escalationLevel > 0 ? ` · escalation level ${t.escalationLevel}` : '',
      t.reason ? h('div', { class: 'transition-reason' }, `Reason: ${t.reason}`) : null)));
}

function note(alertId, text, kind) {
  notes.set(alertId, { text, kind, until: Date.now() + 60_000 });
  scheduleReload(0);
}

function alertItem(alert, audit) {
  const open = OPEN_STATES.includes(alert.state);
  const noted = notes.get(alert.alertId);
  const message = noted && noted.until > Date.now() ? noted : null;
  const entries = audit.filter((e) => e.alertId === alert.alertId);
  return h('li', {
    class: `timeline-alert state-${String(alert.state).toLowerCase()}${open ? ' is-open' : ''}`,
    'data-alert-id': alert.alertId, 'data-state': alert.state,
  },
  h('div', { class: 'timeline-head' },
    severityChip(alert),
    h('span', { class: 'drug' }, alert.drug),
    h('span', { class: 'action-text' }, actionWithDose(alert)),
    alert.cycleNumber ? h('span', { class: 'cycle' }, `cycle ${alert.cycleNumber}`) : null,
    h('span', { class: `state-text state-${String(alert.state).toLowerCase()}` }, stateText(alert))),
  alert.term ? h('div', { class: 'finding' }, gradeChip(alert.grade), ' ', gradeText(alert),
    alert.value !== null && alert.value !== undefined ? ` · ${valueText(alert.value, alert.unit)}` : '',
    ' · lab taken ', timeEl(alert.effectiveTime)) : null,
  h('p', { class: 'why expanded' }, alert.explanation ?? ''),
  alert.resumeWhen ? h('p', { class: 'resume' }, `Resume when: ${alert.resumeWhen}`) : null,
  h('div', { class: 'rule' },
    h('span', { class: 'rule-id' }, 'Rule ', h('code', {}, alert.ruleId ?? '?')),
    alert.ruleSource ? h('span', { class: 'rule-source' }, alert.ruleSource) : null,
    alert.ruleVerified === false ? h('span', { class: 'badge-unverified' }, 'UNVERIFIED') : null,
    alert.revision > 1 ? h('span', { class: 'tag' }, `revision ${alert.revision}`) : null),
  open ? h('div', { class: 'action-cell inline' },
    actionButtons(alert, note, () => scheduleReload(0)),
    message ? h('p', { class: `note note-${message.kind}`, role: message.kind === 'error' ? 'alert' : 'status' }, message.text) : null)
    : null,
  h('div', { class: 'history' },
    h('h4', {}, 'What happened'),
    transitionList(alert.transitions) ?? h('p', { class: 'empty' }, 'No transitions recorded.'),
    entries.length ? [h('h4', {}, 'Ward actions (audit)'), auditList(entries, { showPatient: false })] : null));
}

function render(patient, audit) {
  document.getElementById('patient-title').textContent = `Patient ${patient.patientId}`;
  document.getElementById('patient-ward').textContent = patient.ward ? `ward ${patient.ward}` : 'no ward';
  document.title = `ToxWatch — ${patient.patientId}`;
  const courses = patient.courses ?? [];
  const cycles = courses.flatMap((c) => c.cycles ?? []);
  const alerts = [...(patient.alerts ?? [])].sort((a, b) => Date.parse(a.openedAt) - Date.parse(b.openedAt));
  const openAlerts = alerts.filter((a) => OPEN_STATES.includes(a.state));

  document.getElementById('open-count').textContent = openAlerts.length
    ? `${openAlerts.length} open alert${openAlerts.length > 1 ? 's' : ''}`
    : 'no open alerts';
  replaceChildren(document.getElementById('labs'),
    (patient.labs ?? []).length
      ? patient.labs.map((lab) => labChart(lab, cycles))
      : h('p', { class: 'empty' }, 'No lab results yet.'));
  replaceChildren(document.getElementById('courses'), courses.map((course) => h('section', { class: 'course' },
    h('h3', {}, `${course.regimen ?? 'Course'} `, h('span', { class: 'muted' }, `(${course.courseId}`,
      course.cycles?.length ? `, cycle 1 planned ${dateText(course.cycles[0].plannedStart)}` : '', ')')),
    h('div', { class: 'course-tables' },
      h('div', {}, h('h4', {}, 'Worst grade per cycle'), worstGradeTable(course)),
      h('div', {}, h('h4', {}, 'Dose-level history'), doseHistoryTable(course))))));
  replaceChildren(document.getElementById('timeline'),
    alerts.length
      ? h('ol', { class: 'timeline' }, alerts.map((a) => alertItem(a, audit)))
      : h('p', { class: 'empty' }, 'No alerts for this patient.'));
  const unlinked = audit.filter((e) => !e.alertId || !alerts.some((a) => a.alertId === e.alertId));
  replaceChildren(document.getElementById('other-audit'),
    unlinked.length ? [h('h3', {}, 'Other ward actions'), auditList(unlinked, { showPatient: false })] : null);
}

async function load() {
  const problem = document.getElementById('load-problem');
  try {
    const [patient, audit] = await Promise.all([
      api(`api/patients/${encodeURIComponent(patientId)}`),
      api(`api/audit?${new URLSearchParams({ patientId, limit: '200' })}`),
    ]);
    if (!running) return;
    problem.hidden = true;
    render(patient, audit ?? []);
  } catch (error) {
    if (error.status === 401 || !running) return;
    problem.hidden = false;
    problem.textContent = error.status === 404
      ? `No patient ${patientId} is known to the dashboard.`
      : `Patient data could not be loaded: ${error.message}`;
  }
}

function scheduleReload(delay = 1000) {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(load, delay);
}

async function start() {
  stop();
  running = true;
  if (!patientId) {
    const problem = document.getElementById('load-problem');
    problem.hidden = false;
    problem.textContent = 'No patient chosen: open this page from the ward view.';
    return;
  }
  setConnection('connecting', '');
  let asOf;
  try {
    // Taken before the patient is read, so the stream cannot miss a change in between.
    asOf = (await api('api/alerts?view=open')).asOf ?? 0;
  } catch (error) {
    if (error.status === 401 || !running) return;
    setConnection('offline', 'retrying in 5 s');
    retryTimer = setTimeout(start, 5000);
    return;
  }
  await load();
  if (!running) return;
  stream = new AlertStream({
    ward: '',
    after: asOf,
    onCard: (card) => { if (card.patientId === patientId) scheduleReload(); },
    onStatus: setConnection,
  }).start();
}

function stop() {
  running = false;
  stream?.stop();
  stream = null;
  clearTimeout(reloadTimer);
  clearTimeout(retryTimer);
  setConnection('offline', '');
}

const back = document.getElementById('back');
back.href = fromWard ? `index.html?${new URLSearchParams({ ward: fromWard })}` : 'index.html';
setInterval(() => {
  document.getElementById('clock').textContent = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}, 15_000);
document.getElementById('clock').textContent = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
startSession(start, stop);

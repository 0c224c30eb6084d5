// How alerts read on the ward: short severity words, actions in plain language, units and
// times as people write them.
import { h } from './dom.js';

// Severity is shown as a word as well as a colour, so it survives colour blindness and a
// washed-out wall screen.
const SEVERITY = {
  DISCONTINUE: { word: 'STOP', level: 'stop' },
  DOSE_HOLD: { word: 'HOLD', level: 'hold' },
  DELAY_CYCLE: { word: 'DELAY', level: 'delay' },
  DOSE_REDUCE: { word: 'REDUCE', level: 'reduce' },
  LABS_REQUIRED: { word: 'LABS', level: 'labs' },
  RESUME_ELIGIBLE: { word: 'RESUME', level: 'resume' },
};

const ACTIONS = {
  HOLD: 'Hold',
  HOLD_AND_REDUCE: 'Hold, then reduce',
  REDUCE: 'Reduce dose',
  DELAY_CYCLE: 'Delay cycle',
  DISCONTINUE: 'Discontinue',
  RESUME: 'May resume',
  DRAW_LABS: 'Draw labs',
};

export const OPEN_STATES = ['OPEN', 'ACKNOWLEDGED'];

export function severityOf(card) {
  return SEVERITY[card.type] ?? { word: card.type ?? '?', level: 'unknown' };
}

/** A coloured chip with the severity word: colour AND text. */
export function severityChip(card, extraClass = '') {
  const { word, level } = severityOf(card);
  return h('span', { class: `severity severity-${level} ${extraClass}`.trim(), title: card.type }, word);
}

export function actionText(action) {
  return ACTIONS[action] ?? action ?? '';
}

/** The action with its dose: "Hold, resume at 12 mg", "Reduce dose to 4 mg". */
export function actionWithDose(card) {
  const dose = doseText(card.recommendedDose);
  const action = actionText(card.action);
  if (!dose) return action;
  switch (card.action) {
    case 'HOLD': return `${action}, resume at ${dose}`;
    case 'HOLD_AND_REDUCE':
    case 'REDUCE': return `${action} to ${dose}`;
    case 'RESUME': return `${action} at ${dose}`;
    default: return `${action} (${dose})`;
  }
}

/** recommendedDose may come as text or as {level, dose}. */
export function doseText(dose) {
  if (dose === null || dose === undefined) return '';
  if (typeof dose === 'string') return dose;
  return dose.dose ?? (dose.level !== undefined ? `level ${dose.level}` : '');
}

export function doseLevelText(level) {
  if (level === 0) return '0 (starting dose)';
  if (level === 1) return '1 (1st reduction)';
  if (level === 2) return '2 (2nd reduction)';
  if (level === 3) return '3 (3rd reduction)';
  return `${level} (${level}th reduction)`;
}

/** UCUM as people write it: 10*9/L → ×10⁹/L, mm[Hg] → mmHg. */
export function unitText(unit) {
  if (!unit) return '';
  const superscript = { 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
  return unit
    .replace(/10\*(\d+)/g, (_, exp) => `×10${[...exp].map((d) => superscript[d]).join('')}`)
    .replace(/\[([^\]]+)\]/g, '$1')
    .replace(/^\{(.*)\}$/, '$1');
}

export function valueText(value, unit) {
  if (value === null || value === undefined) return '';
  return `${value} ${unitText(unit)}`.trim();
}

export function gradeText(card) {
  if (!card.term) return '';
  return card.grade === null || card.grade === undefined ? card.term : `${card.term} grade ${card.grade}`;
}

/** "7 min", "3 h 05 min", "2 d 4 h": how long ago, for a glance from across the room. */
export function elapsed(iso, now = Date.now()) {
  if (!iso) return '—';
  const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

const dateTime = new Intl.DateTimeFormat(undefined, {
  day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit',
});
const dateOnly = new Intl.DateTimeFormat(undefined, { day: '2-digit', month: 'short', year: 'numeric' });

/** Local date and time; the full ISO instant goes into the tooltip. */
export function timeEl(iso) {
  if (!iso) return h('span', {}, '—');
  return h('time', { datetime: iso, title: iso }, dateTime.format(new Date(iso)));
}

export function dateText(isoOrDate) {
  if (!isoOrDate) return '—';
  return dateOnly.format(new Date(isoOrDate));
}

export function dateTimeText(iso) {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

export function stateText(card) {
  const state = card.state ?? '';
  return card.escalationLevel > 0 ? `${state} · escalated ${card.escalationLevel}×` : state;
}

/** Outcome of an audited action (the HTTP status the ward got), in words. */
export function outcomeText(outcome) {
  const code = Number(outcome);
  if (code >= 200 && code < 300) return 'done';
  if (code === 403) return 'refused (403, role)';
  if (code === 409) return 'conflict (409)';
  if (code === 404) return 'not found (404)';
  if (code === 400) return 'rejected (400)';
  return `failed (${outcome})`;
}

export function patientHref(patientId, ward) {
  const params = new URLSearchParams({ id: patientId });
  if (ward) params.set('ward', ward);
  return `patient.html?${params}`;
}

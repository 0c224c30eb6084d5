// Audit entries: every ward action tried through the dashboard, allowed or refused.
import { h } from './dom.js';
import { outcomeText, patientHref, timeEl } from './wording.js';

export function auditEntry(entry, { showPatient = true, ward = '' } = {}) {
  const ok = Number(entry.outcome) >= 200 && Number(entry.outcome) < 300;
  return h('li', { class: `audit-entry ${ok ? 'audit-ok' : 'audit-refused'}`, 'data-testid': 'audit-entry' },
    h('div', { class: 'audit-line' },
      timeEl(entry.at), ' ',
      h('strong', {}, entry.actor ?? '?'),
      entry.role ? ` (${entry.role})` : '', ' ',
      h('span', { class: 'audit-action' }, String(entry.action ?? '').toLowerCase()), ' ',
      showPatient && entry.patientId
        ? h('a', { href: patientHref(entry.patientId, ward) }, entry.patientId)
        : null,
      ' — ',
      h('span', { class: ok ? 'outcome-ok' : 'outcome-refused' }, outcomeText(entry.outcome))),
    entry.reason ? h('div', { class: 'audit-reason' }, `Reason: ${entry.reason}`) : null,
    entry.detail && !ok ? h('div', { class: 'audit-detail' }, entry.detail) : null);
}

export function auditList(entries, options) {
  if (!entries?.length) return h('p', { class: 'empty' }, 'No actions recorded yet.');
  return h('ol', { class: 'audit-list' }, entries.map((e) => auditEntry(e, options)));
}

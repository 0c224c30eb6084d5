// Acknowledge / resolve / override buttons. Shown by role and state only to keep the screen
// honest: the server checks the role again and the dose-advisor decides whether the state
// still allows it (409 when someone was quicker).
import { api } from './api.js';
import { h } from './dom.js';
import { can, rolesAllowed, user } from './session.js';
import { severityOf } from './wording.js';

const LABELS = { acknowledge: 'Acknowledge', resolve: 'Resolve', override: 'Override…' };
const DONE = { acknowledge: 'Acknowledged', resolve: 'Resolved', override: 'Overridden' };

function actionsFor(card) {
  const actions = [];
  if (card.state === 'OPEN') actions.push('acknowledge');
  if (card.state === 'OPEN' || card.state === 'ACKNOWLEDGED') actions.push('resolve', 'override');
  return actions.filter(can);
}

function refusal(action, error) {
  switch (error.status) {
    case 403:
      return `Not allowed for your role (${user().roles.join(', ') || 'none'}): `
        + `only ${rolesAllowed(action).join(', ')} may ${action}.`;
    case 409:
      return `Not done: the alert changed before your ${action} arrived (${error.message}). Check it again.`;
    case 404:
      return 'Not done: the dose-advisor does not know this alert any more.';
    default:
      return `Not done: ${error.message}`;
  }
}

/**
 * @param card the AlertCard
 * @param note (alertId, text, kind) => void — shows a message next to the alert
 * @param done () => void — an action went through (e.g. refresh the audit panel)
 */
export function actionButtons(card, note, done) {
  const actions = actionsFor(card);
  if (!actions.length) return null;
  const box = h('div', { class: 'actions' });

  async function send(action, body, button) {
    for (const b of box.querySelectorAll('button')) b.disabled = true;
    button.classList.add('busy');
    try {
      await api(`api/alerts/${encodeURIComponent(card.alertId)}/${action}`, { method: 'POST', body });
      note(card.alertId, `${DONE[action]} by you.`, 'ok');
      done();
    } catch (error) {
      if (error.status === 401) return; // back to sign-in already
      note(card.alertId, refusal(action, error), 'error');
      done();
    } finally {
      button.classList.remove('busy');
      for (const b of box.querySelectorAll('button')) b.disabled = false;
    }
  }

  for (const action of actions) {
    const button = h('button', {
      type: 'button',
      class: `action action-${action}`,
      'data-testid': action,
      onclick: () => (action === 'override'
        ? askReason(card, (reason) => send(action, { reason }, button))
        : send(action, {}, button)),
    }, LABELS[action]);
    box.append(button);
  }
  return box;
}

/** Override means the advice will not be followed: a reason is required, and kept in the audit. */
function askReason(card, submit) {
  const reason = h('textarea', {
    id: 'override-reason', 'data-testid': 'reason-input', required: true, rows: 4, maxlength: 1000,
    placeholder: 'e.g. BP measured during a pain crisis; repeat 146/92',
  });
  const problem = h('p', { class: 'dialog-problem', role: 'alert' });
  const dialog = h('dialog', { class: 'reason-dialog', 'aria-labelledby': 'override-title' },
    h('form', { method: 'dialog' },
      h('h2', { id: 'override-title' },
        `Override ${severityOf(card).word} ${card.drug} for ${card.patientId}`),
      h('p', {}, 'The advice will not be followed. Say why: the reason goes to the dose-advisor and the audit log.'),
      h('label', { for: 'override-reason' }, 'Reason (required)'),
      reason,
      problem,
      h('div', { class: 'dialog-buttons' },
        h('button', { type: 'button', class: 'secondary', 'data-testid': 'cancel-override', onclick: () => dialog.close() }, 'Cancel'),
        h('button', { type: 'submit', class: 'action action-override', 'data-testid': 'confirm-override' }, 'Override'))));
  dialog.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = reason.value.trim();
    if (!text) {
      problem.textContent = 'A reason is required to override.';
      reason.focus();
      return;
    }
    dialog.close();
    submit(text);
  });
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  reason.focus();
}

// Who is signed in. The page is public; the token is the user's own bearer JWT, kept in
// sessionStorage so it dies with the tab and never reaches other tabs or a shared disk.
// The roles read here only decide which buttons to show: the server checks every call.

const STORAGE_KEY = 'toxwatch.token';

const ROLES = ['oncologist', 'pharmacist', 'nurse', 'viewer'];

// Who may do what, as in the API contract; the server enforces the same table.
const ALLOWED = {
  acknowledge: ['nurse', 'oncologist', 'pharmacist'],
  resolve: ['nurse', 'oncologist', 'pharmacist'],
  override: ['oncologist', 'pharmacist'],
};

let listeners = { onSignedIn: () => {}, onSignedOut: () => {} };

export function token() {
  return sessionStorage.getItem(STORAGE_KEY);
}

/** The JWT's payload, or null when the token is not a readable JWT. */
function claims(jwt) {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

/** {name, roles} of the signed-in user, from the token's upn (or sub) and groups. */
export function user() {
  const c = claims(token() ?? '') ?? {};
  const groups = Array.isArray(c.groups) ? c.groups : [];
  return {
    name: c.upn ?? c.preferred_username ?? c.sub ?? 'unknown user',
    roles: ROLES.filter((r) => groups.includes(r)),
    expiresAt: typeof c.exp === 'number' ? new Date(c.exp * 1000) : null,
  };
}

export function can(action) {
  const roles = user().roles;
  return (ALLOWED[action] ?? []).some((r) => roles.includes(r));
}

export function rolesAllowed(action) {
  return ALLOWED[action] ?? [];
}

function show(signedIn, message) {
  document.getElementById('sign-in').hidden = signedIn;
  document.getElementById('app').hidden = !signedIn;
  const who = document.getElementById('who');
  who.hidden = !signedIn;
  if (signedIn) {
    const u = user();
    who.querySelector('[data-part="name"]').textContent = u.name;
    who.querySelector('[data-part="role"]').textContent = u.roles.length ? u.roles.join(', ') : 'no role';
  }
  document.getElementById('sign-in-message').textContent = message ?? '';
  if (!signedIn) document.querySelector('[data-testid="token-input"]').focus();
}

function accept(jwt) {
  const trimmed = jwt.trim().replace(/^Bearer\s+/i, '');
  if (!trimmed) return 'Paste your access token first.';
  const c = claims(trimmed);
  if (!c) return 'That does not look like an access token (a JWT has three parts separated by dots).';
  if (typeof c.exp === 'number' && c.exp * 1000 < Date.now()) return 'That token has expired. Ask for a new one.';
  sessionStorage.setItem(STORAGE_KEY, trimmed);
  return null;
}

/** Called when the server answers 401: the token is gone or no longer accepted. */
export function signOut(message) {
  sessionStorage.removeItem(STORAGE_KEY);
  listeners.onSignedOut();
  show(false, message);
}

/**
 * Wires the sign-in form and starts the page once a token is there. A token in the URL
 * fragment (#token=..., which the demo prints) is taken and then removed from the address
 * bar, so it is not left on screen or in the history.
 */
export function startSession(onSignedIn, onSignedOut) {
  listeners = { onSignedIn, onSignedOut };
  const fragment = new URLSearchParams(location.hash.slice(1));
  let message = null;
  if (fragment.has('token')) {
    message = accept(fragment.get('token'));
    history.replaceState(null, '', location.pathname + location.search);
  }
  document.getElementById('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = document.querySelector('[data-testid="token-input"]');
    const problem = accept(input.value);
    if (problem) {
      show(false, problem);
      return;
    }
    input.value = '';
    show(true);
    listeners.onSignedIn();
  });
  document.getElementById('sign-out').addEventListener('click', () => signOut('Signed out.'));

  const stored = token();
  if (stored && !message) {
    const expiresAt = user().expiresAt;
    if (expiresAt && expiresAt < new Date()) {
      signOut('Your token has expired. Paste a new one.');
      return;
    }
    show(true);
    listeners.onSignedIn();
  } else {
    show(false, message);
  }
}

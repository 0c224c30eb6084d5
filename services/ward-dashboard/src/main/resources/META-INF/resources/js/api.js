// Calls to the dashboard's own /api with the user's bearer token. Paths are relative to the
// page so the service can sit behind a path prefix.
import { signOut, token } from './session.js';

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

/** The most useful sentence in an error body, whatever shape the server gave it. */
export function serverMessage(body) {
  if (!body) return '';
  if (typeof body === 'string') return body.slice(0, 300);
  const text = body.message ?? body.detail ?? body.error ?? body.title ?? '';
  const state = body.currentState ?? body.state;
  return [text, state && !String(text).includes(state) ? `current state: ${state}` : '']
    .filter(Boolean)
    .join(' — ');
}

export function authHeaders(extra = {}) {
  return { Authorization: `Bearer ${token()}`, ...extra };
}

export const UNAUTHORIZED_MESSAGE = 'Your sign-in was not accepted (token expired or invalid). Paste a new token.';

export async function api(path, { method = 'GET', body } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      cache: 'no-store',
      headers: authHeaders(body === undefined
        ? { Accept: 'application/json' }
        : { Accept: 'application/json', 'Content-Type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'The dashboard server cannot be reached. Check the connection and try again.');
  }
  const text = await response.text();
  let data = text;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (a proxy's error page, say): keep the text for the message
  }
  if (response.status === 401) {
    signOut(UNAUTHORIZED_MESSAGE);
    throw new ApiError(401, UNAUTHORIZED_MESSAGE, data);
  }
  if (!response.ok) {
    throw new ApiError(response.status, serverMessage(data) || `The server answered ${response.status}.`, data);
  }
  return data;
}

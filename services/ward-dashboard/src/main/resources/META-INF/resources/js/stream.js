// Server-Sent Events read with fetch(), because EventSource cannot send the Authorization
// header. Reconnects with exponential backoff and resumes after the last id it saw, so a
// dropped Wi-Fi or a restarted server costs the ward a few seconds, not an alert.
import { authHeaders, UNAUTHORIZED_MESSAGE } from './api.js';
import { signOut } from './session.js';

const MAX_DELAY_MS = 30_000;
// The server sends a heartbeat comment every 15 s; three missed ones mean a dead connection
// that TCP may not notice for many minutes.
const SILENCE_LIMIT_MS = 45_000;
// A connection that stayed up this long was healthy: start the backoff from scratch.
const HEALTHY_AFTER_MS = 10_000;

export class AlertStream {
  /**
   * @param {object} options
   * @param {string} options.ward  '' for every ward
   * @param {string|number} options.after  the snapshot's asOf
   * @param {(card: object) => void} options.onCard
   * @param {(status: string, detail: string) => void} options.onStatus
   */
  constructor({ ward, after, onCard, onStatus }) {
    this.ward = ward;
    this.lastId = String(after);
    this.onCard = onCard;
    this.onStatus = onStatus;
    this.stopped = false;
    this.attempt = 0;
    this.everOpen = false;
    this.wake = () => {};
    this.retryNow = () => this.wake();
  }

  start() {
    window.addEventListener('online', this.retryNow);
    this.run();
    return this;
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.retryNow);
    this.controller?.abort();
    this.wake();
  }

  url() {
    const params = new URLSearchParams({ after: this.lastId });
    if (this.ward) params.set('ward', this.ward);
    return `api/alerts/stream?${params}`;
  }

  async run() {
    while (!this.stopped) {
      const controller = new AbortController();
      this.controller = controller;
      const openedAt = Date.now();
      let problem = '';
      try {
        this.onStatus(this.everOpen ? 'reconnecting' : 'connecting', '');
        const response = await fetch(this.url(), {
          cache: 'no-store',
          signal: controller.signal,
          headers: authHeaders({ Accept: 'text/event-stream', 'Last-Event-ID': this.lastId }),
        });
        if (response.status === 401) {
          this.stop();
          signOut(UNAUTHORIZED_MESSAGE);
          return;
        }
        if (!response.ok || !response.body) throw new Error(`the server answered ${response.status}`);
        this.everOpen = true;
        this.onStatus('live', '');
        await this.read(response.body, controller);
        problem = 'the server closed the stream';
      } catch (error) {
        problem = controller.signal.aborted && !this.stopped ? 'no heartbeat' : error.message;
      }
      if (this.stopped) return;
      if (Date.now() - openedAt > HEALTHY_AFTER_MS) this.attempt = 0;
      const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** this.attempt) * (1 + Math.random() * 0.3);
      this.attempt += 1;
      this.onStatus('reconnecting', `${problem}; retrying in ${Math.round(delay / 1000)} s`);
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => { clearTimeout(timer); resolve(); };
      });
    }
  }

  async read(body, controller) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let watchdog = setTimeout(() => controller.abort(), SILENCE_LIMIT_MS);
    let buffer = '';
    let data = [];
    let type = '';
    let id = null;
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        clearTimeout(watchdog);
        watchdog = setTimeout(() => controller.abort(), SILENCE_LIMIT_MS);
        buffer += value;
        const lines = buffer.split('\n');
        buffer = lines.pop();
        for (const raw of lines) {
          const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
          if (line === '') {
            // blank line: the event is complete
            if (id !== null) this.lastId = id;
            if (data.length && (type === '' || type === 'alert')) this.deliver(data.join('\n'));
            data = [];
            type = '';
            id = null;
            continue;
          }
          if (line.startsWith(':')) continue; // heartbeat comment
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          let value = colon < 0 ? '' : line.slice(colon + 1);
          if (value.startsWith(' ')) value = value.slice(1);
          if (field === 'data') data.push(value);
          else if (field === 'event') type = value;
          else if (field === 'id' && !value.includes('\0')) id = value;
        }
      }
    } finally {
      clearTimeout(watchdog);
      reader.cancel().catch(() => {});
    }
  }

  deliver(json) {
    let card;
    try {
      card = JSON.parse(json);
    } catch {
      console.warn('Skipped an alert event that is not JSON', json);
      return;
    }
    this.onCard(card);
  }
}

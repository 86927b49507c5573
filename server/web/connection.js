// The scoreboard protocol's connection for the browser pages (the player page app.js and the big
// screen screen.js): one WebSocket at /ws (scoreboard.v1), request/reply by id, events, reconnect
// with exponential backoff. Plain ES module, no external resources.

const PROTOCOL = 'scoreboard.v1';
const BACKOFF_MIN_MS = 500;
const BACKOFF_MAX_MS = 30_000;

export class Connection {
  constructor(handlers) {
    this.handlers = handlers;
    this.socket = null;
    this.nextId = 1;
    this.pending = new Map();
    this.attempt = 0;
    this.retryTimer = null;
  }

  get open() {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  connect() {
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${scheme}//${location.host}/ws`, PROTOCOL);
    this.socket = socket;
    this.nextId = 1;
    socket.addEventListener('open', () => {
      this.attempt = 0;
      this.handlers.onOpen();
    });
    socket.addEventListener('message', (e) => this.receive(e.data));
    socket.addEventListener('close', (e) => {
      if (this.socket !== socket) return;
      this.socket = null;
      for (const resolve of this.pending.values())
        resolve({ ok: false, error: { code: 'network', message: 'connection closed', retryAfterMs: 0 } });
      this.pending.clear();
      this.handlers.onClose(e.code, e.reason);
    });
  }

  // Schedules a reconnect; returns the delay in ms.
  reconnectLater() {
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** this.attempt);
    const delay = Math.round(base / 2 + Math.random() * base / 2);
    this.attempt += 1;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), delay);
    return delay;
  }

  receive(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (message && typeof message.event === 'string') {
      this.handlers.onEvent(message.event, message.data ?? {});
      return;
    }
    if (message && this.pending.has(message.re)) {
      const resolve = this.pending.get(message.re);
      this.pending.delete(message.re);
      resolve(message);
    }
  }

  // Resolves with the reply {ok, data} or {ok: false, error}; never rejects.
  request(type, data = {}) {
    if (!this.open)
      return Promise.resolve({ ok: false, error: { code: 'network', message: 'not connected', retryAfterMs: 0 } });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.socket.send(JSON.stringify({ id, type, data }));
    });
  }
}

// Scoreboard browser page: speaks docs/protocol.md over the WebSocket at /ws (scoreboard.v1).
// Plain ES module, no build step, no external resources. Over 600 lines while the page is one
// screen set; it splits into modules per screen when events and accounts arrive.
import { Connection } from './connection.js';

const BOARD_LIMIT = 10;
const AROUND = 2; // neighbours on each side of the player's own row
const PAGE_SIZE = 20; // rows of the full standings at a time
// The event this page plays: /e/{slug}, or the default event `main` at /.
// /e/{slug}/results?season=N opens the page on that season's standings.
const EVENT = location.pathname.startsWith('/e/') ? decodeURIComponent(location.pathname.slice(3).split('/')[0]) : 'main';
const RESULTS = /^\/e\/[^/]+\/results$/.test(location.pathname);
const TOKEN_KEY = 'scoreboard.token';
const DEVICE_KEY = 'scoreboard.deviceId';
const EMAIL_KEY = 'scoreboard.email';
const RESEND_WAIT_MS = 60_000;

// Human messages for every error code of docs/protocol.md. `null` means: show the server's own
// message (it names the field or the password rule).
const ERROR_MESSAGES = {
  bad_request: null,
  weak_password: null,
  rate_limited: 'Too many attempts. Please wait a moment and try again.',
  otp_invalid: 'That code is not right.',
  otp_expired: 'That code has expired. Send a new code and try again.',
  too_many_attempts: 'Too many wrong codes. Send a new code and use that one.',
  bad_credentials: 'The e-mail address or password is not right.',
  not_verified: 'Your e-mail address is not confirmed yet. Enter the code we sent you.',
  suspended: 'Your account is suspended. Please contact the organisers.',
  session_invalid: 'Your session has ended. Please log in again.',
  not_authenticated: 'Please log in first.',
  challenge_unknown: 'That press was not accepted. Please press again.',
  challenge_used: 'That press was already counted.',
  too_fast: 'Slow down a little.',
  challenge_expired: 'That press took too long. Please press again.',
  forbidden: 'That is not allowed for your account.',
  not_found: 'That item does not exist.',
  conflict: 'That has already been done.',
  internal: 'The server had a problem. Please try again.',
  unsupported: 'This server does not support that yet.',
  network: 'The connection was lost. Reconnecting…',
};

function messageFor(error) {
  if (!error) return 'Something went wrong.';
  const known = ERROR_MESSAGES[error.code];
  let text = known ?? (error.message || 'Something went wrong.');
  if (error.code === 'otp_invalid' && typeof error.attemptsLeft === 'number')
    text += error.attemptsLeft === 1 ? ' 1 try left.' : ` ${error.attemptsLeft} tries left.`;
  if (error.code === 'rate_limited' && error.retryAfterMs > 0)
    text = `Too many attempts. Try again in ${formatWait(error.retryAfterMs)}.`;
  return text;
}

function formatWait(ms) {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 60) return s === 1 ? '1 second' : `${s} seconds`;
  const m = Math.ceil(s / 60);
  return m === 1 ? '1 minute' : `${m} minutes`;
}

const $ = (id) => document.getElementById(id);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function storage(key, value) {
  try {
    if (value === undefined) return localStorage.getItem(key);
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage blocked: the page still works for this visit.
  }
  return null;
}

function deviceId() {
  let id = storage(DEVICE_KEY);
  if (!id) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    id = 'web-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    storage(DEVICE_KEY, id);
  }
  return id;
}

// ---------------------------------------------------------------------------------------------
// Page state

const state = {
  user: null, // {id, email, displayName, role} while logged in
  token: storage(TOKEN_KEY),
  view: 'login',
  pendingEmail: '',
  revokedReason: null,
  boardVersion: -1,
  board: new Map(), // userId -> {rank, score}
  score: 0,
  rank: 0,
  event: null, // this page's event as the server describes it
  events: new Map(), // slug -> event, for the list of events
  kind: '', // the kind of action the next press is (empty: the event's first)
  standingsOffset: 0,
};

const conn = new Connection({ onOpen, onClose, onEvent });

function setStatus(kind, text) {
  const el = $('status');
  el.dataset.state = kind;
  el.textContent = text;
}

function showNotice(text) {
  $('notice-text').textContent = text;
  $('notice').hidden = !text;
}

function showView(view, { focus = true } = {}) {
  state.view = view;
  for (const el of document.querySelectorAll('[data-view]')) el.hidden = el.dataset.view !== view;
  $('account').hidden = !state.user;
  if (!focus) return;
  const target = {
    login: $('login-email').value ? $('login-password') : $('login-email'),
    signup: $('signup-email'),
    verify: $('verify-code'),
    game: $('action'),
  }[view];
  target?.focus();
}

function formError(form, text, { success = false } = {}) {
  const el = form.querySelector('[data-error]');
  el.textContent = text || '';
  el.hidden = !text;
  el.classList.toggle('success', success);
}

function setBusy(form, busy) {
  for (const el of form.querySelectorAll('button, input')) el.disabled = busy;
}

// Marks the named field invalid (for screen readers and the red border) and focuses it.
function markInvalid(form, name) {
  for (const input of form.querySelectorAll('input')) input.removeAttribute('aria-invalid');
  const input = name && form.elements[name];
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }
}

function fieldNamedIn(message, names) {
  const lower = (message || '').toLowerCase();
  return names.find((n) => lower.includes(n.toLowerCase())) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Connection events

async function onOpen() {
  setStatus('live', 'Live');
  if (state.token) {
    const reply = await conn.request('auth.resume', { token: state.token, deviceId: deviceId() });
    if (reply.ok) {
      loggedIn(reply.data.user, { focus: state.view !== 'game' || document.activeElement === document.body });
    } else if (reply.error.code !== 'network') {
      forgetSession();
      if (reply.error.code === 'session_invalid') showNotice(messageFor(reply.error));
      showView('login');
    }
  }
  const events = await conn.request('events.subscribe');
  if (events.ok) {
    state.events = new Map(events.data.events.map((e) => [e.slug, e]));
    showEvent(state.events.get(EVENT));
    renderEvents();
  }
  // A restarted server may count board versions from the start again.
  state.boardVersion = -1;
  await subscribeBoard();
}

// Subscribes (again) to this page's board; logged in, the reply has the player's own row.
async function subscribeBoard() {
  const board = await conn.request('leaderboard.subscribe', { event: EVENT, limit: BOARD_LIMIT, around: AROUND });
  if (board.ok) renderBoard(board.data);
  else if (board.error.code === 'event_unknown') showNotice('There is no such event.');
}

function onClose(code) {
  const reason = state.revokedReason;
  state.revokedReason = null;
  game.reset();
  if (code === 4001 || code === 4002 || reason) {
    const text = code === 4002 || reason === 'suspended'
      ? 'Your account has been suspended, so you were logged out. Please contact the organisers.'
      : reason === 'logged_out' && code !== 4001
        ? 'You logged out in another window.'
        : 'You signed in on another device, so this page was logged out.';
    forgetSession();
    showNotice(text);
    showView('login');
  }
  const delay = conn.reconnectLater();
  setStatus('reconnecting', delay < 1000 ? 'Reconnecting…' : `Reconnecting in ${Math.round(delay / 1000)} s…`);
  $('action').disabled = true;
}

function onEvent(name, data) {
  if (name === 'leaderboard') renderBoard(data);
  else if (name === 'session.revoked') state.revokedReason = data.reason || 'signed_in_elsewhere';
  else if (name === 'event.changed' && data.event) {
    state.events.set(data.event.slug, data.event);
    if (data.event.slug === EVENT) showEvent(data.event);
    renderEvents();
  } else if (name === 'rank.changed' && data.event === EVENT && data.overtakenBy) {
    const el = $('overtaken');
    el.textContent = `Overtaken by ${data.overtakenBy.displayName} — you are now #${data.rank}.`;
    el.hidden = false;
    clearTimeout(el.hideTimer);
    el.hideTimer = setTimeout(() => { el.hidden = true; }, 6000);
  }
}

// ---------------------------------------------------------------------------------------------
// Events: this page's event (its actions, season and schedule) and the list of all of them

// "in 3 h 5 min", "in 42 s"
function timeUntil(iso) {
  const ms = Date.parse(iso) - Date.now();
  if (!(ms > 0)) return 'now';
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `in ${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `in ${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `in ${h} h ${m % 60} min`;
  return `in ${Math.floor(h / 24)} days`;
}

function eventMeta(event) {
  if (event.state === 'scheduled') return event.startsAt ? `Starts ${timeUntil(event.startsAt)}` : 'Starts soon';
  if (event.state === 'closed') return 'Finished';
  const parts = [];
  if (event.resetEvery) parts.push(`Season ${event.season}`);
  if (event.nextResetAt) parts.push(`next season ${timeUntil(event.nextResetAt)}`);
  if (event.endsAt) parts.push(`ends ${timeUntil(event.endsAt)}`);
  return parts.join(' · ') || 'Live';
}

function showEvent(event) {
  if (!event) return;
  const firstTime = !state.event;
  state.event = event;
  $('board-title').textContent = event.slug === 'main' ? `Live Top ${BOARD_LIMIT}` : `${event.title} — Live Top ${BOARD_LIMIT}`;
  if (event.slug !== 'main') document.title = `${event.title} — Scoreboard`;
  $('event-meta').textContent = eventMeta(event);
  renderActions(event);
  renderSeasons(event);
  if (firstTime) setInterval(() => { if (state.event) $('event-meta').textContent = eventMeta(state.event); }, 1000);
  if (firstTime && RESULTS) {
    const season = Number(new URLSearchParams(location.search).get('season'));
    if (season >= 1 && season <= event.season) $('standings-season').value = String(season);
    $('standings-box').open = true; // its toggle event loads the standings
    $('standings-box').scrollIntoView();
  }
}

// One button per kind of action (keys 1–9 press them); the first is the page's main button.
function renderActions(event) {
  const live = event.state === 'live';
  const kinds = event.actions ?? [];
  if (!kinds.some((a) => a.kind === state.kind)) state.kind = kinds[0]?.kind ?? '';
  const buttons = kinds.map((action, i) => {
    const button = i === 0 ? $('action') : document.createElement('button');
    button.type = 'button';
    button.className = 'action';
    button.dataset.kind = action.kind;
    button.textContent = kinds.length > 1 ? `${action.label} (+${action.points})` : action.label;
    button.disabled = !live || !state.user || !conn.open;
    if (i > 0) button.addEventListener('click', () => pressKind(action.kind));
    return button;
  });
  $('actions').replaceChildren(...buttons);
  $('action-hint').textContent = !live
    ? (event.state === 'scheduled' ? 'This event has not started yet.' : 'This event is over.')
    : kinds.length > 1
      ? 'Press a button, or its number key (1 for the first).'
      : 'Press the button, or Enter or Space while it has focus.';
}

function pressKind(kind) {
  if (kind !== state.kind) {
    state.kind = kind;
    game.reset(); // the challenge ahead was for the other kind
  }
  game.press();
}

// The players on each board change with every first action: the list reads them again now and
// then (event.changed brings everything else at once).
const EVENTS_REFRESH_MS = 15_000;
setInterval(async () => {
  if (document.hidden || !state.events.size) return;
  try {
    const reply = await (await fetch('/api/v1/events')).json();
    state.events = new Map(reply.events.map((e) => [e.slug, e]));
    renderEvents();
  } catch {
    // offline: the status line says so already
  }
}, EVENTS_REFRESH_MS);

const winners = new Map(); // slug of a finished event -> Promise of its winner's name

// The list of events: live first (with players and time left), then scheduled (with a
// countdown), then finished (with their winner).
async function renderEvents() {
  const order = { live: 0, scheduled: 1, closed: 2 };
  const events = [...state.events.values()].sort((a, b) => order[a.state] - order[b.state] || a.title.localeCompare(b.title));
  const items = events.map((event) => {
    const li = document.createElement('li');
    li.dataset.state = event.state;
    li.dataset.slug = event.slug;
    const link = document.createElement('a');
    link.href = event.slug === 'main' ? '/' : `/e/${encodeURIComponent(event.slug)}`;
    link.textContent = event.title;
    if (event.slug === EVENT) link.setAttribute('aria-current', 'page');
    const meta = document.createElement('span');
    meta.className = 'hint';
    const players = event.state === 'live' ? `${event.players} playing · ` : '';
    meta.textContent = ` ${event.category ? event.category + ' · ' : ''}${players}${eventMeta(event)}`;
    li.append(link, meta);
    if (event.state === 'closed') {
      const winner = document.createElement('span');
      winner.className = 'winner';
      li.append(winner);
      // A finished event's winner is read once (kept standings change only by a review).
      if (!winners.has(event.slug)) {
        winners.set(event.slug, fetch(`/api/v1/events/${encodeURIComponent(event.slug)}/leaderboard?limit=1`)
          .then((r) => r.json())
          .then((page) => page.entries?.[0]?.displayName ?? '')
          .catch(() => { winners.delete(event.slug); return ''; }));
      }
      winners.get(event.slug).then((name) => { if (name) winner.textContent = ` · won by ${name}`; });
    }
    return li;
  });
  $('events').replaceChildren(...items);
}

// The full standings of any season, 20 rows at a time.
function renderSeasons(event) {
  const select = $('standings-season');
  const current = Number(select.value) || event.season;
  select.replaceChildren(...Array.from({ length: event.season }, (_, i) => {
    const option = document.createElement('option');
    option.value = String(event.season - i);
    option.textContent = event.season - i === event.season && event.state !== 'closed'
      ? `${event.season - i} (current)` : String(event.season - i);
    return option;
  }));
  select.value = String(Math.min(current, event.season));
}

async function loadStandings() {
  const season = Number($('standings-season').value) || undefined;
  const reply = await conn.request('leaderboard.page', { event: EVENT, season, offset: state.standingsOffset, limit: PAGE_SIZE });
  if (!reply.ok) {
    $('standings-info').textContent = messageFor(reply.error);
    return;
  }
  const { entries, total, amended } = reply.data;
  $('standings-rows').replaceChildren(...entries.map((entry) => boardRow(entry)));
  const shown = entries.length ? `${state.standingsOffset + 1}–${state.standingsOffset + entries.length}` : '0';
  $('standings-info').textContent = `${shown} of ${total}${amended ? ' (amended after a review)' : ''}`;
  $('standings-prev').disabled = state.standingsOffset === 0;
  $('standings-next').disabled = state.standingsOffset + PAGE_SIZE >= total;
}

$('standings-box').addEventListener('toggle', () => { if ($('standings-box').open) loadStandings(); });
$('standings-season').addEventListener('change', () => { state.standingsOffset = 0; loadStandings(); });
$('standings-prev').addEventListener('click', () => { state.standingsOffset = Math.max(0, state.standingsOffset - PAGE_SIZE); loadStandings(); });
$('standings-next').addEventListener('click', () => { state.standingsOffset += PAGE_SIZE; loadStandings(); });

// ---------------------------------------------------------------------------------------------
// Accounts

function loggedIn(user, { focus = true } = {}) {
  state.user = user;
  $('account-name').textContent = user.displayName;
  $('game-name').textContent = user.displayName;
  $('action').disabled = false;
  if (state.event) renderActions(state.event);
  subscribeBoard(); // now with the player's own row and neighbours
  $('action-error').hidden = true;
  showView('game', { focus });
  markMyRow();
  refreshMe();
  game.prefetch();
}

function forgetSession() {
  state.user = null;
  state.token = null;
  state.score = 0;
  state.rank = 0;
  storage(TOKEN_KEY, null);
  $('account').hidden = true;
  markMyRow();
}

async function refreshMe() {
  const reply = await conn.request('leaderboard.me', { event: EVENT });
  if (reply.ok) showMine(reply.data.score, reply.data.rank);
}

function showMine(score, rank) {
  state.score = score;
  state.rank = rank;
  $('my-score').textContent = score.toLocaleString();
  $('my-rank').textContent = rank > 0 ? `#${rank}` : '–';
}

$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.currentTarget;
  const email = form.elements.email.value.trim();
  const password = form.elements.password.value;
  if (!email || !password) {
    formError(form, 'Enter your e-mail address and password.');
    markInvalid(form, email ? 'password' : 'email');
    return;
  }
  formError(form, '');
  markInvalid(form, null);
  setBusy(form, true);
  const reply = await conn.request('auth.login', {
    email, password, deviceId: deviceId(), deviceName: 'Web browser',
  });
  setBusy(form, false);
  if (reply.ok) {
    state.token = reply.data.token;
    storage(TOKEN_KEY, state.token);
    storage(EMAIL_KEY, email);
    form.elements.password.value = '';
    showNotice('');
    loggedIn(reply.data.user);
    return;
  }
  if (reply.error.code === 'not_verified') {
    state.pendingEmail = email;
    startVerify(email, 0);
    formError($('verify-form'), messageFor(reply.error));
    return;
  }
  formError(form, reply.error.code === 'network' ? 'Not connected. Please wait a moment and try again.' : messageFor(reply.error));
  markInvalid(form, reply.error.code === 'bad_credentials' ? 'password' : fieldNamedIn(reply.error.message, ['email', 'password']));
});

$('signup-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.currentTarget;
  const email = form.elements.email.value.trim();
  const displayName = form.elements.displayName.value.trim();
  const password = form.elements.password.value;
  const empty = !email ? 'email' : !displayName ? 'displayName' : !password ? 'password' : null;
  if (empty) {
    formError(form, 'Please fill in every field.');
    markInvalid(form, empty);
    return;
  }
  formError(form, '');
  markInvalid(form, null);
  setBusy(form, true);
  const reply = await conn.request('auth.signup', { email, password, displayName });
  setBusy(form, false);
  if (reply.ok) {
    form.elements.password.value = '';
    startVerify(email, RESEND_WAIT_MS);
    return;
  }
  formError(form, reply.error.code === 'network' ? 'Not connected. Please wait a moment and try again.' : messageFor(reply.error));
  markInvalid(form, reply.error.code === 'weak_password'
    ? 'password'
    : fieldNamedIn(reply.error.message, ['displayName', 'display name', 'email', 'password'])?.replace('display name', 'displayName'));
});

// Verification and resend countdown

let resendUntil = 0;
let resendTimer = null;

function startVerify(email, waitMs) {
  state.pendingEmail = email;
  $('verify-email').textContent = email;
  $('verify-code').value = '';
  formError($('verify-form'), '');
  startResendCountdown(waitMs);
  showView('verify');
}

function startResendCountdown(ms) {
  resendUntil = Date.now() + ms;
  clearInterval(resendTimer);
  const tick = () => {
    const left = resendUntil - Date.now();
    const button = $('resend');
    if (left <= 0) {
      clearInterval(resendTimer);
      button.disabled = false;
      $('resend-wait').textContent = '';
    } else {
      button.disabled = true;
      $('resend-wait').textContent = `You can ask for a new code in ${Math.ceil(left / 1000)} s.`;
    }
  };
  tick();
  if (ms > 0) resendTimer = setInterval(tick, 1000);
}

$('verify-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.currentTarget;
  const code = form.elements.code.value.replace(/\s+/g, '');
  if (!/^[0-9]{6}$/.test(code)) {
    formError(form, 'Enter the 6 digits from the e-mail.');
    markInvalid(form, 'code');
    return;
  }
  formError(form, '');
  markInvalid(form, null);
  setBusy(form, true);
  const reply = await conn.request('auth.verify', { email: state.pendingEmail, code });
  setBusy(form, false);
  startResendCountdown(Math.max(0, resendUntil - Date.now()));
  if (reply.ok) {
    const login = $('login-form');
    login.elements.email.value = state.pendingEmail;
    login.elements.password.value = '';
    showView('login');
    formError(login, 'Your e-mail address is confirmed. Log in to start playing.', { success: true });
    return;
  }
  formError(form, reply.error.code === 'network' ? 'Not connected. Please wait a moment and try again.' : messageFor(reply.error));
  markInvalid(form, 'code');
});

$('resend').addEventListener('click', async () => {
  const form = $('verify-form');
  $('resend').disabled = true;
  const reply = await conn.request('auth.resend', { email: state.pendingEmail });
  if (reply.ok) {
    formError(form, 'A new code is on its way. Only the newest code works.', { success: true });
    startResendCountdown(RESEND_WAIT_MS);
  } else if (reply.error.code === 'rate_limited') {
    formError(form, '');
    startResendCountdown(reply.error.retryAfterMs || RESEND_WAIT_MS);
  } else {
    formError(form, messageFor(reply.error));
    startResendCountdown(0);
  }
});

for (const button of document.querySelectorAll('[data-go]')) {
  button.addEventListener('click', () => {
    const view = button.dataset.go;
    if (view === 'login') {
      const saved = storage(EMAIL_KEY);
      const email = $('login-email');
      if (!email.value && saved) email.value = saved;
    }
    showView(view);
  });
}

$('logout').addEventListener('click', async () => {
  game.reset();
  await conn.request('auth.logout');
  forgetSession();
  showNotice('');
  formError($('login-form'), 'You are logged out.', { success: true });
  showView('login');
});

$('notice-close').addEventListener('click', () => showNotice(''));

// ---------------------------------------------------------------------------------------------
// The action: score.challenge → wait notBeforeMs → score.action, with the next challenge
// fetched ahead of time.

const game = {
  challenge: null, // {id, dueAt, expiresAt} (performance.now() times)
  fetching: null,
  running: false,
  queued: 0,
  generation: 0,

  reset() {
    this.challenge = null;
    this.fetching = null;
    this.queued = 0;
    this.generation += 1;
  },

  prefetch() {
    if (this.challenge || this.fetching || !state.user) return this.fetching;
    const generation = this.generation;
    const started = performance.now();
    this.fetching = conn.request('score.challenge', { event: EVENT, action: state.kind || undefined }).then((reply) => {
      if (generation !== this.generation) return null;
      this.fetching = null;
      if (!reply.ok) return reply;
      this.challenge = {
        id: reply.data.challengeId,
        dueAt: started + reply.data.notBeforeMs,
        // Leave room for the round trip before it expires.
        expiresAt: started + reply.data.expiresInMs - 500,
      };
      return reply;
    });
    return this.fetching;
  },

  async press() {
    if (!state.user || !conn.open) return;
    const button = $('action');
    button.classList.add('pressed');
    setTimeout(() => button.classList.remove('pressed'), 90);
    if (this.running) {
      this.queued = Math.min(this.queued + 1, 3);
      return;
    }
    this.running = true;
    try {
      do {
        if (this.queued > 0) this.queued -= 1;
        await this.redeemOne();
      } while (this.queued > 0 && state.user && conn.open);
    } finally {
      this.running = false;
    }
  },

  async redeemOne() {
    const generation = this.generation;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (this.challenge && performance.now() > this.challenge.expiresAt) this.challenge = null;
      if (!this.challenge) {
        const reply = await this.prefetch();
        if (generation !== this.generation) return;
        if (!this.challenge) {
          if (reply && !reply.ok) this.fail(reply.error);
          return;
        }
      }
      const challenge = this.challenge;
      const wait = challenge.dueAt - performance.now();
      if (wait > 0) await sleep(wait);
      if (generation !== this.generation) return;
      const reply = await conn.request('score.action', { challengeId: challenge.id });
      if (generation !== this.generation) return;
      if (reply.ok) {
        this.challenge = null;
        $('action-error').hidden = true;
        showMine(reply.data.score, reply.data.rank);
        this.prefetch();
        return;
      }
      const code = reply.error.code;
      if (code === 'too_fast') {
        challenge.dueAt = performance.now() + (reply.error.retryAfterMs || 50);
        continue;
      }
      this.challenge = null;
      if (code === 'challenge_unknown' || code === 'challenge_used' || code === 'challenge_expired') continue;
      this.fail(reply.error);
      return;
    }
  },

  fail(error) {
    if (error.code === 'network') return; // the status line already says "Reconnecting"
    const el = $('action-error');
    el.textContent = messageFor(error);
    el.hidden = false;
    if (error.code === 'rate_limited') {
      const button = $('action');
      button.disabled = true;
      setTimeout(() => { button.disabled = !state.user || !conn.open; }, error.retryAfterMs || 1000);
    }
    if (error.code === 'not_authenticated') {
      forgetSession();
      showView('login');
    }
  },
};

$('action').addEventListener('click', () => pressKind($('action').dataset.kind || state.kind));
// Enter or Space anywhere outside a control also presses the button while playing.
document.addEventListener('keydown', (e) => {
  if (state.view !== 'game' || e.repeat || e.altKey || e.ctrlKey || e.metaKey) return;
  const kinds = state.event?.actions ?? [];
  if (/^[1-9]$/.test(e.key) && !/^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName)) {
    const action = kinds[Number(e.key) - 1];
    if (action && state.event.state === 'live') {
      e.preventDefault();
      pressKind(action.kind);
    }
    return;
  }
  if (e.key !== 'Enter' && e.key !== ' ') return;
  const t = e.target;
  if (t !== document.body && t !== $('panel') && t !== $('game')) return;
  e.preventDefault();
  pressKind(kinds[0]?.kind ?? '');
});

// ---------------------------------------------------------------------------------------------
// The live board

// One row of a board: rank, player, score.
function boardRow(entry) {
  const tr = document.createElement('tr');
  tr.dataset.userId = String(entry.userId);
  const rank = document.createElement('td');
  rank.textContent = String(entry.rank);
  const name = document.createElement('td');
  name.className = 'name';
  name.textContent = entry.displayName;
  const score = document.createElement('td');
  score.className = 'num';
  score.textContent = Number(entry.score).toLocaleString();
  tr.append(rank, name, score);
  return tr;
}

// The player's own row with its neighbours (`me` of a board subscribed with `around`).
function renderAround(me) {
  const show = !!state.user && !!me && me.rank > 0;
  $('around-box').hidden = !show;
  if (!show) return;
  $('around').replaceChildren(...me.around.map((entry) => {
    const li = document.createElement('li');
    li.dataset.userId = String(entry.userId);
    li.classList.toggle('me', entry.userId === state.user.id);
    li.textContent = `#${entry.rank} ${entry.displayName} — ${Number(entry.score).toLocaleString()}`;
    return li;
  }));
  showMine(me.score, me.rank);
}

function renderBoard(data) {
  if (!data || !Array.isArray(data.top)) return;
  if (typeof data.version === 'number') {
    if (data.version < state.boardVersion) return;
    state.boardVersion = data.version;
  }
  const previous = state.board;
  const next = new Map();
  const rows = [];
  for (const entry of data.top) {
    next.set(entry.userId, { rank: entry.rank, score: entry.score });
    const before = previous.get(entry.userId);
    const changed = previous.size > 0 && (!before || before.rank !== entry.rank || before.score !== entry.score);
    const tr = boardRow(entry);
    if (changed) tr.classList.add('changed');
    rows.push(tr);
    if (state.user && entry.userId === state.user.id && entry.score > state.score)
      showMine(entry.score, entry.rank);
  }
  state.board = next;
  renderAround(data.me);
  $('board-rows').replaceChildren(...rows);
  $('board-empty').hidden = rows.length > 0;
  markMyRow();
}

function markMyRow() {
  for (const tr of $('board-rows').children) {
    const mine = !!state.user && tr.dataset.userId === String(state.user.id);
    tr.classList.toggle('me', mine);
    const name = tr.querySelector('.name');
    const tag = name.querySelector('.you');
    if (mine && !tag) {
      const you = document.createElement('span');
      you.className = 'you';
      you.textContent = '(you)';
      name.append(' ', you);
    } else if (!mine && tag) {
      tag.previousSibling?.remove();
      tag.remove();
    }
    if (mine) tr.setAttribute('aria-current', 'true');
    else tr.removeAttribute('aria-current');
  }
}

// ---------------------------------------------------------------------------------------------
// Start

{
  const saved = storage(EMAIL_KEY);
  if (saved) $('login-email').value = saved;
  // Logged-in returning visitors see the game right away once the token resumes.
  showView(state.token ? 'game' : 'login', { focus: false });
  if (state.token) {
    $('action').disabled = true;
    $('game-name').textContent = '';
  }
  setStatus('connecting', 'Connecting…');
  conn.connect();
}

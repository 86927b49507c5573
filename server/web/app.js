// Scoreboard browser page: speaks docs/protocol.md over the WebSocket at /ws (scoreboard.v1).
// Plain ES module, no build step, no external resources. One page for the start page (/, the
// events in start.js) and an event's page (/e/{slug}: its board and game); the account forms
// serve both. Every text comes from the catalogue in i18n.js.
import { Connection } from './connection.js';
import { t, tNodes, bind, refresh, initLanguage, languageSelect, onLanguageChange, formatNumber } from './i18n.js';
import { eventTitle, eventPath, actionLabel, metaParts, joined, sortEvents, winnerOf, readPlayers } from './eventinfo.js';
import { StartPage } from './start.js';

const BOARD_LIMIT = 10;
const AROUND = 2; // neighbours on each side of the player's own row
const PAGE_SIZE = 20; // rows of the full standings at a time
// `/` is the start page; /e/{slug} plays an event, and /e/{slug}/results?season=N opens its page
// on that season's standings.
const START = !location.pathname.startsWith('/e/');
const EVENT = START ? null : decodeURIComponent(location.pathname.slice(3).split('/')[0]);
const RESULTS = /^\/e\/[^/]+\/results$/.test(location.pathname);
// The view of a logged-in player: the game on an event's page, a greeting on the start page.
const PLAYING = START ? 'welcome' : 'game';
const TOKEN_KEY = 'scoreboard.token';
const DEVICE_KEY = 'scoreboard.deviceId';
const EMAIL_KEY = 'scoreboard.email';
const RESEND_WAIT_MS = 60_000;

// Human messages for every error code of docs/protocol.md a player can meet. `null` means: show
// the server's own message, in the page's words where the catalogue knows it (SERVER_MESSAGES),
// since it names the field or the password rule.
const ERROR_MESSAGES = {
  bad_request: null,
  weak_password: null,
  rate_limited: () => t('error.rateLimited'),
  otp_invalid: () => t('error.otpInvalid'),
  otp_expired: () => t('error.otpExpired'),
  too_many_attempts: () => t('error.tooManyAttempts'),
  bad_credentials: () => t('error.badCredentials'),
  not_verified: () => t('error.notVerified'),
  suspended: () => t('error.suspended'),
  session_invalid: () => t('error.sessionInvalid'),
  not_authenticated: () => t('error.notAuthenticated'),
  challenge_unknown: () => t('error.challengeUnknown'),
  challenge_used: () => t('error.challengeUsed'),
  too_fast: () => t('error.tooFast'),
  challenge_expired: () => t('error.challengeExpired'),
  forbidden: () => t('error.forbidden'),
  not_found: () => t('error.notFound'),
  conflict: () => t('error.conflict'),
  internal: () => t('error.internal'),
  unsupported: () => t('error.unsupported'),
  network: () => t('error.network'),
  event_unknown: () => t('error.eventUnknown'),
  event_not_live: () => t('error.eventNotLive'),
  action_unknown: () => t('error.actionUnknown'),
  season_unknown: () => t('error.seasonUnknown'),
};

// The server's messages for a weak password or a bad field of the forms (shared/validation.cpp,
// shared/fieldreader.h), in the page's words. Others are shown as the server wrote them.
const SERVER_MESSAGES = [
  [/^password must be at least (\d+) characters$/, (m) => t('server.passwordShort', { count: Number(m[1]) })],
  [/^password must be at most (\d+) characters$/, (m) => t('server.passwordLong', { count: Number(m[1]) })],
  [/^this password is too common$/, () => t('server.passwordCommon')],
  [/^password must not be your email address$/, () => t('server.passwordEmail')],
  [/^password must not be the name part of your email address$/, () => t('server.passwordEmailName')],
  [/^password must not be your display name$/, () => t('server.passwordName')],
  [/^email is not a valid address$/, () => t('server.emailInvalid')],
  [/^displayName must be between (\d+) and (\d+) characters$/, (m) => t('server.nameLength', { min: Number(m[1]), max: Number(m[2]) })],
  [/^displayName must not contain (control|invisible formatting) characters$/, () => t('server.nameCharacters')],
  [/^code must be exactly \d+ digits$/, () => t('verify.missing')],
];

function serverMessage(message) {
  for (const [pattern, text] of SERVER_MESSAGES) {
    const match = pattern.exec(message);
    if (match) return text(match);
  }
  return message;
}

function messageFor(error) {
  if (!error) return t('error.generic');
  const known = ERROR_MESSAGES[error.code];
  let text = known ? known() : (error.message ? serverMessage(error.message) : t('error.generic'));
  if (error.code === 'otp_invalid' && typeof error.attemptsLeft === 'number')
    text += ' ' + t('error.triesLeft', { count: error.attemptsLeft });
  if (error.code === 'rate_limited' && error.retryAfterMs > 0)
    text = t('error.rateLimitedWait', { wait: formatWait(error.retryAfterMs) });
  return text;
}

function formatWait(ms) {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 60) return t('wait.seconds', { count: s });
  return t('wait.minutes', { count: Math.ceil(s / 60) });
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
const startPage = START ? new StartPage(conn) : null;

// Texts the page shows are functions of the language (bind() renders them again when it changes).
function setStatus(kind, text) {
  const el = $('status');
  el.dataset.state = kind;
  bind(el, text);
}

function showNotice(text) {
  bind($('notice-text'), text);
  $('notice').hidden = !text;
}

function showView(view, { focus = true } = {}) {
  if (view === 'game') view = PLAYING;
  state.view = view;
  for (const el of document.querySelectorAll('[data-view]')) el.hidden = el.dataset.view !== view;
  $('account').hidden = !state.user;
  $('login-link').hidden = !!state.user || view === 'login';
  if (!focus) return;
  const target = {
    login: $('login-email').value ? $('login-password') : $('login-email'),
    signup: $('signup-email'),
    verify: $('verify-code'),
    game: $('action'),
    welcome: $('welcome'),
  }[view];
  target?.focus();
}

function formError(form, text, { success = false } = {}) {
  const el = form.querySelector('[data-error]');
  bind(el, text);
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
  setStatus('live', () => t('status.live'));
  if (state.token) {
    const reply = await conn.request('auth.resume', { token: state.token, deviceId: deviceId() });
    if (reply.ok) {
      // On the start page the visitor stays where they are (on a phone, at the list above).
      loggedIn(reply.data.user, { focus: !START && (state.view !== PLAYING || document.activeElement === document.body) });
    } else if (reply.error.code !== 'network') {
      forgetSession();
      if (reply.error.code === 'session_invalid') showNotice(() => messageFor(reply.error));
      showView('login');
    }
  }
  const events = await conn.request('events.subscribe');
  if (events.ok) {
    state.events = new Map(events.data.events.map((e) => [e.slug, e]));
    if (START) startPage.setEvents(events.data.events);
    else {
      showEvent(state.events.get(EVENT));
      renderEvents();
    }
  }
  // A restarted server may count board versions from the start again.
  state.boardVersion = -1;
  await subscribeBoard();
}

// Subscribes (again) to this page's board; logged in, the reply has the player's own row.
async function subscribeBoard() {
  if (START) return;
  const board = await conn.request('leaderboard.subscribe', { event: EVENT, limit: BOARD_LIMIT, around: AROUND });
  if (board.ok) renderBoard(board.data);
  else if (board.error.code === 'event_unknown') showNotice(() => t('error.eventUnknown'));
}

function onClose(code) {
  const reason = state.revokedReason;
  state.revokedReason = null;
  game.reset();
  if (code === 4001 || code === 4002 || reason) {
    const key = code === 4002 || reason === 'suspended'
      ? 'suspended'
      : reason === 'logged_out' && code !== 4001 ? 'loggedOut' : 'signedIn';
    forgetSession();
    showNotice({
      suspended: () => t('notice.suspended'),
      loggedOut: () => t('notice.loggedOutElsewhere'),
      signedIn: () => t('notice.signedInElsewhere'),
    }[key]);
    showView('login');
  }
  const delay = conn.reconnectLater();
  setStatus('reconnecting', delay < 1000
    ? () => t('status.reconnecting')
    : () => t('status.reconnectingIn', { count: Math.round(delay / 1000) }));
  $('action').disabled = true;
}

function onEvent(name, data) {
  if (name === 'leaderboard') {
    if (START) startPage.board(data);
    else renderBoard(data);
  } else if (name === 'session.revoked') state.revokedReason = data.reason || 'signed_in_elsewhere';
  else if (name === 'event.changed' && data.event) {
    state.events.set(data.event.slug, data.event);
    if (START) startPage.changed(data.event);
    else {
      if (data.event.slug === EVENT) showEvent(data.event);
      renderEvents();
    }
  } else if (name === 'rank.changed' && data.event === EVENT && data.overtakenBy) {
    const el = $('overtaken');
    const { displayName } = data.overtakenBy;
    bind(el, () => t('game.overtaken', { name: displayName, rank: data.rank }));
    el.hidden = false;
    clearTimeout(el.hideTimer);
    el.hideTimer = setTimeout(() => { el.hidden = true; }, 6000);
  }
}

// ---------------------------------------------------------------------------------------------
// Events: this page's event (its actions, season and schedule) and the list of all of them

function showEvent(event) {
  if (!event) return;
  const firstTime = !state.event;
  state.event = event;
  bind($('board-title'), () => (event.slug === 'main'
    ? t('board.title', { count: BOARD_LIMIT })
    : t('board.eventTitle', { title: eventTitle(event), count: BOARD_LIMIT })));
  showTitle();
  $('event-meta').replaceChildren(...joined(metaParts(event)));
  renderActions(event);
  renderSeasons(event);
  if (firstTime && RESULTS) {
    const season = Number(new URLSearchParams(location.search).get('season'));
    if (season >= 1 && season <= event.season) $('standings-season').value = String(season);
    $('standings-box').open = true; // its toggle event loads the standings
    $('standings-box').scrollIntoView();
  }
}

function showTitle() {
  document.title = state.event && state.event.slug !== 'main'
    ? t('app.titleWith', { title: eventTitle(state.event) })
    : t('app.name');
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
    bind(button, kinds.length > 1
      ? () => t('game.actionPoints', { label: actionLabel(action), points: action.points })
      : () => actionLabel(action));
    button.disabled = !live || !state.user || !conn.open;
    if (i > 0) button.addEventListener('click', () => pressKind(action.kind));
    return button;
  });
  $('actions').replaceChildren(...buttons);
  bind($('action-hint'), !live
    ? (event.state === 'scheduled' ? () => t('game.notStarted') : () => t('game.over'))
    : kinds.length > 1 ? () => t('game.hintMany') : () => t('game.hintOne'));
}

function pressKind(kind) {
  if (kind !== state.kind) {
    state.kind = kind;
    game.reset(); // the challenge ahead was for the other kind
  }
  game.press();
}

// The players on each board change with every first action: the lists read them again now and
// then (event.changed brings everything else at once; the start page also reads them when a
// board moves).
const EVENTS_REFRESH_MS = 15_000;
async function readPlayerCounts() {
  if (START) return startPage.readPlayers();
  if (!state.events.size) return;
  const counts = await readPlayers();
  if (!counts) return;
  for (const [slug, players] of counts) {
    const event = state.events.get(slug);
    if (event) state.events.set(slug, { ...event, players });
  }
  renderEvents();
}
setInterval(() => { if (!document.hidden) readPlayerCounts(); }, EVENTS_REFRESH_MS);

// The list of events beside an event's page: live first (with players and time left), then
// scheduled (with a countdown), then finished (with their winner).
function renderEvents() {
  const items = sortEvents(state.events.values()).map((event) => {
    const li = document.createElement('li');
    li.dataset.state = event.state;
    li.dataset.slug = event.slug;
    const link = document.createElement('a');
    link.href = eventPath(event);
    bind(link, () => eventTitle(event));
    if (event.slug === EVENT) link.setAttribute('aria-current', 'page');
    const meta = document.createElement('span');
    meta.className = 'hint';
    const parts = [];
    if (event.category) parts.push(() => event.category);
    if (event.state === 'live') parts.push(() => t('events.players', { count: event.players ?? 0 }));
    meta.append(' ', ...joined([...parts, ...metaParts(event)]));
    li.append(link, meta);
    if (event.state === 'closed') {
      const winner = document.createElement('span');
      winner.className = 'winner';
      li.append(winner);
      winnerOf(event).then((name) => {
        if (name) {
          winner.before(document.createTextNode(' · '));
          bind(winner, () => t('events.wonBy', { name }));
        }
      });
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
    const season = event.season - i;
    option.value = String(season);
    bind(option, season === event.season && event.state !== 'closed'
      ? () => t('standings.current', { season })
      : () => formatNumber(season));
    return option;
  }));
  select.value = String(Math.min(current, event.season));
}

async function loadStandings() {
  const season = Number($('standings-season').value) || undefined;
  const reply = await conn.request('leaderboard.page', { event: EVENT, season, offset: state.standingsOffset, limit: PAGE_SIZE });
  if (!reply.ok) {
    bind($('standings-info'), () => messageFor(reply.error));
    return;
  }
  const { entries, total, amended } = reply.data;
  const from = state.standingsOffset + 1;
  $('standings-rows').replaceChildren(...entries.map((entry) => boardRow(entry)));
  bind($('standings-info'), () => {
    const range = entries.length
      ? t('standings.range', { from, to: from + entries.length - 1, total })
      : t('standings.none', { total });
    return amended ? `${range} ${t('standings.amended')}` : range;
  });
  $('standings-prev').disabled = state.standingsOffset === 0;
  $('standings-next').disabled = state.standingsOffset + PAGE_SIZE >= total;
}

bind($('standings-prev'), () => t('standings.previous', { count: PAGE_SIZE }));
bind($('standings-next'), () => t('standings.next', { count: PAGE_SIZE }));
$('standings-box').addEventListener('toggle', () => { if ($('standings-box').open) loadStandings(); });
$('standings-season').addEventListener('change', () => { state.standingsOffset = 0; loadStandings(); });
$('standings-prev').addEventListener('click', () => { state.standingsOffset = Math.max(0, state.standingsOffset - PAGE_SIZE); loadStandings(); });
$('standings-next').addEventListener('click', () => { state.standingsOffset += PAGE_SIZE; loadStandings(); });

// ---------------------------------------------------------------------------------------------
// Accounts

function loggedIn(user, { focus = true } = {}) {
  state.user = user;
  $('account-name').textContent = user.displayName;
  for (const name of document.querySelectorAll('.player-name')) name.textContent = user.displayName;
  $('action').disabled = false;
  $('action-error').hidden = true;
  if (!START && state.event) renderActions(state.event); // before the focus moves to its button
  showView('game', { focus });
  if (START) return;
  subscribeBoard(); // now with the player's own row and neighbours
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
  $('login-link').hidden = false;
  markMyRow();
}

async function refreshMe() {
  const reply = await conn.request('leaderboard.me', { event: EVENT });
  if (reply.ok) showMine(reply.data.score, reply.data.rank);
}

function showMine(score, rank) {
  state.score = score;
  state.rank = rank;
  bind($('my-score'), () => formatNumber(score));
  $('my-rank').textContent = rank > 0 ? `#${rank}` : '–';
}

$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.currentTarget;
  const email = form.elements.email.value.trim();
  const password = form.elements.password.value;
  if (!email || !password) {
    formError(form, () => t('login.missing'));
    markInvalid(form, email ? 'password' : 'email');
    return;
  }
  formError(form, null);
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
    showNotice(null);
    loggedIn(reply.data.user);
    return;
  }
  if (reply.error.code === 'not_verified') {
    state.pendingEmail = email;
    startVerify(email, 0);
    formError($('verify-form'), () => messageFor(reply.error));
    return;
  }
  formError(form, () => (reply.error.code === 'network' ? t('error.notConnected') : messageFor(reply.error)));
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
    formError(form, () => t('signup.missing'));
    markInvalid(form, empty);
    return;
  }
  formError(form, null);
  markInvalid(form, null);
  setBusy(form, true);
  const reply = await conn.request('auth.signup', { email, password, displayName });
  setBusy(form, false);
  if (reply.ok) {
    form.elements.password.value = '';
    startVerify(email, RESEND_WAIT_MS);
    return;
  }
  formError(form, () => (reply.error.code === 'network' ? t('error.notConnected') : messageFor(reply.error)));
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
  formError($('verify-form'), null);
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
      bind($('resend-wait'), null);
    } else {
      button.disabled = true;
      bind($('resend-wait'), () => t('verify.wait', { count: Math.max(1, Math.ceil((resendUntil - Date.now()) / 1000)) }));
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
    formError(form, () => t('verify.missing'));
    markInvalid(form, 'code');
    return;
  }
  formError(form, null);
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
    formError(login, () => t('verify.confirmed'), { success: true });
    return;
  }
  formError(form, () => (reply.error.code === 'network' ? t('error.notConnected') : messageFor(reply.error)));
  markInvalid(form, 'code');
});

$('resend').addEventListener('click', async () => {
  const form = $('verify-form');
  $('resend').disabled = true;
  const reply = await conn.request('auth.resend', { email: state.pendingEmail });
  if (reply.ok) {
    formError(form, () => t('verify.sent'), { success: true });
    startResendCountdown(RESEND_WAIT_MS);
  } else if (reply.error.code === 'rate_limited') {
    formError(form, null);
    startResendCountdown(reply.error.retryAfterMs || RESEND_WAIT_MS);
  } else {
    formError(form, () => messageFor(reply.error));
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
  showNotice(null);
  formError($('login-form'), () => t('login.loggedOut'), { success: true });
  showView('login');
});

$('login-link').addEventListener('click', () => {
  const saved = storage(EMAIL_KEY);
  if (!$('login-email').value && saved) $('login-email').value = saved;
  showView('login');
  $('login-form').scrollIntoView({ block: 'nearest' });
});

$('notice-close').addEventListener('click', () => showNotice(null));

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
    if (START || this.challenge || this.fetching || !state.user) return this.fetching;
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
    bind(el, () => messageFor(error));
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
  const target = e.target;
  if (target !== document.body && target !== $('panel') && target !== $('game')) return;
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
  bind(score, () => formatNumber(entry.score));
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
    bind(li, () => `#${entry.rank} ${entry.displayName} — ${formatNumber(entry.score)}`);
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
      bind(you, () => t('game.you'));
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
  document.body.dataset.page = START ? 'start' : 'event';
  $('start').hidden = !START;
  $('panel').dataset.i18nAriaLabel = START ? 'panel.account' : 'panel.game';
  $('skip').href = START ? '#start' : '#panel';
  initLanguage();
  languageSelect($('lang'));
  onLanguageChange(showTitle);
  bind($('action'), () => t('game.action'));
  for (const el of document.querySelectorAll('.hello')) bind(el, () => tNodes('game.hello', { name: el.querySelector('.player-name') }));
  bind($('verify-lead'), () => tNodes('verify.lead', { email: $('verify-email') }));
  // Countdowns and times left.
  setInterval(() => refresh(document), 1000);

  const saved = storage(EMAIL_KEY);
  if (saved) $('login-email').value = saved;
  // Logged-in returning visitors see the game right away once the token resumes.
  showView(state.token ? 'game' : 'login', { focus: false });
  if (state.token) {
    $('action').disabled = true;
    for (const name of document.querySelectorAll('.player-name')) name.textContent = '';
  }
  setStatus('connecting', () => t('status.connecting'));
  conn.connect();
}

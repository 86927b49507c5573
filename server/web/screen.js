// The big screen (/screen/{slug}[?overlay=1]): one event's live board for a venue display or a
// stream overlay. No login, no controls; rows move to their new place; a QR code (drawn by the
// server) takes spectators to the event's page. No language select: it follows the browser's
// language, or ?lang=de. Plain ES module, no external resources.
import { Connection } from './connection.js';
import { t, bind, initLanguage, formatNumber } from './i18n.js';
import { eventTitle } from './eventinfo.js';

const slug = decodeURIComponent(location.pathname.split('/')[2] ?? '');
const params = new URLSearchParams(location.search);
const rowsEl = document.getElementById('rows');
const rows = new Map(); // userId -> <li>
let limit = 10;
let version = -1;

initLanguage();
if (params.get('overlay') === '1') document.body.classList.add('overlay');
document.getElementById('qr').src = `/api/v1/events/${encodeURIComponent(slug)}/qr.svg`;
document.getElementById('join-url').textContent = `${location.host}/e/${slug}`;

function setStatus(kind, text) {
  const el = document.getElementById('status');
  el.dataset.state = kind;
  bind(el, text);
}

function showEvent(event) {
  if (!event || event.slug !== slug) return;
  const title = document.getElementById('title');
  title.removeAttribute('data-i18n');
  bind(title, () => eventTitle(event));
  bind(document.getElementById('season'), () => {
    const states = { scheduled: t('meta.startsSoon'), live: '', closed: t('screen.final') };
    const season = event.resetEvery ? t('meta.season', { season: event.season }) : '';
    return [season, states[event.state] ?? ''].filter(Boolean).join(' · ');
  });
  document.title = t('app.titleWith', { title: eventTitle(event) });
  limit = event.boardSize || 10;
  document.documentElement.style.setProperty('--rows', String(limit));
}

// Places every row of `top` at its rank; rows already shown slide there (CSS transition).
function showBoard(board) {
  if (board.event && board.event !== slug) return;
  if (typeof board.version === 'number') {
    if (board.version < version) return;
    version = board.version;
  }
  const seen = new Set();
  for (const entry of board.top ?? []) {
    seen.add(entry.userId);
    let li = rows.get(entry.userId);
    const isNew = !li;
    if (isNew) {
      li = document.createElement('li');
      li.dataset.userId = String(entry.userId);
      for (const part of ['rank', 'name', 'score']) {
        const span = document.createElement('span');
        span.className = part;
        li.append(span);
      }
      li.classList.add('entering');
      rowsEl.append(li);
      rows.set(entry.userId, li);
    }
    const [rank, name, score] = li.children;
    const oldScore = score.textContent;
    rank.textContent = String(entry.rank);
    name.textContent = entry.displayName;
    score.textContent = formatNumber(entry.score);
    li.dataset.rank = String(entry.rank);
    li.style.transform = `translateY(calc(${entry.rank - 1} * var(--row-height)))`;
    li.classList.toggle('changed', !isNew && oldScore !== score.textContent);
    if (isNew) requestAnimationFrame(() => li.classList.remove('entering'));
  }
  for (const [userId, li] of rows) {
    if (!seen.has(userId)) {
      li.remove();
      rows.delete(userId);
    }
  }
  document.getElementById('empty').hidden = rows.size > 0;
}

const conn = new Connection({
  async onOpen() {
    setStatus('connecting', () => t('status.connecting'));
    const events = await conn.request('events.subscribe');
    if (events.ok) showEvent(events.data.events.find((e) => e.slug === slug));
    const board = await conn.request('leaderboard.subscribe', { event: slug, limit });
    if (!board.ok) {
      setStatus('error', board.error.code === 'event_unknown' ? () => t('screen.noSuchEvent') : () => board.error.message);
      return;
    }
    version = -1;
    showBoard(board.data);
    setStatus('live', () => t('status.live'));
  },
  onClose() {
    setStatus('connecting', () => t('status.reconnecting'));
    conn.reconnectLater();
  },
  onEvent(name, data) {
    if (name === 'leaderboard') showBoard(data);
    else if (name === 'event.changed') showEvent(data.event);
  },
});
setStatus('connecting', () => t('status.connecting'));
conn.connect();

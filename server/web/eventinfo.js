// What the pages say about an event (docs/protocol.md, "Event"): its title, the time until it
// starts, resets or ends, its kinds of action, its winner. Shared by the start page, an event's
// page and the big screen. Plain ES module, no external resources.
import { t, bind } from './i18n.js';

export const DEFAULT_EVENT = 'main';
// The server's names for the default event and the default kind of action; the pages show
// their own words for these in every language (staff may rename them, and then their names show).
const DEFAULT_TITLE = 'Main board';
const DEFAULT_ACTION = { kind: 'tap', label: 'Score!' };

export function eventTitle(event) {
  return event.slug === DEFAULT_EVENT && event.title === DEFAULT_TITLE ? t('events.mainTitle') : event.title;
}

export function actionLabel(action) {
  return action.kind === DEFAULT_ACTION.kind && action.label === DEFAULT_ACTION.label ? t('game.action') : action.label;
}

export function eventPath(event) {
  return `/e/${encodeURIComponent(event.slug)}`;
}

// "in 3 h 5 min", "in 42 s"
export function timeUntil(iso) {
  const ms = Date.parse(iso) - Date.now();
  if (!(ms > 0)) return t('time.now');
  const s = Math.ceil(ms / 1000);
  if (s < 60) return t('time.seconds', { count: s });
  const m = Math.floor(s / 60);
  if (m < 60) return t('time.minutes', { count: m });
  const h = Math.floor(m / 60);
  if (h < 48) return t('time.hoursMinutes', { hours: h, minutes: m % 60 });
  return t('time.days', { count: Math.floor(h / 24) });
}

// The parts of an event's state, as functions of the time (each is rendered again every second):
// "Starts in 3 h", "Season 2", "next season in 4 min", "ends in 2 days"; "Live" for a live event
// with none of these unless `live` is false.
export function metaParts(event, { live = true } = {}) {
  if (event.state === 'scheduled')
    return [event.startsAt ? () => t('meta.starts', { when: timeUntil(event.startsAt) }) : () => t('meta.startsSoon')];
  if (event.state === 'closed') return [() => t('meta.finished')];
  const parts = [];
  if (event.resetEvery) parts.push(() => t('meta.season', { season: event.season }));
  if (event.nextResetAt) parts.push(() => t('meta.nextSeason', { when: timeUntil(event.nextResetAt) }));
  if (event.endsAt) parts.push(() => t('meta.ends', { when: timeUntil(event.endsAt) }));
  return parts.length || !live ? parts : [() => t('meta.live')];
}

export function eventMeta(event) {
  return metaParts(event).map((part) => part()).join(' · ');
}

// Spans for `parts` (functions returning texts) separated by " · ", each kept current by bind().
export function joined(parts, className = '') {
  const nodes = [];
  for (const part of parts) {
    if (nodes.length) nodes.push(document.createTextNode(' · '));
    const span = document.createElement('span');
    if (className) span.className = className;
    nodes.push(bind(span, part));
  }
  return nodes;
}

const ORDER = { live: 0, scheduled: 1, closed: 2 };

// Live events first (the default event first among them), then scheduled ones by their start,
// then finished ones, the latest first.
export function sortEvents(events) {
  const at = (iso, fallback) => (iso ? Date.parse(iso) : fallback);
  return [...events].sort((a, b) => ORDER[a.state] - ORDER[b.state]
    || (a.state === 'live' ? (b.slug === DEFAULT_EVENT) - (a.slug === DEFAULT_EVENT) : 0)
    || (a.state === 'scheduled' ? at(a.startsAt, Infinity) - at(b.startsAt, Infinity) : 0)
    || (a.state === 'closed' ? at(b.endsAt, 0) - at(a.endsAt, 0) : 0)
    || eventTitle(a).localeCompare(eventTitle(b)));
}

const winners = new Map(); // slug of a finished event -> Promise of its winner's name ('' if none)

// A finished event's winner, read once (kept standings change only by a review).
export function winnerOf(event) {
  if (!winners.has(event.slug)) {
    winners.set(event.slug, fetch(`/api/v1/events/${encodeURIComponent(event.slug)}/leaderboard?limit=1`)
      .then((r) => r.json())
      .then((page) => page.entries?.[0]?.displayName ?? '')
      .catch(() => { winners.delete(event.slug); return ''; }));
  }
  return winners.get(event.slug);
}

const PLAYERS_GAP_MS = 3000; // at most one read of /api/v1/events in this time
let lastRead = 0;
let readTimer = null;
let waiting = []; // resolve functions of the callers of the next read

// The number of players on each event's board (slug -> players), or null when offline. The
// server sends no event.changed when only that number changes, so the pages read it again when a
// board moves (and now and then); calls close together share one read, at most one every 3 s.
export function readPlayers() {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!readTimer) readTimer = setTimeout(readNow, Math.max(0, lastRead + PLAYERS_GAP_MS - Date.now()));
  });
}

async function readNow() {
  const callers = waiting;
  waiting = [];
  lastRead = Date.now();
  let counts = null;
  try {
    const reply = await (await fetch('/api/v1/events')).json();
    counts = new Map(reply.events.map((e) => [e.slug, e.players]));
  } catch {
    // offline: the status line says so already
  }
  readTimer = waiting.length ? setTimeout(readNow, Math.max(0, lastRead + PLAYERS_GAP_MS - Date.now())) : null;
  for (const resolve of callers) resolve(counts);
}

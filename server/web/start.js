// The start page (/): every event, live ones first (with their players, time left and leaders,
// kept current), then scheduled ones counting down to their start, then finished ones with
// their winners; each links to its page /e/{slug}. app.js runs the connection and the account
// forms beside it. Plain ES module, no external resources.
import { t, bind, formatNumber, formatDateTime, refresh } from './i18n.js';
import { eventTitle, eventPath, metaParts, joined, sortEvents, winnerOf, readPlayers } from './eventinfo.js';

const LEADERS = 3; // rows shown on a live event's card
const WATCHED = 10; // rows subscribed: a new player among them moves the board, so the count is read again

const $ = (id) => document.getElementById(id);

export class StartPage {
  constructor(conn) {
    this.conn = conn;
    this.events = new Map(); // slug -> event
    this.boards = new Map(); // slug of a live event -> {version, top}
    this.subscribed = new Set(); // slugs of the boards this socket watches
  }

  // Every event, as events.subscribe answered (also after a reconnect: the boards are
  // subscribed again).
  setEvents(events) {
    this.events = new Map(events.map((e) => [e.slug, e]));
    this.subscribed.clear();
    this.boards.clear();
    this.render();
    this.watchBoards();
  }

  changed(event) {
    this.events.set(event.slug, event);
    this.render();
    this.watchBoards();
  }

  // A `leaderboard` message: one of the live boards moved.
  board(data) {
    if (!data?.event || !Array.isArray(data.top)) return;
    const known = this.boards.get(data.event);
    if (known && typeof data.version === 'number' && data.version < known.version) return;
    this.boards.set(data.event, { version: data.version ?? 0, top: data.top });
    this.renderLeaders(data.event);
    if (!document.hidden) this.readPlayers();
  }

  // The player counts, read again (the server tells of them only with the event's other news).
  async readPlayers() {
    const counts = await readPlayers();
    if (!counts) return;
    for (const [slug, players] of counts) {
      const event = this.events.get(slug);
      if (event && event.players !== players) this.events.set(slug, { ...event, players });
    }
    refresh($('start'));
  }

  // Subscribes to the boards of live events and drops the others.
  async watchBoards() {
    for (const event of this.events.values()) {
      const live = event.state === 'live';
      if (live && !this.subscribed.has(event.slug)) {
        this.subscribed.add(event.slug);
        const reply = await this.conn.request('leaderboard.subscribe', { event: event.slug, limit: WATCHED });
        if (reply.ok) this.board(reply.data);
        else this.subscribed.delete(event.slug);
      } else if (!live && this.subscribed.has(event.slug)) {
        this.subscribed.delete(event.slug);
        this.boards.delete(event.slug);
        this.conn.request('leaderboard.unsubscribe', { event: event.slug });
      }
    }
  }

  render() {
    // Keep focus on the same link when the lists are drawn again.
    const focused = document.activeElement?.closest?.('#start') ? document.activeElement.getAttribute('href') : null;
    const groups = { live: [], scheduled: [], closed: [] };
    for (const event of sortEvents(this.events.values())) groups[event.state]?.push(this.card(event));
    for (const [state, cards] of Object.entries(groups)) {
      $(`${state}-events`).replaceChildren(...cards);
      $(`${state}-group`).hidden = cards.length === 0;
    }
    $('start-empty').hidden = this.events.size > 0;
    if (focused) $('start').querySelector(`a[href="${CSS.escape(focused)}"]`)?.focus();
  }

  card(event) {
    const slug = event.slug;
    const current = () => this.events.get(slug) ?? event;
    const li = document.createElement('li');
    li.className = 'event-card';
    li.dataset.slug = slug;
    li.dataset.state = event.state;

    const title = document.createElement('h4');
    const link = document.createElement('a');
    link.href = eventPath(event);
    link.className = 'event-link';
    title.append(bind(link, () => eventTitle(current())));
    li.append(title);

    const parts = [];
    if (event.category) parts.push(() => event.category);
    if (event.state === 'live') parts.push(() => t('events.players', { count: current().players ?? 0 }));
    // Its group says whether it is live or finished.
    if (event.state !== 'closed') parts.push(...metaParts(event, { live: false }));
    const meta = document.createElement('p');
    meta.className = 'meta';
    meta.append(...joined(parts));
    if (event.state === 'scheduled' && event.startsAt) {
      const when = document.createElement('time');
      when.dateTime = event.startsAt;
      meta.append(document.createTextNode(' · '), bind(when, () => formatDateTime(event.startsAt)));
    }
    if (meta.childNodes.length) li.append(meta);

    if (event.description) {
      const description = document.createElement('p');
      description.className = 'description';
      description.textContent = event.description;
      li.append(description);
    }

    if (event.state === 'live') {
      const leaders = document.createElement('ol');
      leaders.className = 'leaders';
      leaders.id = `leaders-${slug}`;
      leaders.setAttribute('aria-label', t('events.leaders'));
      leaders.dataset.i18nAriaLabel = 'events.leaders';
      li.append(leaders);
      this.fillLeaders(leaders, slug);
    } else if (event.state === 'closed') {
      const result = document.createElement('p');
      result.className = 'result';
      const winner = document.createElement('span');
      winner.className = 'winner';
      result.append(winner);
      winnerOf(event).then((name) => bind(winner, () => (name ? t('events.winner', { name }) : t('events.noScores'))));
      if (event.season >= 1) {
        const results = document.createElement('a');
        results.className = 'results-link';
        results.href = `${eventPath(event)}/results?season=${event.season}`;
        result.append(document.createTextNode(' · '), bind(results, () => t('events.results')));
      }
      li.append(result);
    }
    return li;
  }

  renderLeaders(slug) {
    const list = document.getElementById(`leaders-${slug}`);
    if (list) this.fillLeaders(list, slug);
  }

  // The first rows of a live board: "1 Marguerite 90".
  fillLeaders(list, slug) {
    const top = (this.boards.get(slug)?.top ?? []).slice(0, LEADERS);
    if (!top.length) {
      const li = document.createElement('li');
      li.className = 'none';
      list.replaceChildren(bind(li, () => t('events.noScores')));
      return;
    }
    list.replaceChildren(...top.map((entry) => {
      const li = document.createElement('li');
      li.dataset.userId = String(entry.userId);
      const rank = document.createElement('span');
      rank.className = 'rank';
      rank.textContent = String(entry.rank);
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = entry.displayName;
      const score = document.createElement('span');
      score.className = 'score';
      li.append(rank, name, bind(score, () => formatNumber(entry.score)));
      return li;
    }));
  }
}

// The big screen (/screen/{slug}) in Debian's Chromium against the real scoreboard-server: it
// follows the live board within a second, keeps up when 20 players act at once, moves rows
// instead of redrawing them, fits 720p to 4K, has a transparent overlay mode and a QR code drawn
// by the server, and loads nothing from elsewhere.
// Run: SCOREBOARD_SERVER_BIN=build/bin/scoreboard-server node --test screen.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { TestServer, launchBrowser, eventually, serverBin, SocketPlayers } from './harness.mjs';

const SLUG = 'final';
const PLAYERS = 20;

describe('big screen', { timeout: 180_000 }, () => {
  let server;
  let browser;
  let driver; // a page whose WebSockets play for the test's players (SocketPlayers)
  const problems = [];
  const requests = [];

  async function newPage(viewport = { width: 1920, height: 1080 }) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
    return page;
  }

  let players;
  const act = (i, times = 1) => players.act(i, { event: SLUG, times });

  const shown = (page) => page.locator('#rows li').evaluateAll((items) => items.map((li) => ({
    userId: Number(li.dataset.userId),
    rank: Number(li.dataset.rank),
    name: li.querySelector('.name').textContent,
    score: Number(li.querySelector('.score').textContent),
  })).sort((a, b) => a.rank - b.rank));

  before(async () => {
    server = new TestServer();
    // The event is made by the real command line before the server starts.
    const made = spawnSync(serverBin, ['event', 'create', '--data-dir', server.dataDir, '--slug', SLUG,
      '--title', 'Cup final', '--board-size', String(PLAYERS)], { encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    await server.start();
    browser = await launchBrowser();
    // Not watched: its page is /healthz (the browser asks for a favicon there).
    driver = await (await browser.newContext()).newPage();
    await driver.goto(`${server.url}healthz`);
    players = new SocketPlayers(driver, server);
    for (let i = 0; i < PLAYERS; ++i) await players.add(i, { email: `fan${i}@example.com`, name: `Fan ${i}` });
  });

  after(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('is served with a strict policy, 404 for an unknown event', async () => {
    const res = await fetch(`${server.url}screen/${SLUG}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-security-policy'), /default-src 'none'/);
    assert.equal((await fetch(`${server.url}screen/nope`)).status, 404);
    const qr = await fetch(`${server.url}api/v1/events/${SLUG}/qr.svg`);
    assert.equal(qr.status, 200);
    assert.equal(qr.headers.get('content-type'), 'image/svg+xml');
    assert.match(await qr.text(), /^<svg [^>]*viewBox="0 0 (\d+) \1"[^>]*><rect[^>]*\/><path fill="#000" d="M/);
    // The QR code's target, the event's page, exists.
    assert.equal((await fetch(`${server.url}e/${SLUG}`)).status, 200);
  });

  it('follows a live change within a second', async () => {
    const screen = await newPage();
    await screen.goto(`${server.url}screen/${SLUG}`);
    await eventually(async () => (await screen.locator('#status').textContent()) === 'Live', { message: 'screen live' });
    assert.equal(await screen.locator('#title').textContent(), 'Cup final');
    assert.equal(await screen.locator('#empty').isVisible(), true);
    const { userId, score } = await act(0);
    const replied = Date.now();
    await screen.waitForFunction(({ userId, score }) => {
      const li = document.querySelector(`#rows li[data-user-id="${userId}"]`);
      return li && li.querySelector('.score').textContent === String(score);
    }, { userId, score }, { timeout: 1000 });
    const followedMs = Date.now() - replied;
    console.log(`big screen showed the new score ${followedMs} ms after the action's reply`);
    assert.ok(followedMs < 1000);
    await screen.context().close();
  });

  it('keeps up when 20 players act at once, moving rows rather than redrawing them', async () => {
    const screen = await newPage();
    await screen.goto(`${server.url}screen/${SLUG}`);
    await eventually(async () => (await screen.locator('#rows li').count()) === 1, { message: 'first row' });
    const firstRow = await screen.locator('#rows li').elementHandle();
    const firstUser = Number(await firstRow.getAttribute('data-user-id'));
    // Every player at once, each a different number of times, so that ranks change.
    const results = await Promise.all(Array.from({ length: PLAYERS }, (_, i) => act(i, 1 + (i % 4))));
    const want = new Map(results.map((r) => [r.userId, r.score]));
    const lastReply = Date.now();
    await screen.waitForFunction((want) => {
      const items = Array.from(document.querySelectorAll('#rows li'));
      return items.length === want.length
        && want.every(([userId, score]) => {
          const li = document.querySelector(`#rows li[data-user-id="${userId}"]`);
          return li && li.querySelector('.score').textContent === String(score);
        });
    }, [...want], { timeout: 1000 });
    console.log(`big screen showed all ${PLAYERS} players ${Date.now() - lastReply} ms after the last reply`);
    // The same board as the server's standings, rank for rank.
    const standings = await (await fetch(`${server.url}api/v1/events/${SLUG}/leaderboard?limit=100`)).json();
    assert.deepEqual((await shown(screen)).map((r) => [r.rank, r.userId, r.score]),
      standings.entries.map((e) => [e.rank, e.userId, e.score]));
    // The first player's row is the same element as before, moved to its new place by a
    // transition, not a new row.
    assert.equal(await firstRow.evaluate((li) => li.isConnected), true);
    assert.equal(Number(await firstRow.getAttribute('data-user-id')), firstUser);
    const moved = await firstRow.evaluate((li) => ({
      transform: li.style.transform,
      transition: getComputedStyle(li).transitionProperty,
      duration: getComputedStyle(li).transitionDuration,
      rank: Number(li.dataset.rank),
    }));
    assert.ok(moved.rank > 1, 'the first player was overtaken');
    assert.match(moved.transform, new RegExp(`translateY\\(calc\\(${moved.rank - 1} \\* var\\(--row-height\\)\\)\\)`));
    assert.match(moved.transition, /transform/);
    assert.notEqual(moved.duration.split(',')[0].trim(), '0s');
    await screen.context().close();
  });

  it('fits 720p and 4K, and is readable from across a room', async () => {
    const sizes = {};
    for (const viewport of [{ width: 1280, height: 720 }, { width: 3840, height: 2160 }]) {
      const screen = await newPage(viewport);
      await screen.goto(`${server.url}screen/${SLUG}`);
      await eventually(async () => (await screen.locator('#rows li').count()) === PLAYERS, { message: 'all rows' });
      await new Promise((r) => setTimeout(r, 800)); // the rows' slide into place
      const boxes = await screen.locator('#rows li').evaluateAll((items) => items.map((li) => {
        const box = li.getBoundingClientRect();
        return { top: box.top, bottom: box.bottom, font: parseFloat(getComputedStyle(li).fontSize) };
      }));
      const qr = await screen.locator('#qr').evaluate((img) => {
        const box = img.getBoundingClientRect();
        return { loaded: img.complete && img.naturalWidth > 0, bottom: box.bottom, right: box.right };
      });
      for (const box of boxes) {
        assert.ok(box.top >= 0 && box.bottom <= viewport.height, `a row outside ${viewport.width}x${viewport.height}: ${JSON.stringify(box)}`);
      }
      assert.ok(qr.loaded, 'the QR code is drawn');
      assert.ok(qr.bottom <= viewport.height && qr.right <= viewport.width, 'the QR code is on screen');
      assert.match(await screen.locator('figcaption').textContent(), new RegExp(`/e/${SLUG}$`));
      sizes[viewport.width] = boxes[0].font;
      await screen.context().close();
    }
    // Type grows with the screen: at 720p every row of 20 is still over 14 px, at 4K three times that.
    assert.ok(sizes[1280] >= 14, `720p font ${sizes[1280]} px`);
    assert.ok(sizes[3840] >= 2.9 * sizes[1280], `4K font ${sizes[3840]} px vs ${sizes[1280]} px`);
  });

  it('has a transparent overlay mode for streams', async () => {
    const background = async (query) => {
      const screen = await newPage();
      await screen.goto(`${server.url}screen/${SLUG}${query}`);
      await eventually(async () => (await screen.locator('#status').textContent()) === 'Live', { message: 'live' });
      const color = await screen.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await screen.context().close();
      return color;
    };
    assert.equal(await background('?overlay=1'), 'rgba(0, 0, 0, 0)');
    assert.notEqual(await background(''), 'rgba(0, 0, 0, 0)');
  });

  it('loads nothing from elsewhere and logs no errors', () => {
    const origin = new URL(server.url).host;
    const foreign = requests.filter((url) => !url.startsWith('data:') && new URL(url).host !== origin);
    assert.deepEqual(foreign, []);
    assert.deepEqual(problems, []);
  });
});

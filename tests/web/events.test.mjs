// Events in the browser page against the real scoreboard-server, in Debian's Chromium: the list
// of events beside an event's page (live, scheduled, finished with its winner), an event's page /e/{slug} with one
// button per kind of action (and keys 1–9), the player's own row with neighbours, the
// "overtaken by" notice, the season, and the full standings paged.
// Run: SCOREBOARD_SERVER_BIN=build/bin/scoreboard-server node --test events.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { TestServer, launchBrowser, signUpAndLogIn, eventually, serverBin, SocketPlayers } from './harness.mjs';

const text = async (page, selector) => ((await page.locator(selector).textContent()) ?? '').trim();

describe('events in the page', { timeout: 180_000 }, () => {
  let server;
  let browser;
  let players; // others, on WebSockets of their own
  let page; // the player's page
  const problems = [];

  function event(...args) {
    const run = spawnSync(serverBin, ['event', ...args, '--data-dir', server.dataDir], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  }

  before(async () => {
    server = new TestServer();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    event('create', '--slug', 'derby', '--title', 'City derby', '--category', 'football',
      '--reset-every', 'PT1H', '--actions',
      '[{"kind":"goal","label":"Goal","points":3},{"kind":"assist","label":"Assist","points":1}]');
    event('create', '--slug', 'gala', '--title', 'Evening gala', '--starts-at', tomorrow);
    event('create', '--slug', 'heats', '--title', 'Morning heats');
    await server.start();
    browser = await launchBrowser();
    const driver = await (await browser.newContext()).newPage();
    await driver.goto(`${server.url}healthz`);
    players = new SocketPlayers(driver, server);
    await players.add(0, { email: 'rival@example.com', name: 'Rival' });
    await players.add(1, { email: 'champ@example.com', name: 'Champ' });
    // The heats end with a winner.
    await players.act(1, { event: 'heats', times: 2 });
    event('close', '--slug', 'heats', '--reason', 'done');
  });

  after(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('lists the events beside an event\'s page: live first, then scheduled with a countdown, then finished with the winner', async () => {
    const list = await (await browser.newContext()).newPage();
    list.on('pageerror', (e) => problems.push(String(e)));
    await list.goto(`${server.url}e/main`);
    // The page hears of the close within a second (the server polls the events' revisions).
    const items = await eventually(async () => {
      const rows = await list.locator('#events li').evaluateAll((lis) => lis.map((li) => ({
        slug: li.dataset.slug, state: li.dataset.state, text: li.textContent.trim(),
      })));
      return rows.length === 4 && rows.find((r) => r.slug === 'heats')?.text.includes('won by Champ') && rows;
    }, { message: 'the list of events' });
    assert.deepEqual(items.map((i) => i.state), ['live', 'live', 'scheduled', 'closed']);
    const derby = items.find((i) => i.slug === 'derby');
    assert.match(derby.text, /City derby football · 0 playing · Season 1 · next season in \d+ min/);
    assert.match(items.find((i) => i.slug === 'gala').text, /Evening gala Starts in (23 h|24 h)/);
    assert.match(items.find((i) => i.slug === 'heats').text, /Morning heats Finished · won by Champ/);
    assert.equal(await list.locator('#events a', { hasText: 'City derby' }).getAttribute('href'), '/e/derby');
    assert.equal(await list.locator('#events a[aria-current="page"]').getAttribute('href'), '/e/main');
    assert.equal(await list.locator('.all-events a').getAttribute('href'), '/');
  });

  it('plays an event with a button per kind of action and its number keys', async () => {
    page = await (await browser.newContext()).newPage();
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${server.url}e/derby`);
    await signUpAndLogIn(page, server, { email: 'fan@example.com', name: 'Fan', password: 'terrace-chant-55' });
    assert.match(await text(page, '#board-title'), /^City derby — Live Top 10$/);
    assert.match(await text(page, '#event-meta'), /^Season 1 · next season in \d+ min$/);
    const labels = await page.locator('#actions button').allTextContents();
    assert.deepEqual(labels, ['Goal (+3)', 'Assist (+1)']);
    await page.locator('#actions button', { hasText: 'Assist' }).click();
    await eventually(async () => (await text(page, '#my-score')) === '1', { message: 'an assist' });
    await page.locator('body').press('1'); // the first kind: a goal
    await eventually(async () => (await text(page, '#my-score')) === '4', { message: 'a goal by key' });
    await page.locator('body').press('2');
    await eventually(async () => (await text(page, '#my-score')) === '5', { message: 'an assist by key' });
    // main saw none of it.
    const main = await (await fetch(`${server.url}api/v1/leaderboard`)).json();
    assert.deepEqual(main.top, []);
  });

  it('shows the player\'s neighbours and who overtook them', async () => {
    await eventually(async () => !(await page.locator('#around-box').isHidden()), { message: 'own row' });
    await players.act(0, { event: 'derby', action: 'goal', times: 2 }); // Rival: 6 > 5
    await eventually(async () => (await text(page, '#overtaken')) === 'Overtaken by Rival — you are now #2.',
      { message: 'the overtaken notice' });
    const around = await eventually(async () => {
      const rows = await page.locator('#around li').allTextContents();
      return rows.length === 2 && rows;
    }, { message: 'two rows around' });
    assert.deepEqual(around, ['#1 Rival — 6', '#2 Fan — 5']);
    assert.equal(await page.locator('#around li.me').textContent(), '#2 Fan — 5');
  });

  it('pages the full standings of a season', async () => {
    await page.locator('#standings-box summary').click();
    await eventually(async () => (await text(page, '#standings-info')) === '1–2 of 2', { message: 'standings' });
    const rows = await page.locator('#standings-rows tr').evaluateAll((trs) => trs.map((tr) => tr.textContent));
    assert.deepEqual(rows, ['1Rival6', '2Fan5']);
    assert.equal(await page.locator('#standings-next').isDisabled(), true);
    assert.equal(await page.locator('#standings-season option').count(), 1);
  });

  it('opens a finished season\'s results from a link', async () => {
    const results = await (await browser.newContext()).newPage();
    results.on('pageerror', (e) => problems.push(String(e)));
    await results.goto(`${server.url}e/heats/results?season=1`);
    await eventually(async () => (await text(results, '#standings-info')) === '1–1 of 1', { message: 'the results' });
    assert.equal(await results.locator('#standings-box').getAttribute('open'), '');
    assert.deepEqual(await results.locator('#standings-rows tr').allTextContents(), ['1Champ20']);
    assert.equal(await results.locator('#standings-season').inputValue(), '1');
    assert.equal((await fetch(`${server.url}e/nope/results?season=1`)).status, 404);
    await results.context().close();
  });

  it('refuses to play a scheduled event', async () => {
    const gala = await (await browser.newContext()).newPage();
    gala.on('pageerror', (e) => problems.push(String(e)));
    await gala.goto(`${server.url}e/gala`);
    await signUpAndLogIn(gala, server, { email: 'early@example.com', name: 'Early', password: 'opening-night-31' });
    await eventually(async () => (await text(gala, '#action-hint')) === 'This event has not started yet.', { message: 'hint' });
    assert.equal(await gala.locator('#action').isDisabled(), true);
    assert.match(await text(gala, '#event-meta'), /^Starts in/);
    assert.equal((await fetch(`${server.url}e/nope`)).status, 404);
  });

  it('logs no errors', () => {
    assert.deepEqual(problems, []);
  });
});

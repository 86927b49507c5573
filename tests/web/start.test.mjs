// The start page (/) against the real scoreboard-server, in Debian's Chromium: live events first
// (with their players, kept current as players act, and their leaders), then scheduled ones
// counting down to their start, then finished ones with their winners; every event links to its
// page, the default event `main` is one click away, and the account forms work beside the list.
// Run: SCOREBOARD_SERVER_BIN=build/bin/scoreboard-server node --test start.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { TestServer, launchBrowser, eventually, serverBin, SocketPlayers } from './harness.mjs';

const text = async (page, selector) => ((await page.locator(selector).textContent()) ?? '').trim();

// The cards of the start page in their order: {slug, state, group, text}.
const cards = (page) => page.locator('#start li.event-card').evaluateAll((lis) => lis.map((li) => ({
  slug: li.dataset.slug,
  state: li.dataset.state,
  group: li.closest('section.group').id,
  text: li.innerText.replace(/\s+/g, ' ').trim(),
})));

// "Starts in 23 h 59 min" -> minutes.
function minutesLeft(meta) {
  const m = /Starts in (?:(\d+) h )?(\d+) min/.exec(meta);
  assert.ok(m, `a countdown in "${meta}"`);
  return Number(m[1] ?? 0) * 60 + Number(m[2]);
}

describe('start page', { timeout: 180_000 }, () => {
  let server;
  let browser;
  let players; // players on WebSockets of their own
  const problems = [];

  function event(...args) {
    const run = spawnSync(serverBin, ['event', ...args, '--data-dir', server.dataDir], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  }

  async function newPage(options = {}) {
    const page = await (await browser.newContext(options)).newPage();
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(String(e)));
    return page;
  }

  before(async () => {
    server = new TestServer();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    event('create', '--slug', 'derby', '--title', 'City derby', '--category', 'football',
      '--reset-every', 'PT1H', '--actions',
      '[{"kind":"goal","label":"Goal","points":3},{"kind":"assist","label":"Assist","points":1}]');
    event('create', '--slug', 'gala', '--title', 'Evening gala', '--starts-at', tomorrow);
    event('create', '--slug', 'heats', '--title', 'Morning heats');
    event('create', '--slug', 'relay', '--title', 'Relay');
    await server.start();
    browser = await launchBrowser();
    const driver = await (await browser.newContext()).newPage();
    await driver.goto(`${server.url}healthz`);
    players = new SocketPlayers(driver, server);
    await players.add(0, { email: 'rival@example.com', name: 'Rival' });
    await players.add(1, { email: 'champ@example.com', name: 'Champ' });
    // The heats end with a winner; the relay ends without a score.
    await players.act(1, { event: 'heats', times: 2 });
    event('close', '--slug', 'heats', '--reason', 'done');
    event('close', '--slug', 'relay');
  });

  after(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('shows live events first, then scheduled ones with a countdown, then finished ones with their winners', async () => {
    const page = await newPage();
    await page.goto(server.url);
    // The page hears of the closes within a second (the server polls the events' revisions).
    const shown = await eventually(async () => {
      const all = await cards(page);
      return all.length === 5 && all.find((c) => c.slug === 'heats')?.text.includes('Winner: Champ') && all;
    }, { message: 'the events on the start page' });
    assert.deepEqual(shown.map((c) => [c.slug, c.state, c.group]), [
      ['main', 'live', 'live-group'], // the default event first
      ['derby', 'live', 'live-group'],
      ['gala', 'scheduled', 'scheduled-group'],
      ['heats', 'closed', 'closed-group'],
      ['relay', 'closed', 'closed-group'],
    ]);
    // The groups are headed, in this order.
    assert.deepEqual(await page.locator('#start section.group:not([hidden]) h3').allTextContents(),
      ['Live now', 'Coming up', 'Finished']);
    const card = (slug) => shown.find((c) => c.slug === slug).text;
    assert.match(card('main'), /^Main board 0 playing No scores yet$/);
    assert.match(card('derby'), /^City derby football · 0 playing · Season 1 · next season in \d+ min No scores yet$/);
    assert.match(card('gala'), /^Evening gala Starts in (23 h \d+|24 h 0) min · .+$/);
    assert.equal(await page.locator('li[data-slug="gala"] time').getAttribute('datetime'),
      (await (await fetch(`${server.url}api/v1/events`)).json()).events.find((e) => e.slug === 'gala').startsAt);
    assert.match(card('heats'), /^Morning heats Winner: Champ · Results$/);
    assert.match(card('relay'), /^Relay No scores yet · Results$/);
    assert.equal(await page.locator('li[data-slug="heats"] a.results-link').getAttribute('href'), '/e/heats/results?season=1');
    assert.equal(await page.locator('#status').getAttribute('data-state'), 'live');
    assert.equal(await page.title(), 'Scoreboard');
    // A 360 px phone: one column, no sideways scrolling.
    await page.setViewportSize({ width: 360, height: 740 });
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
    }));
    assert.ok(widths.scroll <= widths.client, JSON.stringify(widths));
    await page.context().close();
  });

  it('counts down to a scheduled event\'s start', async () => {
    const page = await newPage();
    await page.clock.install();
    await page.goto(server.url);
    const meta = page.locator('li[data-slug="gala"] .meta');
    const before = minutesLeft(await eventually(async () => /Starts in/.test(await meta.textContent()) && meta.textContent(),
      { message: 'the countdown' }));
    assert.ok(before > 22 * 60 && before <= 24 * 60, `${before} min`);
    // An hour later (the page's clock), the countdown says an hour less.
    await page.clock.fastForward('01:00:00');
    const after = minutesLeft(await eventually(async () => {
      const now = await meta.textContent();
      return minutesLeft(now) <= before - 60 && now;
    }, { message: 'the countdown an hour later' }));
    assert.ok(before - after >= 60 && before - after <= 61, `${before} min, then ${after} min`);
    await page.context().close();
  });

  it('keeps the live player count and leaders current as players act', async () => {
    const page = await newPage();
    await page.goto(server.url);
    const derby = page.locator('li[data-slug="derby"]');
    await eventually(async () => /0 playing/.test(await derby.locator('.meta').textContent()), { message: 'no players yet' });
    await players.act(0, { event: 'derby' }); // Rival: a goal, 3
    await eventually(async () => /· 1 playing ·/.test(await derby.locator('.meta').textContent()), { message: 'one player' });
    await eventually(async () => (await derby.locator('.leaders li').allTextContents()).join('|') === '1Rival3',
      { message: 'Rival leads' });
    await players.act(1, { event: 'derby', times: 2 }); // Champ: two goals, 6
    await eventually(async () => /· 2 playing ·/.test(await derby.locator('.meta').textContent()), { message: 'two players' });
    await eventually(async () => (await derby.locator('.leaders li').allTextContents()).join('|') === '1Champ6|2Rival3',
      { message: 'Champ leads' });
    // main's count did not move.
    assert.match(await page.locator('li[data-slug="main"] .meta').textContent(), /^0 playing$/);
    await page.context().close();
  });

  it('links every event to its page, main one click away', async () => {
    const page = await newPage();
    await page.goto(server.url);
    const hrefs = await eventually(async () => {
      const links = await page.locator('#start a.event-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      return links.length === 5 && links;
    }, { message: 'the links' });
    assert.deepEqual(hrefs, ['/e/main', '/e/derby', '/e/gala', '/e/heats', '/e/relay']);
    await page.locator('#start a.event-link', { hasText: 'City derby' }).click();
    await page.waitForURL(`${server.url}e/derby`);
    await eventually(async () => (await text(page, '#board-title')) === 'City derby — Live Top 10', { message: 'the derby\'s page' });
    // Back to the start page from the header, then to main with one click anywhere on its card.
    await page.locator('header h1 a').click();
    await page.waitForURL(server.url);
    await page.locator('li[data-slug="main"]').click({ position: { x: 300, y: 60 } });
    await page.waitForURL(`${server.url}e/main`);
    await eventually(async () => (await text(page, '#board-title')) === 'Live Top 10', { message: 'main\'s page' });
    assert.equal(await page.locator('#board-empty').isVisible(), true);
    await page.context().close();
  });

  it('signs up and logs in beside the events, and the account follows to an event\'s page', async () => {
    const page = await newPage();
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Create an account' }).click();
    const signup = page.locator('#signup-form');
    await signup.getByLabel('E-mail').fill('fan@example.com');
    await signup.getByLabel('Display name').fill('Fan');
    await signup.getByLabel('Password').fill('terrace-chant-55');
    await signup.getByRole('button', { name: 'Sign up', exact: true }).click();
    await page.getByRole('heading', { name: 'Confirm your e-mail' }).waitFor();
    await page.locator('#verify-code').fill(await server.waitForCode('fan@example.com'));
    await page.locator('#verify-form').getByRole('button', { name: 'Confirm', exact: true }).click();
    const login = page.locator('#login-form');
    await login.getByLabel('Password').fill('terrace-chant-55');
    await login.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.locator('#welcome').waitFor();
    assert.equal(await text(page, '#welcome h2'), 'Hello, Fan');
    assert.equal(await text(page, '#account-name'), 'Fan');
    assert.equal(await page.locator('#logout').isVisible(), true);
    assert.equal(await page.locator('#start').isVisible(), true);
    // The events' page plays at once with the same session.
    await page.locator('#start a.event-link', { hasText: 'City derby' }).click();
    await page.locator('#game').waitFor();
    await eventually(async () => !(await page.locator('#action').isDisabled()), { message: 'the buttons' });
    await page.locator('body').press('2'); // an assist
    await eventually(async () => (await text(page, '#my-score')) === '1', { message: 'an assist' });
    await page.goBack();
    await page.locator('#welcome').waitFor();
    // Logging out on the start page brings back the login form.
    await page.locator('#logout').click();
    await login.waitFor();
    assert.equal(await page.locator('#account').isVisible(), false);
    await page.context().close();
  });

  it('logs no errors', () => {
    assert.deepEqual(problems, []);
  });
});

// The page in German (a browser whose language is de-DE) against the real scoreboard-server, in
// Debian's Chromium: the start page, the sign-up, code and login forms, the welcome, an event's
// page logged in (the board, the player's neighbours, the overtaken notice, the full standings),
// a scheduled event's page and the big screen show no English text of the catalogue — every
// visible text node, aria-label, placeholder, title and alt, and the window title, is checked
// against the English texts that German says differently. Then the language select switches to
// English (saved), and ?lang=de switches back.
// Run: SCOREBOARD_SERVER_BIN=build/bin/scoreboard-server node --test translations.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { TestServer, launchBrowser, eventually, serverBin, SocketPlayers } from './harness.mjs';
import { catalogues } from '../../server/web/i18n.js';

const text = async (page, selector) => ((await page.locator(selector).textContent()) ?? '').trim();

// The English texts a German page must not show: every form of every entry that German words
// differently (and that is not itself a German text, like "Live"). A text with {placeholders}
// becomes a pattern of the whole string.
function englishOnly() {
  const texts = (catalogue) => Object.values(catalogue).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e)));
  const german = new Set(texts(catalogues.de));
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...new Set(texts(catalogues.en))].filter((s) => !german.has(s)).map((s) => (/\{[a-zA-Z]+\}/.test(s)
    ? { text: s, pattern: `^${s.split(/\{[a-zA-Z]+\}/).map(escape).join('.+?')}$` }
    : { text: s }));
}

// What the page shows: visible text nodes, the text of visible elements, the labels and
// attributes a person meets, and the window's title; those that are English-only texts.
function untranslated(page) {
  return page.evaluate((english) => {
    const shown = [];
    const visible = (el) => (el.tagName === 'OPTION' ? el.closest('select') : el)?.checkVisibility({ visibilityProperty: true });
    const where = (el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''}`;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const el = walker.currentNode.parentElement;
      if (el.closest('noscript, script, style') || !visible(el)) continue;
      shown.push([where(el), walker.currentNode.textContent]);
    }
    for (const el of document.body.querySelectorAll('p, h1, h2, h3, h4, li, a, button, label, td, th, dt, dd, summary, span, option, figcaption')) {
      if (visible(el)) shown.push([where(el), el.innerText]);
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
      for (const attribute of ['aria-label', 'placeholder', 'title', 'alt']) {
        if (el.hasAttribute(attribute) && visible(el)) shown.push([`${where(el)}[${attribute}]`, el.getAttribute(attribute)]);
      }
    }
    shown.push(['title', document.title]);
    const found = [];
    for (const [place, raw] of shown) {
      const s = (raw ?? '').replace(/\s+/g, ' ').trim();
      if (!s) continue;
      const hit = english.find((e) => (e.pattern ? new RegExp(e.pattern).test(s) : s === e.text || (e.text.length >= 12 && s.includes(e.text))));
      if (hit) found.push(`${place}: "${s}" (English "${hit.text}")`);
    }
    return [...new Set(found)];
  }, englishOnly());
}

describe('the page in German', { timeout: 180_000 }, () => {
  let server;
  let browser;
  let players;
  let context; // de-DE
  let page;
  const problems = [];

  function event(...args) {
    const run = spawnSync(serverBin, ['event', ...args, '--data-dir', server.dataDir], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  }

  async function expectGerman(what) {
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'de', `${what}: <html lang>`);
    assert.deepEqual(await untranslated(page), [], `${what} shows English`);
  }

  before(async () => {
    server = new TestServer();
    event('create', '--slug', 'derby', '--title', 'City derby', '--category', 'football',
      '--reset-every', 'PT1H', '--actions',
      '[{"kind":"goal","label":"Goal","points":3},{"kind":"assist","label":"Assist","points":1}]');
    event('create', '--slug', 'gala', '--title', 'Evening gala', '--starts-at', new Date(Date.now() + 86_400_000).toISOString());
    event('create', '--slug', 'heats', '--title', 'Morning heats');
    await server.start();
    browser = await launchBrowser();
    const driver = await (await browser.newContext()).newPage();
    await driver.goto(`${server.url}healthz`);
    players = new SocketPlayers(driver, server);
    await players.add(0, { email: 'rival@example.com', name: 'Rival' });
    await players.act(0, { event: 'heats' });
    event('close', '--slug', 'heats', '--reason', 'done');
    context = await browser.newContext({ locale: 'de-DE' });
    page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(String(e)));
  });

  after(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('shows the start page in German', async () => {
    await page.goto(server.url);
    await eventually(async () => (await text(page, 'li[data-slug="heats"] .winner')) !== '',
      { message: 'the finished event and its winner' });
    await expectGerman('the start page');
    assert.equal(await text(page, 'li[data-slug="heats"] .winner'), 'Sieg: Rival');
    assert.equal(await text(page, '#live-title'), 'Jetzt live');
    assert.match(await text(page, 'li[data-slug="gala"] .meta'), /^Beginnt in (23|24) Std\. \d+ Min\. · .+$/);
    assert.equal(await text(page, 'li[data-slug="main"] .event-link'), 'Hauptrangliste');
  });

  it('signs up, confirms the code and logs in in German', async () => {
    await page.getByRole('button', { name: 'Konto erstellen' }).click();
    await page.locator('#signup-email').fill('fan@example.com');
    await page.locator('#signup-name').fill('Fan');
    await page.locator('#signup-password').fill('password'); // too common: the server's message, in German
    await page.locator('#signup-form button[type="submit"]').click();
    await eventually(async () => (await text(page, '#signup-form [data-error]')) !== '', { message: 'the weak password message' });
    await expectGerman('the sign-up form');
    assert.equal(await text(page, '#signup-form [data-error]'), 'Dieses Passwort wird zu häufig verwendet. Bitte wähl ein anderes.');

    await page.locator('#signup-password').fill('terrace-chant-55');
    await page.locator('#signup-form button[type="submit"]').click();
    await page.getByRole('heading', { name: 'E-Mail-Adresse bestätigen' }).waitFor();
    const code = await server.waitForCode('fan@example.com');
    await page.locator('#verify-code').fill(code === '000000' ? '111111' : '000000');
    await page.locator('#verify-form button[type="submit"]').click();
    await eventually(async () => (await text(page, '#verify-form [data-error]')) !== '', { message: 'the wrong code' });
    await expectGerman('the code form');
    assert.equal(await text(page, '#verify-form [data-error]'), 'Dieser Code stimmt nicht. Noch 4 Versuche.');
    assert.match(await text(page, '#resend-wait'), /^Einen neuen Code kannst du in \d+ s anfordern\.$/);

    await page.locator('#verify-code').fill(code);
    await page.locator('#verify-form button[type="submit"]').click();
    await page.locator('#login-form').waitFor();
    await expectGerman('the login form');
    await page.locator('#login-password').fill('terrace-chant-55');
    await page.locator('#login-form button[type="submit"]').click();
    await page.locator('#welcome').waitFor();
    assert.equal(await text(page, '#welcome h2'), 'Hallo, Fan');
    await expectGerman('the start page, logged in');
  });

  it('plays an event in German: the board, neighbours, the overtaken notice and the standings', async () => {
    await page.goto(`${server.url}e/derby`);
    await page.locator('#game').waitFor();
    await eventually(async () => !(await page.locator('#action').isDisabled()), { message: 'the buttons' });
    await page.locator('body').press('1'); // a goal: 3
    await eventually(async () => (await text(page, '#my-score')) === '3', { message: 'a goal' });
    await players.act(0, { event: 'derby', action: 'goal', times: 2 }); // Rival: 6
    await eventually(async () => (await text(page, '#overtaken')) === 'Rival hat dich überholt – du bist jetzt auf Platz 2.',
      { message: 'the overtaken notice' });
    await eventually(async () => (await page.locator('#around li').count()) === 2, { message: 'the neighbours' });
    await page.locator('#standings-box summary').click();
    await eventually(async () => (await text(page, '#standings-info')) === '1–2 von 2', { message: 'the standings' });
    assert.equal(await text(page, '#board-title'), 'City derby – Live-Top 10');
    assert.match(await text(page, '#board-rows tr.me'), /Fan \(du\)/);
    assert.equal(await page.title(), 'City derby – Scoreboard');
    await expectGerman('an event\'s page');
  });

  it('says a scheduled event has not started, in German', async () => {
    await page.goto(`${server.url}e/gala`);
    await eventually(async () => (await text(page, '#action-hint')) === 'Dieses Event hat noch nicht begonnen.', { message: 'the hint' });
    await eventually(async () => /^Beginnt in/.test(await text(page, '#event-meta')), { message: 'the countdown' });
    await expectGerman('a scheduled event\'s page');
  });

  it('shows the big screen in German', async () => {
    for (const slug of ['derby', 'heats']) {
      await page.goto(`${server.url}screen/${slug}`);
      await eventually(async () => (await text(page, '#status')) === 'Live' && (await page.locator('#rows li').count()) > 0,
        { message: `the big screen of ${slug}` });
      if (slug === 'heats') assert.equal(await text(page, '#season'), 'Endstand');
      await expectGerman(`the big screen of ${slug}`);
    }
  });

  it('switches to English with the select, keeps it, and follows ?lang=de', async () => {
    await page.goto(`${server.url}e/derby`);
    await page.locator('#game').waitFor();
    assert.equal(await page.locator('#lang').inputValue(), 'de');
    await page.locator('#lang').selectOption('en');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await text(page, '#board-title'), 'City derby — Live Top 10');
    assert.equal(await text(page, '#game-title'), 'Hello, Fan');
    assert.equal(await page.evaluate(() => localStorage.getItem('scoreboard.lang')), 'en');
    await page.reload();
    await eventually(async () => (await text(page, '#board-title')) === 'City derby — Live Top 10', { message: 'English kept' });
    await page.goto(`${server.url}e/derby?lang=de`);
    await eventually(async () => (await text(page, '#board-title')) === 'City derby – Live-Top 10', { message: '?lang=de' });
    await page.locator('#lang').selectOption('de');
    assert.equal(new URL(page.url()).search, '', 'the chosen language replaces ?lang=');
    assert.equal(await page.evaluate(() => localStorage.getItem('scoreboard.lang')), 'de');
  });

  it('logs no errors', () => {
    assert.deepEqual(problems, []);
  });
});

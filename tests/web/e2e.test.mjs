// End-to-end tests of the browser page (server/web) against the real scoreboard-server, in
// Debian's Chromium. Run: SCOREBOARD_SERVER_BIN=build/bin/scoreboard-server node --test e2e.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { TestServer, launchBrowser, signUpAndLogIn, logIn, eventually, serverBin } from './harness.mjs';

const text = async (page, selector) => ((await page.locator(selector).textContent()) ?? '').trim();

async function boardRows(page) {
  return page.locator('#board-rows tr').evaluateAll((rows) => rows.map((tr) => ({
    cells: Array.from(tr.cells, (td) => td.textContent.trim()),
    me: tr.classList.contains('me'),
  })));
}

describe('browser page', { timeout: 120_000 }, () => {
  let server;
  let browser;
  const problems = []; // console errors and CSP violations on any page
  const alice = { email: 'alice@example.com', name: 'Alice', password: 'violet-harbour-42' };
  const bob = { email: 'bob@example.com', name: 'Bob', password: 'quiet-lantern-77' };
  let alicePage;
  let viewer;
  let bobPage;

  async function newPage() {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`); });
    return page;
  }

  before(async () => {
    server = new TestServer();
    await server.start();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('serves the page with its headers', async () => {
    // The start page and the default event's page are the same file.
    for (const path of ['', 'e/main']) {
      const page = await fetch(server.url + path);
      assert.equal(page.status, 200, path);
      assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
      const csp = page.headers.get('content-security-policy');
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /connect-src 'self'/);
      assert.match(csp, /frame-ancestors 'none'/);
    }
    const scripts = ['app.js', 'connection.js', 'eventinfo.js', 'i18n.js', 'start.js', 'screen.js']
      .map((path) => [path, 'text/javascript; charset=utf-8']);
    for (const [path, type] of [...scripts, ['app.css', 'text/css; charset=utf-8']]) {
      const res = await fetch(server.url + path);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('content-type'), type);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('cache-control'), 'no-cache');
    }
  });

  it('shows the live board to an anonymous viewer', async () => {
    viewer = await newPage();
    await viewer.goto(`${server.url}e/main`);
    await eventually(async () => (await text(viewer, '#status')) === 'Live', { message: 'viewer live' });
    assert.equal(await viewer.locator('#board-empty').isVisible(), true);
    assert.equal(await viewer.locator('#login-form').isVisible(), true);
  });

  it('signs up with the mailed code, shows errors, and logs in', async () => {
    alicePage = await newPage();
    const page = alicePage;
    await page.goto(`${server.url}e/main`);
    await page.getByRole('button', { name: 'Create an account' }).click();
    const signup = page.locator('#signup-form');
    await signup.getByLabel('E-mail').fill(alice.email);
    await signup.getByLabel('Display name').fill(alice.name);
    // A common password: the server's own message is shown.
    await signup.getByLabel('Password').fill('password');
    await signup.getByRole('button', { name: 'Sign up', exact: true }).click();
    const signupError = signup.locator('[data-error]');
    await signupError.waitFor();
    assert.match(await signupError.textContent(), /password/i);
    assert.equal(await signup.getByLabel('Password').getAttribute('aria-invalid'), 'true');

    await signup.getByLabel('Password').fill(alice.password);
    await signup.getByRole('button', { name: 'Sign up', exact: true }).click();
    await page.getByRole('heading', { name: 'Confirm your e-mail' }).waitFor();
    assert.equal(await page.locator('#resend').isDisabled(), true, 'resend waits for the countdown');
    assert.match(await text(page, '#resend-wait'), /\d+ s/);

    const code = await server.waitForCode(alice.email);
    const wrong = code === '000000' ? '111111' : '000000';
    const verify = page.locator('#verify-form');
    await verify.getByLabel('Code from the e-mail').fill(wrong);
    await verify.getByRole('button', { name: 'Confirm', exact: true }).click();
    await eventually(async () => /not right\. 4 tries left/.test(await verify.locator('[data-error]').textContent()),
      { message: 'otp_invalid message' });

    await verify.getByLabel('Code from the e-mail').fill(code);
    await verify.getByRole('button', { name: 'Confirm', exact: true }).click();
    await page.locator('#login-form').waitFor();
    assert.match(await page.locator('#login-form [data-error]').textContent(), /confirmed/);
    assert.equal(await page.locator('#login-email').inputValue(), alice.email);

    // Wrong password first.
    await logInExpectingError(page, { email: alice.email, password: 'not-the-password' }, /not right/);
    await logIn(page, alice);
    assert.equal(await text(page, '#game-name'), 'Alice');
    assert.equal(await text(page, '#account-name'), 'Alice');
    assert.equal(await text(page, '#my-score'), '0');
    const stored = await page.evaluate(() => ({
      token: localStorage.getItem('scoreboard.token'),
      device: localStorage.getItem('scoreboard.deviceId'),
    }));
    assert.ok(stored.token && stored.token.length > 20);
    assert.ok(stored.device && stored.device.length > 10);
    // The big button has focus after logging in.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'action');
  });

  async function logInExpectingError(page, creds, pattern) {
    const login = page.locator('#login-form');
    await login.getByLabel('E-mail').fill(creds.email);
    await login.getByLabel('Password').fill(creds.password);
    await login.getByRole('button', { name: 'Log in', exact: true }).click();
    await eventually(async () => pattern.test((await login.locator('[data-error]').textContent()) ?? ''),
      { message: `login error ${pattern}` });
  }

  it('raises the score with the button, Enter and Space', async () => {
    const page = alicePage;
    await page.locator('#action').click();
    await eventually(async () => (await text(page, '#my-score')) === '10', { message: 'score 10' });
    assert.equal(await text(page, '#my-rank'), '#1');
    await page.locator('#action').focus();
    await page.keyboard.press('Enter');
    await eventually(async () => (await text(page, '#my-score')) === '20', { message: 'score 20 (Enter)' });
    await page.keyboard.press('Space');
    await eventually(async () => (await text(page, '#my-score')) === '30', { message: 'score 30 (Space)' });
    // Own row highlighted on the player's board.
    await eventually(async () => {
      const rows = await boardRows(page);
      return rows.length === 1 && rows[0].me && rows[0].cells[2] === '30' && rows[0].cells[1].includes('(you)');
    }, { message: 'own row highlighted' });
  });

  it('fits a 360 px phone screen without sideways scrolling', async () => {
    const page = alicePage;
    await page.setViewportSize({ width: 360, height: 740 });
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
    }));
    assert.ok(widths.scroll <= widths.client, JSON.stringify(widths));
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  it('updates the anonymous viewer live', async () => {
    await eventually(async () => {
      const rows = await boardRows(viewer);
      return rows.length === 1 && rows[0].cells[1] === 'Alice' && rows[0].cells[2] === '30' && !rows[0].me;
    }, { message: 'viewer sees Alice with 30' });

    bobPage = await newPage();
    await bobPage.goto(`${server.url}e/main`);
    await signUpAndLogIn(bobPage, server, bob);
    for (let i = 0; i < 4; i++) await bobPage.locator('#action').click();
    await eventually(async () => (await text(bobPage, '#my-score')) === '40', { message: 'bob 40' });
    assert.equal(await text(bobPage, '#my-rank'), '#1');
    await eventually(async () => {
      const rows = await boardRows(viewer);
      return rows.length === 2 && rows[0].cells[1] === 'Bob' && rows[0].cells[2] === '40'
        && rows[1].cells[1] === 'Alice';
    }, { message: 'viewer sees Bob above Alice' });
    // Changed rows flash.
    assert.ok(await viewer.locator('#board-rows tr.changed').count() >= 1);
  });

  it('tells the first page when the account signs in on another device', async () => {
    const desktop = await newPage();
    await desktop.goto(`${server.url}e/main`); // a same-origin page; its WebSocket plays the desktop app
    const reply = await desktop.evaluate(async ({ port, email, password }) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, 'scoreboard.v1');
      await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
      const answer = new Promise((resolve) => { socket.onmessage = (e) => resolve(JSON.parse(e.data)); });
      socket.send(JSON.stringify({ id: 1, type: 'auth.login',
        data: { email, password, deviceId: 'desktop-test-device', deviceName: 'Desktop' } }));
      return { reply: await answer, protocol: socket.protocol };
    }, { port: server.port, email: alice.email, password: alice.password });
    assert.equal(reply.protocol, 'scoreboard.v1');
    assert.equal(reply.reply.ok, true, JSON.stringify(reply.reply));

    const page = alicePage;
    await page.locator('#notice').waitFor();
    assert.match(await text(page, '#notice-text'), /signed in on another device/);
    await page.locator('#login-form').waitFor();
    assert.equal(await page.locator('#game').isVisible(), false);
    assert.equal(await page.locator('#account').isVisible(), false);
    assert.equal(await page.evaluate(() => localStorage.getItem('scoreboard.token')), null);
    // Still a live viewer after being signed out.
    await eventually(async () => (await text(page, '#status')) === 'Live', { message: 'live again' });
    assert.equal((await boardRows(page)).length, 2);
    await desktop.context().close();
  });

  it('reconnects and resumes after the server restarts', async () => {
    const page = bobPage;
    await server.stop();
    await eventually(async () => (await page.locator('#status').getAttribute('data-state')) === 'reconnecting',
      { message: 'reconnecting state' });
    assert.match(await text(page, '#status'), /Reconnecting/);
    assert.equal(await page.locator('#action').isDisabled(), true);
    await server.start();
    await eventually(async () => (await text(page, '#status')) === 'Live', { timeout: 40_000, message: 'live after restart' });
    await eventually(async () => !(await page.locator('#action').isDisabled()), { message: 'button enabled' });
    assert.equal(await text(page, '#account-name'), 'Bob');
    await page.locator('#action').click();
    await eventually(async () => (await text(page, '#my-score')) === '50', { message: 'bob 50 after restart' });
    await eventually(async () => {
      const rows = await boardRows(viewer);
      return rows.length === 2 && rows[0].cells[2] === '50';
    }, { timeout: 40_000, message: 'viewer resubscribed after restart' });
  });

  it('logs out', async () => {
    const page = bobPage;
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.locator('#login-form').waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('scoreboard.token')), null);
    assert.match(await page.locator('#login-form [data-error]').textContent(), /logged out/);
  });

  it('tells a player whose account staff suspend', async () => {
    const carol = { email: 'carol@example.com', name: 'Carol', password: 'amber-meadow-19' };
    const page = await newPage();
    await page.goto(`${server.url}e/main`);
    await signUpAndLogIn(page, server, carol);
    await page.locator('#action').click();
    await eventually(async () => (await text(page, '#my-score')) === '10', { message: 'carol 10' });

    // An admin (created with add-staff while the server runs) suspends her from another socket.
    const staff = { email: 'olga@staff.example', password: 'staff pass phrase 7' };
    const created = spawnSync(serverBin, ['add-staff', '--data-dir', server.dataDir,
      '--email', staff.email, '--role', 'admin'],
    { env: { ...process.env, SCOREBOARD_PASSWORD: staff.password }, encoding: 'utf8' });
    assert.equal(created.status, 0, created.stderr);
    const consolePage = await newPage();
    await consolePage.goto(`${server.url}e/main`);
    const result = await consolePage.evaluate(async ({ port, email, password, name }) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, 'scoreboard.v1');
      await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
      const waiting = new Map();
      socket.onmessage = (e) => {
        const message = JSON.parse(e.data);
        if (message.re != null && waiting.has(message.re)) waiting.get(message.re)(message);
      };
      let next = 1;
      const request = (type, data) => new Promise((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        socket.send(JSON.stringify({ id, type, data }));
      });
      const login = await request('auth.login',
        { email, password, deviceId: 'console-test-device', deviceName: 'Console' });
      if (!login.ok) return { step: 'login', reply: login };
      const board = await request('leaderboard.subscribe', { limit: 10 });
      const row = board.ok && board.data.top.find((r) => r.displayName === name);
      if (!row) return { step: 'board', reply: board };
      return { step: 'suspend', reply: await request('admin.suspend', { userId: row.userId, reason: 'cheating' }) };
    }, { port: server.port, email: staff.email, password: staff.password, name: carol.name });
    assert.equal(result.step, 'suspend', JSON.stringify(result));
    assert.equal(result.reply.ok, true, JSON.stringify(result.reply));

    await page.locator('#notice').waitFor();
    assert.match(await text(page, '#notice-text'), /suspended/);
    await page.locator('#login-form').waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('scoreboard.token')), null);
    // She is off the boards, and logging in again (once the page is back as a viewer) says why.
    await eventually(async () => !(await boardRows(viewer)).some((r) => r.cells[1] === 'Carol'),
      { message: 'carol off the board' });
    await eventually(async () => (await text(page, '#status')) === 'Live', { message: 'page live again' });
    const login = page.locator('#login-form');
    await login.getByLabel('E-mail').fill(carol.email);
    await login.getByLabel('Password').fill(carol.password);
    await login.getByRole('button', { name: 'Log in', exact: true }).click();
    await eventually(async () => /suspended/.test((await login.locator('[data-error]').textContent()) ?? ''),
      { message: 'login refused as suspended' });
    await consolePage.context().close();
    await page.context().close();
  });

  it('had no console errors or CSP violations', () => {
    // Chromium logs failed WebSocket connections while the server is down; those are expected.
    const unexpected = problems.filter((p) => !/WebSocket connection to .* failed|ERR_CONNECTION_REFUSED/.test(p));
    assert.deepEqual(unexpected, []);
  });
});

// Captures the screenshots in docs/web/ from a throwaway server.
// Run: SCOREBOARD_SERVER_BIN=build/bin/scoreboard-server node tests/web/screenshots.mjs
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { TestServer, launchBrowser, signUpAndLogIn, eventually, serverBin } from './harness.mjs';

const out = fileURLToPath(new URL('../../docs/web/', import.meta.url));
mkdirSync(out, { recursive: true });

const server = new TestServer();
// Events beside `main`, made with the real command line.
for (const args of [
  ['--slug', 'derby', '--title', 'City derby', '--category', 'football', '--reset-every', 'PT1H', '--actions',
    '[{"kind":"goal","label":"Goal","points":3},{"kind":"assist","label":"Assist","points":1}]'],
  ['--slug', 'gala', '--title', 'Evening gala', '--starts-at', new Date(Date.now() + 5 * 3_600_000).toISOString()],
  ['--slug', 'heats', '--title', 'Morning heats', '--category', 'sprint'],
]) {
  const run = spawnSync(serverBin, ['event', 'create', ...args, '--data-dir', server.dataDir], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
}
await server.start();
const browser = await launchBrowser();
try {
  const players = [
    ['Marguerite', 9], ['Ayo', 7], ['Jonas', 5], ['Wei', 4], ['Priya', 2],
  ];
  for (const [name, presses] of players) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}e/main`);
    await signUpAndLogIn(page, server, {
      email: `${name.toLowerCase()}@example.com`, name, password: `shot-${name}-password-1`,
    });
    for (let i = 0; i < presses; i++) await page.locator('#action').click();
    await eventually(async () => (await page.locator('#my-score').textContent()) === String(presses * 10));
    await context.close();
  }

  const signup = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  await signup.goto(`${server.url}e/main`);
  await signup.getByRole('button', { name: 'Create an account' }).click();
  await signup.locator('#signup-email').fill('sam@example.com');
  await signup.locator('#signup-name').fill('Sam');
  await signup.locator('#signup-password').focus();
  await signup.screenshot({ path: `${out}signup-phone.png`, fullPage: true });

  const desktop = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await desktop.goto(`${server.url}e/main`);
  await signUpAndLogIn(desktop, server, { email: 'you@example.com', name: 'You', password: 'shot-you-password-1' });
  for (let i = 0; i < 6; i++) await desktop.locator('#action').click();
  await eventually(async () => (await desktop.locator('#my-score').textContent()) === '60');
  await desktop.waitForTimeout(1800); // let the change highlight fade
  await desktop.locator('#action').focus();
  await desktop.screenshot({ path: `${out}game-desktop.png` });

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  await phone.goto(`${server.url}e/main`);
  await phone.locator('#login-email').fill('you@example.com');
  await phone.locator('#login-password').fill('shot-you-password-1');
  await phone.locator('#login-form').getByRole('button', { name: 'Log in', exact: true }).click();
  await phone.locator('#game').waitFor();
  await phone.locator('#action').click();
  await eventually(async () => (await phone.locator('#my-score').textContent()) === '70');
  await phone.waitForTimeout(300);
  await phone.screenshot({ path: `${out}game-phone.png`, fullPage: true });

  // The desktop page was signed out by the phone's login.
  await desktop.locator('#notice').waitFor();
  await desktop.waitForTimeout(1800);
  await desktop.screenshot({ path: `${out}signed-in-elsewhere-desktop.png` });

  // An event's page, at desktop and phone width: its actions, own row and neighbours.
  for (const [file, viewport, scale] of [['event-desktop.png', { width: 1280, height: 900 }, 1],
    ['event-phone.png', { width: 390, height: 844 }, 2]]) {
    const event = await browser.newPage({ viewport, deviceScaleFactor: scale });
    await event.goto(`${server.url}e/derby`);
    await event.locator('#login-email').fill('you@example.com');
    await event.locator('#login-password').fill('shot-you-password-1');
    await event.locator('#login-form').getByRole('button', { name: 'Log in', exact: true }).click();
    await event.locator('#game').waitFor();
    if (file === 'event-desktop.png') {
      for (const [name, key, presses] of [['Marguerite', '1', 3], ['Ayo', '2', 2], ['You', '1', 2]]) {
        const context = await browser.newContext();
        const other = await context.newPage();
        await other.goto(`${server.url}e/derby`);
        if (name === 'You') {
          await other.close();
          for (let i = 0; i < presses; i++) await event.locator('body').press(key);
          continue;
        }
        await other.locator('#login-email').fill(`${name.toLowerCase()}@example.com`);
        await other.locator('#login-password').fill(`shot-${name}-password-1`);
        await other.locator('#login-form').getByRole('button', { name: 'Log in', exact: true }).click();
        await other.locator('#game').waitFor();
        for (let i = 0; i < presses; i++) await other.locator('body').press(key);
        await eventually(async () => (await other.locator('#my-score').textContent()) !== '0', { message: `${name}'s score` });
        await context.close();
      }
      await eventually(async () => (await event.locator('#my-score').textContent()) === '6', { message: `own score (${await event.locator('#my-score').textContent()}, ${await event.locator('#action-error').textContent()})` });
    }
    await eventually(async () => !(await event.locator('#around-box').isHidden()), { message: `own row on ${file}` });
    await event.waitForTimeout(1800); // let the change highlight fade
    await event.screenshot({ path: `${out}${file}`, fullPage: true });
    await event.close();
  }

  // The start page: the heats end with Ayo ahead, then the events at desktop and phone width, and
  // in German.
  {
    const context = await browser.newContext();
    const heats = await context.newPage();
    await heats.goto(`${server.url}e/heats`);
    await heats.locator('#login-email').fill('ayo@example.com');
    await heats.locator('#login-password').fill('shot-Ayo-password-1');
    await heats.locator('#login-form').getByRole('button', { name: 'Log in', exact: true }).click();
    await heats.locator('#game').waitFor();
    for (let i = 0; i < 3; i++) await heats.locator('#action').click();
    await eventually(async () => (await heats.locator('#my-score').textContent()) === '30', { message: 'Ayo in the heats' });
    await context.close();
    const run = spawnSync(serverBin, ['event', 'close', '--slug', 'heats', '--data-dir', server.dataDir], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
  }
  for (const [file, viewport, scale, locale] of [['start-desktop.png', { width: 1280, height: 800 }, 1, 'en-US'],
    ['start-phone.png', { width: 390, height: 844 }, 2, 'en-US'],
    ['start-desktop-de.png', { width: 1280, height: 800 }, 1, 'de-DE']]) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: scale, locale });
    const start = await context.newPage();
    await start.goto(server.url);
    await eventually(async () => (await start.locator('li[data-slug="heats"][data-state="closed"] .winner').textContent()) !== ''
      && (await start.locator('li[data-slug="main"] .leaders li').count()) === 3, { message: `the events on ${file}` });
    await start.screenshot({ path: `${out}${file}`, fullPage: scale > 1 });
    await context.close();
  }

  // The big screen of the same board, as a venue display and as a stream overlay.
  for (const [file, query, options] of [['screen-1080p.png', '', {}],
    ['screen-overlay-1080p.png', '?overlay=1', { omitBackground: true }]]) {
    const screen = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await screen.goto(`${server.url}screen/main`);
    await eventually(async () => (await screen.locator('#rows li').count()) === 6);
    if (query) await screen.goto(`${server.url}screen/main${query}`);
    await eventually(async () => (await screen.locator('#rows li').count()) === 6);
    await screen.waitForTimeout(900); // the rows' slide into place
    await screen.screenshot({ path: `${out}${file}`, ...options });
    await screen.close();
  }
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  await server.dispose();
}

// The page over HTTPS and WSS, with the server's own TLS (tls-cert, tls-key): a self-signed
// certificate made here with openssl, which Chromium is told to accept. Run:
// SCOREBOARD_SERVER_BIN=build/bin/scoreboard-server node --test tls.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestServer, launchBrowser, signUpAndLogIn, eventually } from './harness.mjs';

describe('browser page over HTTPS', { timeout: 90_000 }, () => {
  let server;
  let browser;
  let dir;
  const problems = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scoreboard-tls-'));
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt',
      'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '2',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);
    assert.equal(made.status, 0, String(made.stderr));
    // The harness's own health check (Node's fetch) must accept the self-signed certificate too.
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    server = new TestServer({ tls: { cert, key } });
    await server.start();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('plays and watches over wss:// with Strict-Transport-Security', async () => {
    const res = await fetch(server.url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('strict-transport-security'), 'max-age=31536000');

    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(String(e)));
    const sockets = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await page.goto(`${server.url}e/main`);
    await signUpAndLogIn(page, server,
      { email: 'tess@example.com', name: 'Tess', password: 'amber-kettle-31' });
    await page.getByRole('button', { name: 'Score!' }).click();
    await eventually(async () => (await page.locator('#board-rows tr').allTextContents())
      .some((row) => row.includes('Tess')), { message: 'Tess on the board' });
    assert.ok(sockets.length > 0 && sockets.every((url) => url.startsWith('wss://')), sockets.join(' '));
    assert.deepEqual(problems, []);
    await context.close();
  });
});

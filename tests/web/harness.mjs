// Shared helpers for the browser tests: runs the real scoreboard-server and Debian's Chromium.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync, readFileSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { chromium } from 'playwright-core';

export const serverBin = process.env.SCOREBOARD_SERVER_BIN;

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    headless: true,
    // English unless a test's context asks for another locale (the page follows the browser).
    args: ['--lang=en-US', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// A scoreboard-server in a temporary folder, with the per-address limits raised so that one test
// address can sign up many players.
export class TestServer {
  // `tls`: {cert, key} PEM files to serve HTTPS and WSS with.
  constructor({ tls } = {}) {
    if (!serverBin) throw new Error('set SCOREBOARD_SERVER_BIN to the scoreboard-server binary');
    this.dir = mkdtempSync(join(tmpdir(), 'scoreboard-web-'));
    this.dataDir = join(this.dir, 'data');
    this.mailDir = join(this.dir, 'mail');
    this.configFile = join(this.dir, 'server.conf');
    writeFileSync(this.configFile, [
      'challenge-delay-ms=50',
      '[limits]',
      'signup-per-address=100000:1',
      'verify-per-address=100000:1',
      'login-per-address=100000:1',
      '',
    ].join('\n'));
    this.tls = tls;
    if (tls) {
      writeFileSync(this.configFile, `tls-cert=${tls.cert}\ntls-key=${tls.key}\n${readFileSync(this.configFile, 'utf8')}`);
    }
    this.port = 0;
    this.process = null;
    this.log = '';
  }

  get url() {
    return `${this.tls ? 'https' : 'http'}://127.0.0.1:${this.port}/`;
  }

  async start() {
    if (!this.port) this.port = await freePort();
    const child = spawn(serverBin, ['--config', this.configFile, '--listen', '127.0.0.1',
      '--port', String(this.port), '--data-dir', this.dataDir, '--mail-dir', this.mailDir],
    { stdio: ['ignore', 'pipe', 'pipe'] });
    this.process = child;
    child.stdout.on('data', (d) => { this.log += d; });
    child.stderr.on('data', (d) => { this.log += d; });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    this.exited = exited;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}:\n${this.log}`);
      try {
        const res = await fetch(`${this.url}healthz`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`server did not start:\n${this.log}`);
  }

  async stop() {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
    this.process = null;
  }

  async dispose() {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  // The code from the newest mail to `email`.
  latestCode(email) {
    let files;
    try {
      files = readdirSync(this.mailDir).filter((f) => f.endsWith('.eml'));
    } catch {
      return null;
    }
    const mails = files.map((f) => join(this.mailDir, f))
      .map((path) => ({ path, mtime: statSync(path).mtimeMs, text: readFileSync(path, 'utf8') }))
      .filter((m) => m.text.toLowerCase().includes(`to: ${email.toLowerCase()}`)
        || m.text.toLowerCase().includes(`<${email.toLowerCase()}>`))
      .sort((a, b) => b.mtime - a.mtime || b.path.localeCompare(a.path));
    for (const mail of mails) {
      const body = mail.text.slice(mail.text.indexOf('\r\n\r\n'));
      const match = body.match(/\b(\d{6})\b/);
      if (match) return match[1];
    }
    return null;
  }

  async waitForCode(email, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const code = this.latestCode(email);
      if (code) return code;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no code mailed to ${email}`);
  }
}

// Drives the page's own forms: sign-up, code, login. Leaves the page on the game view.
export async function signUpAndLogIn(page, server, { email, name, password }) {
  await page.getByRole('button', { name: 'Create an account' }).click();
  const signup = page.locator('#signup-form');
  await signup.getByLabel('E-mail').fill(email);
  await signup.getByLabel('Display name').fill(name);
  await signup.getByLabel('Password').fill(password);
  await signup.getByRole('button', { name: 'Sign up', exact: true }).click();
  await page.getByRole('heading', { name: 'Confirm your e-mail' }).waitFor();
  const code = await server.waitForCode(email);
  const verify = page.locator('#verify-form');
  await verify.getByLabel('Code from the e-mail').fill(code);
  await verify.getByRole('button', { name: 'Confirm', exact: true }).click();
  await logIn(page, { email, password });
}

export async function logIn(page, { email, password }) {
  const login = page.locator('#login-form');
  await login.waitFor();
  await login.getByLabel('E-mail').fill(email);
  await login.getByLabel('Password').fill(password);
  await login.getByRole('button', { name: 'Log in', exact: true }).click();
  await page.locator('#game').waitFor();
}

// Polls `probe` until it returns a truthy value.
export async function eventually(probe, { timeout = 10_000, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${message} (last: ${JSON.stringify(last)})`);
}

// Players on WebSockets of their own inside one browser page (`page`, opened on the server's
// origin, e.g. at /healthz): for tests that need many players acting without a page each.
export class SocketPlayers {
  constructor(page, server) {
    this.page = page;
    this.server = server;
  }

  // Signs up (code from the mail folder), verifies and logs in player `i`; returns its user id.
  async add(i, { email, name, password = 'stadium-lights-93' }) {
    await this.page.evaluate(async ({ i, email, name, password }) => {
      const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`, 'scoreboard.v1');
      const pending = new Map();
      let next = 1;
      ws.onmessage = (e) => {
        const m = JSON.parse(e.data);
        if (pending.has(m.re)) { pending.get(m.re)(m); pending.delete(m.re); }
      };
      const request = (type, data = {}) => new Promise((resolve) => {
        const id = next++;
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, type, data }));
      });
      await new Promise((resolve) => { ws.onopen = resolve; });
      window.players ??= [];
      window.players[i] = { request, email, password };
      const reply = await request('auth.signup', { email, password, displayName: name });
      if (!reply.ok) throw new Error(JSON.stringify(reply));
    }, { i, email, name, password });
    const code = await this.server.waitForCode(email);
    return this.page.evaluate(async ({ i, code }) => {
      const p = window.players[i];
      for (const [type, data] of [['auth.verify', { email: p.email, code }],
        ['auth.login', { email: p.email, password: p.password, deviceId: `socket-player-${i}` }]]) {
        const reply = await p.request(type, data);
        if (!reply.ok) throw new Error(JSON.stringify(reply));
        if (type === 'auth.login') p.userId = reply.data.user.id;
      }
      return p.userId;
    }, { i, code });
  }

  // Player `i` acts `times` times in `event` (kind `action`, or the first); resolves with
  // {userId, score} after the last reply.
  act(i, { event, action, times = 1 } = {}) {
    return this.page.evaluate(async ({ i, event, action, times }) => {
      const p = window.players[i];
      let reply;
      for (let n = 0; n < times; ++n) {
        const challenge = await p.request('score.challenge', { event, action });
        if (!challenge.ok) throw new Error(JSON.stringify(challenge));
        await new Promise((r) => setTimeout(r, challenge.data.notBeforeMs + 5));
        reply = await p.request('score.action', { challengeId: challenge.data.challengeId });
        if (!reply.ok) throw new Error(JSON.stringify(reply));
      }
      return { userId: p.userId, score: reply.data.score };
    }, { i, event, action, times });
  }
}

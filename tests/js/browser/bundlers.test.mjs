// The npm package in the bundlers people use (issue #16): the tarball from `npm pack`
// installed into a fresh project, the app of tests/js/bundlers/app built by esbuild, Vite and
// webpack as bindings-wasm/js/README.md ("One module, every host") tells a user, each dist
// served on 127.0.0.1 and run in headless Chromium. The page must show the companion outcome
// (SPEC: `request_unlink` → effect send OTP, the relationship still `active`), a bad URL given
// to `init` must reject with `QuytrinhError` `load_failed`, no request may leave the local
// server, and nothing may be logged as an error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../support.mjs';
import { pack, project, filesUnder } from '../bundlers/tarball.mjs';
import { serve } from './server.mjs';
import { launch } from './chromium.mjs';

const bin = (name) => join(root, '.tools/bundlers/node_modules/.bin', name);

/**
 * Each bundler's build as the README's recipe has it (the binary is the key's name): `args`
 * given the dist directory; `page` makes the dist's index.html from the app's (Vite builds
 * the page itself).
 */
const BUNDLERS = {
  // The bundle in assets/ below the page, as Vite lays it out: the `.wasm` URL esbuild gives
  // is relative to the bundle, not to the page.
  esbuild: {
    args: (out) => [
      'main.esbuild.js',
      '--bundle',
      '--format=esm',
      '--loader:.wasm=file',
      `--outfile=${out}/assets/main.js`,
    ],
    page: (html) => html.replace('src="./main.js"', 'src="./assets/main.js"'),
  },
  vite: { args: (out) => ['build', '--outDir', out, '--emptyOutDir'] },
  webpack: {
    args: (out) => ['build', '--entry', './main.js', '--mode', 'production', '--output-path', out],
    page: (html) => html,
  },
};

let dir;
let browser;
const servers = [];

before(() => {
  dir = project(pack('project-tarball'));
});

// The browser first: a server closes once its keep-alive connections are gone.
after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
});

/** Builds the app with `name` into dist/<name>; the dist directory. */
function build(name) {
  const { args, page } = BUNDLERS[name];
  const out = join(dir, 'dist', name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  try {
    execFileSync(bin(name), args(out), {
      cwd: dir,
      encoding: 'utf8',
      stdio: 'pipe',
      env: { ...process.env, NO_COLOR: '1' },
    });
  } catch (e) {
    throw new Error(`${name} failed:\n${e.stdout}\n${e.stderr}`);
  }
  if (page) writeFileSync(join(out, 'index.html'), page(readFileSync(join(dir, 'index.html'), 'utf8')));
  return out;
}

/** Opens `path` of the dist served at `server`; what the page showed, requested and logged. */
async function visit(server, path) {
  browser ??= await launch();
  const page = await browser.context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push({ text: e.message, url: '' }));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push({ text: m.text(), url: m.location().url });
  });
  const wasmStatus = [];
  page.on('response', (r) => r.url().endsWith('.wasm') && wasmStatus.push([r.url(), r.status()]));
  try {
    await page.goto(`${server.url}${path}`);
    await page.waitForFunction(() => document.getElementById('status').textContent !== 'loading');
    const status = await page.textContent('#status');
    const text = await page.textContent('#result');
    assert.equal(status, 'done', text);
    return { result: JSON.parse(text), requests, errors, wasmStatus };
  } finally {
    await page.close();
  }
}

for (const name of Object.keys(BUNDLERS)) {
  test(`${name}: the app built from the tarball runs in Chromium`, async (t) => {
    const out = build(name);
    const wasm = filesUnder(out).filter((f) => f.endsWith('.wasm'));
    assert.equal(wasm.length, 1, `${name} emitted ${wasm.length} .wasm files: ${wasm.join(', ')}`);
    const server = await serve(out);
    servers.push(server);
    const local = (u) => u.startsWith(`${server.url}/`);

    await t.test('a companion unlink request: send OTP, the relationship still active', async () => {
      const { result, requests, errors, wasmStatus } = await visit(server, '/');
      assert.deepEqual(result, { effects: ['send_otp'], relationship: 'active' });
      assert.deepEqual(requests.filter((u) => !local(u)), [], 'requests left the local server');
      assert.deepEqual(errors, []);
      assert.deepEqual(
        wasmStatus.map(([u, s]) => [new URL(u).pathname.slice(1), s]),
        [[wasm[0], 200]],
        'the page loaded the emitted .wasm',
      );
    });

    await t.test('a bad URL given to init rejects with QuytrinhError load_failed', async () => {
      const { result, requests, errors } = await visit(server, '/?bad');
      const { message, ...bad } = result.badLoad;
      assert.deepEqual(bad, { rejected: true, quytrinhError: true, isError: true, code: 'load_failed' });
      assert.match(message, /no-such-module\.wasm/);
      // After a failed load, `init` as the recipe has it still loads the module.
      assert.deepEqual(result.effects, ['send_otp']);
      assert.deepEqual(requests.filter((u) => !local(u)), [], 'requests left the local server');
      // The only error logged is Chromium's own line for the missing file's 404.
      assert.deepEqual(
        errors.filter((e) => !(e.url.endsWith('/no-such-module.wasm') && /404/.test(e.text))),
        [],
      );
    });
  });
}

// The packed tarball (`npm pack`) as a user downloads it: exactly one `.wasm`, the licences,
// `repository` in package.json, every file package.json names present, and every relative
// link of README.md resolving to a file inside the package (issue #16).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { pack, unpack, filesUnder, relativeLinks, headingAnchors } from './tarball.mjs';

let dir;
let files;
let manifest;

before(() => {
  dir = unpack(pack('package-check'));
  files = filesUnder(dir);
  manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
});

test('the tarball carries exactly one .wasm, the one package.json exports', () => {
  const wasm = files.filter((f) => f.endsWith('.wasm'));
  assert.deepEqual(wasm, ['quytrinh_wasm_bg.wasm']);
  assert.equal(manifest.exports['./quytrinh_wasm_bg.wasm'], './quytrinh_wasm_bg.wasm');
  const magic = readFileSync(join(dir, wasm[0])).subarray(0, 4);
  assert.deepEqual([...magic], [0x00, 0x61, 0x73, 0x6d], 'the file is a WebAssembly module');
});

test('the tarball carries a licence text for each licence package.json names', () => {
  const licences = files.filter((f) => /^(LICEN[CS]E|COPYING)/i.test(f));
  assert.ok(licences.length > 0, `no LICENSE file among ${files.join(', ')}`);
  // SPDX `MIT OR Apache-2.0`: a file per licence, named by its family (LICENSE-MIT,
  // LICENSE-APACHE), each with the licence's own text.
  const titles = {
    MIT: /Permission is hereby granted, free of charge/,
    APACHE: /Apache License\s+Version 2\.0/,
  };
  for (const id of manifest.license.replace(/[()]/g, '').split(/\s+(?:OR|AND)\s+/)) {
    const family = id.split('-')[0].toUpperCase();
    const file = licences.find((f) => f.toUpperCase().includes(family));
    assert.ok(file, `no licence file for ${id} among ${licences.join(', ')}`);
    const text = readFileSync(join(dir, file), 'utf8');
    assert.match(text, titles[family], `${file} is not the ${id} text`);
  }
});

test('package.json names its repository', () => {
  const repo = manifest.repository;
  assert.ok(repo, 'package.json has no repository');
  const url = typeof repo === 'string' ? repo : repo.url;
  assert.match(url, /^(git\+)?https:\/\/|^github:|^[\w.-]+\/[\w.-]+$/);
});

test('every file package.json points to is in the tarball', () => {
  const targets = [manifest.main, manifest.module, manifest.browser, manifest.types];
  const walk = (v) => (typeof v === 'string' ? targets.push(v) : Object.values(v).forEach(walk));
  walk(manifest.exports);
  for (const t of targets.filter(Boolean)) {
    assert.ok(files.includes(posix.normalize(t)), `${t} is not in the tarball`);
  }
});

test('every relative link of README.md resolves inside the package', () => {
  const readme = readFileSync(join(dir, 'README.md'), 'utf8');
  const anchors = headingAnchors(readme);
  for (const { target, path, fragment } of relativeLinks(readme)) {
    const file = posix.normalize(path || 'README.md');
    assert.ok(!file.startsWith('..') && !file.startsWith('/'), `${target} points outside the package`);
    assert.ok(
      files.includes(file) || files.some((f) => f.startsWith(`${file.replace(/\/$/, '')}/`)),
      `${target} does not resolve inside the package`,
    );
    if (fragment && file === 'README.md') {
      assert.ok(anchors.includes(fragment), `${target}: no heading #${fragment} in README.md`);
    }
  }
});

test('the link check finds relative links and leaves absolute URLs and code out', () => {
  const md = [
    '# Tài liệu',
    'See [the guide](docs/guide.md#cài-đặt), ![logo](./logo.svg "Logo") and [home](https://x.invalid/q).',
    '[ref]: ../outside.md',
    '<a href="LICENSE-MIT">MIT</a> <img src="//cdn.invalid/a.png">',
    '`[not](a-link.md)`',
    '```',
    '[nor](this.md)',
    '```',
    '[top](#tài-liệu)',
  ].join('\n');
  assert.deepEqual(
    relativeLinks(md).map((l) => l.target),
    ['docs/guide.md#cài-đặt', './logo.svg', '#tài-liệu', '../outside.md', 'LICENSE-MIT'],
  );
  assert.deepEqual(headingAnchors('# One module, every host\n## Một mô-đun'), [
    'one-module-every-host',
    'một-mô-đun',
  ]);
});

/** Rust in a declaration file: a doctest copied from the crate's docs into a hover. */
export function rustInDeclarations(text) {
  const found = [];
  const fences = text.matchAll(/```(\w*)([\s\S]*?)```/g);
  for (const [, lang, body] of fences) {
    if (/^(rust|rs|no_run|ignore|should_panic|compile_fail|edition\d+)$/i.test(lang)) found.push(`a \`\`\`${lang} fence`);
    else if (/\b(let mut|fn main|assert!|::new\()/.test(body)) found.push('a fence of Rust');
  }
  for (const marker of ['assert_eq!', 'use quytrinh', '.unwrap()']) {
    if (text.includes(marker)) found.push(marker);
  }
  return found;
}

test('the declarations a hover shows are TypeScript, not Rust doctests', () => {
  const declarations = files.filter((f) => f.endsWith('.d.ts'));
  assert.ok(declarations.includes('index.d.ts') && declarations.includes('types.d.ts'), declarations.join(', '));
  for (const f of declarations) {
    const found = rustInDeclarations(readFileSync(join(dir, f), 'utf8'));
    assert.deepEqual(found, [], `${f} carries Rust: ${found.join(', ')}`);
  }
});

test('the Rust check finds a doctest and leaves TypeScript alone', () => {
  const doctest = '/**\n * ```\n * use quytrinh::kernel::Actor;\n * let a = Actor::new("ops", "O1");\n * assert_eq!(a.id, "O1");\n * ```\n */';
  assert.deepEqual(rustInDeclarations(doctest), ['a fence of Rust', 'assert_eq!', 'use quytrinh']);
  assert.deepEqual(rustInDeclarations('/** ```rust\n * x\n * ``` */'), ['a ```rust fence']);
  assert.deepEqual(rustInDeclarations("/** ```ts\n * const rel = WorkflowInstance.create('companion', { init });\n * ``` */"), []);
  assert.deepEqual(rustInDeclarations('/** `Some(x).unwrap()` */'), ['.unwrap()']);
});

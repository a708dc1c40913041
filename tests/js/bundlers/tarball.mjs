// The npm package as a user gets it: `npm pack` of build/wasm/pkg into build/bundlers/, the
// tarball unpacked, and a project that installs it. Shared by the package check and the
// bundler builds.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { root, pkgDir } from '../support.mjs';

const workDir = join(root, 'build/bundlers');

/**
 * `npm pack` of the built package into build/bundlers/<into>/ (one directory per suite, so
 * suites may run at once); the tarball's path.
 */
export function pack(into) {
  const dest = join(workDir, into);
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', pkgDir, '--json', '--pack-destination', dest], { encoding: 'utf8' }),
  );
  return join(dest, filename);
}

/** The tarball unpacked into a fresh directory; the package's root (npm's `package/`). */
export function unpack(tarball) {
  const dest = join(workDir, 'unpacked');
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', dest]);
  return join(dest, 'package');
}

/** Every file under `dir`, as POSIX paths relative to it, sorted. */
export function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)).split(sep).join('/'))
    .sort();
}

/**
 * A fresh project in build/bundlers/project with the tarball installed (`npm install
 * ./quytrinh-….tgz`: no dependencies, nothing fetched) and the app of tests/js/bundlers/app
 * copied beside it, as a user's project would be.
 */
export function project(tarball) {
  const dir = join(workDir, 'project');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'quytrinh-bundler-check', private: true, type: 'module' }, null, 2),
  );
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--save-exact', tarball], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (!existsSync(join(dir, 'node_modules/quytrinh/package.json'))) {
    throw new Error(`npm install ${tarball} did not install quytrinh into ${dir}`);
  }
  cpSync(join(root, 'tests/js/bundlers/app'), dir, { recursive: true });
  return dir;
}

/**
 * The links of a Markdown text that must resolve inside the package: inline `[t](target)`,
 * images, reference definitions `[r]: target` and HTML `href`/`src`, outside code. Absolute
 * URLs (`scheme:`) and `//host` links are left out; an anchor alone points to the file itself.
 * Returns `{ target, path, fragment }` with `path` relative to the Markdown file ('' for
 * the file itself).
 */
export function relativeLinks(markdown) {
  const text = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  const targets = [
    ...[...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
    ...[...text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]),
    ...[...text.matchAll(/\b(?:href|src)\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]),
  ];
  return targets
    .filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('//'))
    .map((target) => {
      const [path, fragment = ''] = target.split('#');
      return { target, path: decodeURIComponent(path), fragment };
    });
}

/** GitHub's anchor of a Markdown heading: lower case, punctuation out, spaces to `-`. */
export function headingAnchors(markdown) {
  const text = markdown.replace(/^```[\s\S]*?^```/gm, '');
  return [...text.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((m) =>
    m[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-'),
  );
}

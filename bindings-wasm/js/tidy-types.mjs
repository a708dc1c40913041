// Writes the package's types.d.ts from the declarations wasm-bindgen generated (tsify's
// domain types, then the glue's own classes and functions): keeps the domain types only (the
// glue is wrapped by api.js and typed by index.d.ts) and takes the Rust doc examples out of
// their doc comments, so an editor's hover shows TypeScript, not Rust.
// Usage: node tidy-types.mjs <wasm-bindgen .d.ts> <out types.d.ts>
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
const lines = readFileSync(input, 'utf8').split('\n');

// The glue starts at its first class or function, with the doc comment above it.
let end = lines.findIndex((l) => /^export (declare )?(class|function|default function) /.test(l));
if (end < 0) end = lines.length;
while (end > 0 && /^\s*(\/\*\*|\*|\*\/)/.test(lines[end - 1])) end -= 1;

const kept = [];
let inExample = false;
for (const line of lines.slice(0, end)) {
  const fence = /^\s*\*\s*```(\w*)/.exec(line);
  if (fence && !inExample && !['json', 'ts', 'typescript', 'js', 'javascript', 'text'].includes(fence[1])) {
    inExample = true;
    continue;
  }
  if (inExample) {
    if (fence) inExample = false;
    continue;
  }
  kept.push(line);
}
// Doc comments left empty by the cut (`/**`, ` *`, ` */` only) go too.
const text = kept
  .join('\n')
  .replace(/\/\*\*(\s*\*\s*\n)*\s*\*\//g, '')
  .replace(/(\s*\*\s*\n)+(\s*\*\/)/g, '\n$2')
  .replace(/\n{3,}/g, '\n\n');
// Amounts are `i64` đồng: beyond 2^53 they come out of the package as exact `bigint`s
// (`parseJson`), and may go in as `bigint`s.
const typed = text.replace(
  /export type Vnd = number;/,
  '/** An amount in đồng (`i64`): a number up to 2^53, a `bigint` beyond. */\nexport type Vnd = number | bigint;',
);
if (typed === text) throw new Error('tidy-types: `export type Vnd = number;` not found');
writeFileSync(output, `// quytrinh's domain types, generated from the Rust types (tsify).\n${typed.trimEnd()}\n`);

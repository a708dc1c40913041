#!/usr/bin/env node
// Where the WASM bytes go: `twiggy top` over the rustc output (the .wasm before wasm-bindgen
// and wasm-opt, which still has its function names), every item summed into a family by its
// name. The optimized package is smaller overall (wasm-opt -Oz, no names, no custom
// sections), but the shares of the code are what this shows.
//
//   node bench/wasm-size.mjs [WASM] [--json FILE]
//   (default WASM: $CARGO_TARGET_DIR or target, /wasm32-unknown-unknown/release/quytrinh_wasm.wasm;
//    twiggy on PATH or in ~/.cargo/bin; scripts/bench.sh size installs it)
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';

const args = process.argv.slice(2);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--json');
const target = process.env.CARGO_TARGET_DIR ?? 'target';
const wasm = positional[0] ?? `${target}/wasm32-unknown-unknown/release/quytrinh_wasm.wasm`;
const twiggy = existsSync(`${homedir()}/.cargo/bin/twiggy`) ? `${homedir()}/.cargo/bin/twiggy` : 'twiggy';

// Families, first match wins: the order matters (a derived visitor's name also names the type
// it decodes, a serde_json function names the visitor it is monomorphised with).
const families = [
  ['names and custom sections (dropped by the build)', /subsection|custom section/],
  ['data segments', /^data segment|^data\[/],
  ['wasm-bindgen glue, JS interop', /wasm_bindgen|js_sys|serde_wasm_bindgen|tsify|quytrinh_wasm|__wbg|__wbindgen|console_error_panic_hook/],
  ['serde Content (untagged / internally tagged buffering)', /private::de::content|de::content::|ContentRefDeserializer|ContentDeserializer|Content</],
  ['serde_json Value de', /serde_json::value::de|Value as serde_core::de::Deserializer|serde_json::map::Map<.*Deserializer|serde_json::value::.*::deserialize/],
  ['serde_json text de', /serde_json::de::|serde_json::read::|serde_json::from_str|serde_json::error/],
  ['derived visitors, field matchers (#[derive(Deserialize)])', /__Visitor|__FieldVisitor|__Field|__DeserializeWith|as serde_core::de::Visitor>|as serde_core::de::Deserialize>|serde_core::de::/],
  ['serialization (serde_json ser, Value, derived Serialize)', /serde_json::ser|serde_json::value|serde_core::ser|as serde_core::ser::Serialize>|Serializer/],
  ['calendar, chrono', /chrono::|quytrinh::calendar/],
  ['core logic (quytrinh)', /quytrinh::|quytrinh\[/],
  ['std, alloc, core (fmt, float printing, collections)', /^<?&?(mut )?(core|alloc|std)[[:<]|^<?(core|alloc|std)::|^<(str|char|f32|f64|[iu](8|16|32|64|128|size))[ >]|__rustc|dlmalloc|compiler_builtins|hashbrown|memchr|ryu|itoa|zmij/],
];

const csv = execFileSync(twiggy, ['top', '-n', '1000000', '--format', 'csv', wasm], { encoding: 'utf8', maxBuffer: 1 << 28 });
const rows = csv.trim().split('\n').slice(1);
const totals = new Map(families.map(([name]) => [name, 0]));
totals.set('other', 0);
let sum = 0;
for (const row of rows) {
  // Name,ShallowSize,ShallowSizePercent,RetainedSize,RetainedSizePercent; the name may be quoted.
  const match = /^("(?:[^"]|"")*"|[^,]*),(\d+),/.exec(row);
  if (!match) continue;
  const name = match[1].startsWith('"') ? match[1].slice(1, -1).replaceAll('""', '"') : match[1];
  if (name.startsWith('Σ') || name.startsWith('... and')) continue;
  const bytes = Number(match[2]);
  const family = families.find(([, re]) => re.test(name))?.[0] ?? 'other';
  totals.set(family, totals.get(family) + bytes);
  sum += bytes;
}
const code = sum - totals.get(families[0][0]);
console.log(`where the bytes of ${wasm} go (twiggy top, ${rows.length} items, ${sum} B; ${code} B without names and custom sections):`);
console.log();
console.log('| family | bytes | share of the code and data |');
console.log('|---|---|---|');
const sorted = [...totals].filter(([name]) => name !== families[0][0]).sort((a, b) => b[1] - a[1]);
for (const [name, bytes] of sorted) console.log(`| ${name} | ${bytes.toLocaleString('en')} | ${((100 * bytes) / code).toFixed(1)} % |`);
console.log(`| (${families[0][0]}) | ${totals.get(families[0][0]).toLocaleString('en')} | — |`);
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ wasm, total: sum, code, families: Object.fromEntries(totals) }, null, 2)}\n`);

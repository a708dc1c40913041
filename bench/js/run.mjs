#!/usr/bin/env node
// The peer benchmark: quytrinh's npm package (the Node build, build/wasm/pkg) against XState v5
// (companion-xstate.mjs) on the same companion cycle, interleaved in one Node process: 7
// rounds after a warm-up round, the side that goes first alternating, medians printed in one
// table with ratios, for the wall clock and for the CPU time of the process (which a shared,
// loaded machine inflates less). Memory per live instance is measured in a fresh child process per side
// (a WASM memory, once grown, is reused and never shrinks, so only a fresh process shows it).
//
//   node --expose-gc bench/js/run.mjs            the full run (about a minute or two)
//   node --expose-gc bench/js/run.mjs --smoke    one round, small counts (seconds): checks
//                                                that both sides reach the same states
//   … --json FILE                                also writes the figures as JSON
//
// Environment: QUYTRINH_PKG, the package's Node entry (default build/wasm/pkg/node.mjs).
// Nothing here asserts a timing; --smoke fails only when the two sides disagree on a state.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createActor, SimulatedClock } from 'xstate';
import { companionMachine, positionOf } from './companion-xstate.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
const pkgEntry = process.env.QUYTRINH_PKG ?? `${root}build/wasm/pkg/node.mjs`;
const { WorkflowInstance, QuytrinhError } = await import(pathToFileURL(pkgEntry).href);

if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc (the memory figures need it)');
  process.exit(2);
}

// ── the two sides, one companion relationship each ──────────────────────────────────────────

const SACO = { role: 'saco', id: 'SACO-01' };
const CUSTOMER = { role: 'customer', id: 'KH-01' };
const INIT = { saco_id: 'SACO-01', customer_id: 'KH-01', account: '0001234567' };
const INPUT = { sacoId: 'SACO-01', customerId: 'KH-01', account: '0001234567' };
const START = Date.parse('2026-11-23T02:00:00Z');

/** quytrinh: an instance and the commands for it (unique command ids, time moving on). */
class Quytrinh {
  constructor(id, clock) {
    this.instance = WorkflowInstance.create('companion', { id, init: INIT });
    this.commands = 0;
    this.requests = 0;
    this.clock = clock ?? { now: START };
  }
  command(actor, type, fields) {
    this.clock.now += 60_000;
    this.commands += 1;
    return { command_id: `c${this.commands}`, actor, at: new Date(this.clock.now).toISOString(), type, ...fields };
  }
  /** One full request cycle: SACO asks to unlink, passes the OTP, the customer rejects. */
  cycle() {
    const r = `R${++this.requests}`;
    return [
      this.command(SACO, 'request_unlink'),
      this.command(SACO, 'otp_verified', { challenge_id: `${r}-otp1` }),
      this.command(CUSTOMER, 'reject', { request_id: r }),
    ];
  }
  send(command) {
    return this.instance.handle(command);
  }
  get position() {
    return this.instance.position;
  }
  free() {
    this.instance.free();
  }
}

/** XState: an actor and the events for it. */
class XState {
  constructor(options) {
    this.actor = createActor(companionMachine, { input: INPUT, ...options }).start();
    this.requests = 0;
  }
  cycle() {
    const requestId = `R${++this.requests}`;
    return [
      { type: 'REQUEST_UNLINK', actor: SACO },
      { type: 'OTP_VERIFIED', actor: SACO, challengeId: `${requestId}-otp1` },
      { type: 'REJECT', actor: CUSTOMER, requestId },
    ];
  }
  send(event) {
    this.actor.send(event);
    return this.actor.getSnapshot();
  }
  get position() {
    return positionOf(this.actor.getSnapshot());
  }
  free() {
    this.actor.stop();
  }
}

/** `side` with `past` full request cycles behind it. */
function withHistory(Side, index, past) {
  const side = Side === Quytrinh ? new Quytrinh(`rel-${index}`) : new XState();
  for (let i = 0; i < past; i++) for (const input of side.cycle()) side.send(input);
  return side;
}

// ── the cases: prepare (untimed) → run (timed) → done (untimed) ────────────────────────────

let sink = 0; // keeps the outcomes alive so nothing is optimised away

const counts = smoke
  ? { histories: [1, 10], timedCycles: 2, snapshots: [1, 16], reps: 10, memory: 1_000 }
  : { histories: [1, 100, 1_000], timedCycles: 10, snapshots: [1, 16], reps: 2_000, memory: 100_000 };
const copiesFor = (past) => (smoke ? 1 : past >= 1_000 ? 1 : past >= 100 ? 4 : 20);

const cases = [];

for (const past of counts.histories) {
  const label = past === 1 ? '1 past request' : `${past.toLocaleString('en')} past requests`;
  const prepare = (Side) => {
    const copies = Array.from({ length: copiesFor(past) }, (_, i) => withHistory(Side, i, past));
    const inputs = copies.map((side) => Array.from({ length: counts.timedCycles }, () => side.cycle()).flat());
    return {
      ops: copies.length * inputs[0].length,
      run() {
        for (let c = 0; c < copies.length; c++) {
          const side = copies[c];
          for (const input of inputs[c]) sink ^= side.send(input).version ?? 1;
        }
      },
      done: () => copies.forEach((side) => side.free()),
    };
  };
  cases.push({
    id: `command_${past}`,
    what: `one command with its outcome, ${label}`,
    unit: 'command',
    quytrinh: 'instance.handle(cmd) → outcome',
    xstate: 'actor.send(ev) + getSnapshot()',
    prepare,
  });
}

for (const past of counts.snapshots) {
  cases.push({
    id: `snapshot_${past}`,
    what: `snapshot save + restore, ${past} request${past === 1 ? '' : 's'} in the state`,
    unit: 'save + restore',
    quytrinh: 'snapshotJson() + WorkflowInstance.restore',
    xstate: 'getPersistedSnapshot + JSON.stringify/parse + createActor(…, {snapshot}).start()',
    prepare(Side) {
      const side = withHistory(Side, 0, past);
      const restored = [];
      const run =
        Side === Quytrinh
          ? () => {
              for (let i = 0; i < counts.reps; i++) {
                restored.push(WorkflowInstance.restore(side.instance.snapshotJson(), 'companion'));
              }
            }
          : () => {
              for (let i = 0; i < counts.reps; i++) {
                const text = JSON.stringify(side.actor.getPersistedSnapshot());
                restored.push(createActor(companionMachine, { snapshot: JSON.parse(text) }).start());
              }
            };
      return {
        ops: counts.reps,
        run,
        done() {
          for (const r of restored) (Side === Quytrinh ? r.free() : r.stop());
          side.free();
        },
      };
    },
  });
}

cases.push({
  id: 'create',
  what: 'create an instance',
  unit: 'instance',
  quytrinh: "WorkflowInstance.create('companion', …)",
  xstate: 'createActor(machine, {input}).start()',
  prepare(Side) {
    const made = [];
    const run =
      Side === Quytrinh
        ? () => {
            for (let i = 0; i < counts.reps; i++) made.push(WorkflowInstance.create('companion', { id: `rel-${i}`, init: INIT }));
          }
        : () => {
            for (let i = 0; i < counts.reps; i++) made.push(createActor(companionMachine, { input: INPUT }).start());
          };
    return {
      ops: counts.reps,
      run,
      done: () => made.forEach((m) => (Side === Quytrinh ? m.free() : m.stop())),
    };
  },
});

cases.push({
  id: 'rejection',
  what: 'a rejection (the requester tries to confirm its own request)',
  unit: 'command',
  quytrinh: 'handle → QuytrinhError not_permitted',
  xstate: 'send (guard false: ignored) + getSnapshot()',
  prepare(Side) {
    const side = withHistory(Side, 0, 1);
    const [request, verify] = side.cycle();
    side.send(request);
    side.send(verify);
    const requestId = `R${side.requests}`;
    const inputs = Array.from({ length: counts.reps }, () =>
      Side === Quytrinh ? side.command(SACO, 'confirm', { request_id: requestId }) : { type: 'CONFIRM', actor: SACO, requestId },
    );
    const run =
      Side === Quytrinh
        ? () => {
            for (const command of inputs) {
              try {
                side.send(command);
                throw new Error('the requester confirmed its own request');
              } catch (e) {
                if (!(e instanceof QuytrinhError)) throw e;
                sink ^= e.code.length;
              }
            }
          }
        : () => {
            for (const event of inputs) sink ^= side.send(event).status.length;
          };
    return { ops: inputs.length, run, done: () => side.free() };
  },
});

// ── the rounds ─────────────────────────────────────────────────────────────────────────────

const sides = { xstate: XState, quytrinh: Quytrinh };
const rounds = smoke ? 1 : 7;
const samples = Object.fromEntries(cases.map((c) => [c.id, { xstate: [], quytrinh: [] }]));

function measure(kase, name) {
  const prepared = kase.prepare(sides[name]);
  globalThis.gc(); // the garbage of the preparation is not the timed side's to collect
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  prepared.run();
  const ns = Number(process.hrtime.bigint() - started);
  const used = process.cpuUsage(cpu);
  prepared.done();
  return { wall: ns / prepared.ops, cpu: ((used.user + used.system) * 1e3) / prepared.ops };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ── memory per live instance, in a fresh child process per side ────────────────────────────

function memoryChild(name, count) {
  const Side = sides[name];
  globalThis.gc();
  globalThis.gc();
  const before = process.memoryUsage();
  const live = new Array(count);
  for (let i = 0; i < count; i++) {
    live[i] = Side === Quytrinh ? WorkflowInstance.create('companion', { id: `rel-${i}`, init: INIT }) : createActor(companionMachine, { input: INPUT }).start();
  }
  globalThis.gc();
  globalThis.gc();
  const after = process.memoryUsage();
  const per = (key) => (after[key] - before[key]) / count;
  sink ^= live.length;
  return { count, heap: per('heapUsed'), external: per('external'), arrayBuffers: per('arrayBuffers'), total: per('heapUsed') + per('external') };
}

if (args[0] === '--memory-child') {
  process.stdout.write(JSON.stringify(memoryChild(args[1], Number(args[2]))));
  process.exit(0);
}

function memory(name) {
  const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--memory-child', name, String(counts.memory)], {
    encoding: 'utf8',
    env: { ...process.env, QUYTRINH_PKG: pkgEntry },
  });
  if (child.status !== 0) throw new Error(`memory child (${name}) failed: ${child.stderr}`);
  return JSON.parse(child.stdout);
}

// ── the same states on both sides (what --smoke checks) ─────────────────────────────────────

/** Plays one script on both sides and returns the steps where they disagree. */
function compareStates() {
  const problems = [];
  const agree = (what, q, x) => {
    if (JSON.stringify(q) !== JSON.stringify(x)) problems.push(`${what}: quytrinh ${JSON.stringify(q)}, XState ${JSON.stringify(x)}`);
  };
  // quytrinh gets the time with each input; XState reads it from a simulated clock.
  const clock = new SimulatedClock();
  const qClock = { now: START };
  clock.set(START);
  const q = new Quytrinh('rel-smoke', qClock);
  const x = new XState({ clock });
  const step = (what, actor, type, fields, event) => {
    const command = q.command(actor, type, fields);
    clock.set(qClock.now);
    let qAccepted = true;
    try {
      q.send(command);
    } catch (e) {
      if (!(e instanceof QuytrinhError)) throw e;
      qAccepted = false;
    }
    const before = x.actor.getSnapshot();
    const after = x.send({ actor, ...event });
    agree(`${what}: accepted`, qAccepted, after !== before);
    agree(`${what}: position`, q.position, x.position);
  };
  for (let i = 1; i <= 3; i++) {
    const r = `R${i}`;
    step(`${r} request_unlink`, SACO, 'request_unlink', {}, { type: 'REQUEST_UNLINK' });
    step(`${r} otp_verified`, SACO, 'otp_verified', { challenge_id: `${r}-otp1` }, { type: 'OTP_VERIFIED', challengeId: `${r}-otp1` });
    step(`${r} confirm by the requester`, SACO, 'confirm', { request_id: r }, { type: 'CONFIRM', requestId: r });
    step(`${r} reject`, CUSTOMER, 'reject', { request_id: r }, { type: 'REJECT', requestId: r });
    step(`${r} withdraw after reject`, SACO, 'withdraw', { request_id: r }, { type: 'WITHDRAW', requestId: r });
  }
  step('R4 by the customer', CUSTOMER, 'request_unlink', {}, { type: 'REQUEST_UNLINK' });
  step('R4 otp_verified by SACO (not its challenge)', SACO, 'otp_verified', { challenge_id: 'R4-otp1' }, { type: 'OTP_VERIFIED', challengeId: 'R4-otp1' });
  step('R4 otp_verified', CUSTOMER, 'otp_verified', { challenge_id: 'R4-otp1' }, { type: 'OTP_VERIFIED', challengeId: 'R4-otp1' });
  step('R4 withdraw', CUSTOMER, 'withdraw', { request_id: 'R4' }, { type: 'WITHDRAW', requestId: 'R4' });
  step('R5 request_unlink', SACO, 'request_unlink', {}, { type: 'REQUEST_UNLINK' });
  step('R5 otp_verified', SACO, 'otp_verified', { challenge_id: 'R5-otp1' }, { type: 'OTP_VERIFIED', challengeId: 'R5-otp1' });
  step('R5 confirm', CUSTOMER, 'confirm', { request_id: 'R5' }, { type: 'CONFIRM', requestId: 'R5' });
  step('R5 otp_verified (confirm)', CUSTOMER, 'otp_verified', { challenge_id: 'R5-otp2' }, { type: 'OTP_VERIFIED', challengeId: 'R5-otp2' });
  step('ended: no new request', SACO, 'request_unlink', {}, { type: 'REQUEST_UNLINK' });
  q.free();
  x.free();

  // The 24 h auto-confirm: quytrinh's tick at that instant, XState's `after` on the clock.
  const q2 = new Quytrinh('rel-auto', { now: START });
  const clock2 = new SimulatedClock();
  clock2.set(START);
  const x2 = new XState({ clock: clock2 });
  for (const [command, event] of [
    [q2.command(CUSTOMER, 'request_unlink'), { type: 'REQUEST_UNLINK', actor: CUSTOMER }],
    [q2.command(CUSTOMER, 'otp_verified', { challenge_id: 'R1-otp1' }), { type: 'OTP_VERIFIED', actor: CUSTOMER, challengeId: 'R1-otp1' }],
  ]) {
    clock2.set(q2.clock.now);
    q2.send(command);
    x2.send(event);
  }
  const submitted = q2.clock.now;
  const due = submitted + 24 * 3600_000;
  q2.instance.tick(new Date(due - 1_000).toISOString());
  clock2.increment(due - 1_000 - clock2.now());
  agree('one second before the auto-confirm', q2.position, x2.position);
  q2.instance.tick(new Date(due).toISOString());
  clock2.increment(1_000);
  agree('at the auto-confirm', q2.position, x2.position);
  agree('auto-confirmed', q2.position, { relationship: 'ended', request: 'auto_confirmed' });
  q2.free();
  x2.free();
  return problems;
}

// ── the run ────────────────────────────────────────────────────────────────────────────────

const problems = compareStates();
if (problems.length) {
  console.error('the two sides disagree:');
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log('same states on both sides: the unlink cycle, rejections, confirm with OTP, withdraw, auto-confirm after 24 h');

if (!smoke) {
  for (const kase of cases) for (const name of Object.keys(sides)) measure(kase, name); // warm-up
}
for (let round = 0; round < rounds; round++) {
  const order = round % 2 ? ['quytrinh', 'xstate'] : ['xstate', 'quytrinh'];
  for (const kase of cases) for (const name of order) samples[kase.id][name].push(measure(kase, name));
}
const mem = { xstate: memory('xstate'), quytrinh: memory('quytrinh') };

const us = (ns) => (ns >= 100_000 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e3).toFixed(2)} µs`);
const ratio = (x, q) => (x >= q ? `quytrinh ${(x / q).toFixed(2)}× faster` : `quytrinh ${(q / x).toFixed(2)}× slower`);
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;
const versions = {
  node: process.version,
  xstate: JSON.parse(readFileSync(`${here}node_modules/xstate/package.json`, 'utf8')).version,
  quytrinh: JSON.parse(readFileSync(new URL('./package.json', pathToFileURL(pkgEntry)), 'utf8')).version,
};

const rows = cases.map((c) => {
  const [x, q] = [samples[c.id].xstate, samples[c.id].quytrinh];
  const wall = (xs) => xs.map((s) => s.wall);
  const cpu = (xs) => xs.map((s) => s.cpu);
  return {
    id: c.id,
    what: c.what,
    unit: c.unit,
    xstate_ns: median(wall(x)),
    quytrinh_ns: median(wall(q)),
    xstate_cpu_ns: median(cpu(x)),
    quytrinh_cpu_ns: median(cpu(q)),
    xstate_samples: x,
    quytrinh_samples: q,
  };
});
console.log();
console.log(
  `${smoke ? 'smoke run (1 round, small counts: the figures mean nothing)' : `${rounds} interleaved rounds after a warm-up, medians per operation (wall clock; CPU time of the process beside it)`}; ` +
    `Node ${versions.node}, XState ${versions.xstate}, quytrinh ${versions.quytrinh} (${pkgEntry.replace(root, '')})`,
);
console.log();
console.log('| what | XState | quytrinh | ratio | CPU time: XState, quytrinh, ratio |');
console.log('|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.what} | ${us(r.xstate_ns)} | ${us(r.quytrinh_ns)} | ${ratio(r.xstate_ns, r.quytrinh_ns)} | ` +
      `${us(r.xstate_cpu_ns)}, ${us(r.quytrinh_cpu_ns)}, ${ratio(r.xstate_cpu_ns, r.quytrinh_cpu_ns)} |`,
  );
}
const memRatio = mem.xstate.total >= mem.quytrinh.total ? `quytrinh ${(mem.xstate.total / mem.quytrinh.total).toFixed(2)}× smaller` : `quytrinh ${(mem.quytrinh.total / mem.xstate.total).toFixed(2)}× larger`;
console.log(
  `| memory per live instance (${counts.memory.toLocaleString('en')} live; heap + external) | ${kb(mem.xstate.total)} | ${kb(mem.quytrinh.total)} (JS heap ${kb(mem.quytrinh.heap)}, WASM and other external ${kb(mem.quytrinh.external)}) | ${memRatio} | |`,
);
console.log();
for (const c of cases) console.log(`  ${c.what}: quytrinh ${c.quytrinh}; XState ${c.xstate}`);
if (sink === 0.5) console.log(sink); // never: reads the sink

if (jsonOut) {
  writeFileSync(jsonOut, `${JSON.stringify({ smoke, rounds, versions, rows, memory: mem }, null, 2)}\n`);
}

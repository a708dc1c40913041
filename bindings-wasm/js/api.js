// quytrinh's JavaScript API over the raw wasm-bindgen layer (bindings-wasm/src/lib.rs).
//
// - Commands, outcomes, states and definitions are plain JS objects (their TypeScript types
//   are generated from the Rust types; see index.d.ts).
// - Dates: every input instant may be a `Date` or an RFC 3339 string; every output instant
//   is an RFC 3339 string in UTC (`2026-11-23T02:00:00Z`), as in snapshots and event logs.
//   Date-only inputs (holidays, lunar dates) are `YYYY-MM-DD`; a `Date` there means its day
//   in Vietnam (UTC+07:00).
// - Every failure is a `QuytrinhError` (a real `Error`) with `code`, `rule`, `messageVi`,
//   `messageEn`.
// - After a panic inside the module, the module is poisoned: that call and every later call
//   throw `QuytrinhError` with `code: "panicked"` (see README.md).
import { slot } from './slot.js';

/** The rejection codes of the domain (SPEC §1). */
export const REJECTION_CODES = Object.freeze([
  'not_permitted',
  'invalid_transition',
  'otp_required',
  'validation_failed',
  'version_conflict',
  'clock_went_backwards',
  'not_found',
  'limit_reached',
]);

/** An error from quytrinh: a rejection of the domain, a malformed input, or a panic. */
export class QuytrinhError extends Error {
  constructor(payload, options) {
    super(payload.message ?? payload.message_en ?? payload.code, options);
    this.name = 'QuytrinhError';
    /** The stable snake_case code (`not_permitted`, `invalid_json`, `panicked`, …). */
    this.code = payload.code;
    /** The rule or field at fault (`requester_only`, `note`, …), or null. */
    this.rule = payload.rule ?? null;
    /** The message in Vietnamese. */
    this.messageVi = payload.message_vi ?? this.message;
    /** The message in English. */
    this.messageEn = payload.message_en ?? this.message;
    if (payload.line !== undefined) {
      /** For `invalid_json`: 1-based line and column (0 when unknown). */
      this.line = payload.line;
      this.column = payload.column;
    }
  }

  /** Whether this is a refusal of the domain (one of `REJECTION_CODES`). */
  get isRejection() {
    return REJECTION_CODES.includes(this.code);
  }

  toJSON() {
    return {
      name: this.name,
      code: this.code,
      rule: this.rule,
      message: this.message,
      message_vi: this.messageVi,
      message_en: this.messageEn,
    };
  }
}

// ── the boundary ────────────────────────────────────────────────────────────────────────

let poisonedBy = null; // the panic message once the module has panicked
let lastPanic = null; // the message the panic hook reported, before the trap

function glue() {
  if (poisonedBy !== null) throw panicked(poisonedBy);
  const g = slot.glue;
  if (!g) {
    throw new QuytrinhError({
      code: 'not_initialized',
      message: 'quytrinh is not initialized: call `await init()` first (web build)',
      message_vi: 'quytrinh chưa được khởi tạo: hãy gọi `await init()` trước (bản web).',
    });
  }
  if (!slot.listening) {
    g.on_panic((message) => {
      lastPanic = message;
    });
    slot.listening = true;
  }
  return g;
}

function panicked(message, cause) {
  return new QuytrinhError(
    {
      code: 'panicked',
      message: `quytrinh panicked and is unusable until the module is loaded again: ${message}`,
      message_vi: `quytrinh gặp lỗi nghiêm trọng và không dùng được nữa cho đến khi tải lại: ${message}`,
      message_en: `quytrinh panicked and is unusable until the module is loaded again: ${message}`,
    },
    cause === undefined ? undefined : { cause },
  );
}

/** Runs `f(glue)`, turning what the module throws into `QuytrinhError`s. */
function call(f) {
  const g = glue();
  try {
    return f(g);
  } catch (e) {
    throw translate(e);
  }
}

function translate(e) {
  if (typeof e === 'string') {
    let payload;
    try {
      payload = JSON.parse(e);
    } catch {
      payload = { code: 'internal', message: e };
    }
    return new QuytrinhError(payload);
  }
  if (e instanceof WebAssembly.RuntimeError) {
    // A Rust panic (or another trap): the module's memory may be inconsistent. Poison it.
    poisonedBy = lastPanic ?? e.message;
    return panicked(poisonedBy, e);
  }
  return e;
}

function argumentError(name, detail) {
  return new QuytrinhError({
    code: 'invalid_argument',
    rule: name,
    message: `invalid argument \`${name}\`: ${detail}`,
    message_vi: `Tham số không hợp lệ: \`${name}\`: ${detail}`,
    message_en: `invalid argument \`${name}\`: ${detail}`,
  });
}

// A `bigint` is written as a JSON integer, exactly: amounts beyond 2^53 (the core's `i64`)
// cannot be JS numbers. The replacer marks them, the marks are then unquoted.
const BIG = '\u0000quytrinh-bigint:';
const BIG_TEXT = /"\\u0000quytrinh-bigint:(-?\d+)"/g;

function bigintReplacer(_key, value) {
  return typeof value === 'bigint' ? BIG + value.toString() : value;
}

/** JSON text of a value; `undefined`/`null` give `null` when optional. */
function toJson(value, name, optional = false) {
  if (value === undefined || value === null) {
    if (optional) return 'null';
    throw argumentError(name, 'is required');
  }
  let text;
  try {
    // Without a replacer first: several times faster, and it throws on a bigint.
    text = JSON.stringify(value);
  } catch {
    try {
      text = JSON.stringify(value, bigintReplacer);
    } catch (e) {
      throw argumentError(name, `cannot be written as JSON (${e.message})`);
    }
    if (text !== undefined && text.includes('quytrinh-bigint:')) text = text.replace(BIG_TEXT, '$1');
  }
  if (text === undefined) throw argumentError(name, 'cannot be written as JSON');
  return text;
}

/** A document given as JSON text or as an object. */
function documentText(value, name) {
  return typeof value === 'string' ? value : toJson(value, name);
}

function instant(value, name) {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw argumentError(name, 'is an invalid Date');
    return value.toISOString();
  }
  if (typeof value === 'string') return value;
  throw argumentError(name, 'must be a Date or an RFC 3339 string');
}

/** A `YYYY-MM-DD` date; a `Date` gives its day in Vietnam (UTC+07:00). */
function localDate(value, name) {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw argumentError(name, 'is an invalid Date');
    return new Date(value.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10);
  }
  if (typeof value === 'string') return value;
  throw argumentError(name, 'must be a Date or a YYYY-MM-DD string');
}

function lang(value) {
  return value === undefined ? 'vi' : String(value);
}

/**
 * `JSON.parse`, except that integers beyond 2^53 (amounts in đồng are `i64`) become
 * `bigint`s, exactly, instead of rounded numbers. Every output of the package is read
 * with it; hosts may use it to read stored snapshots and event logs.
 */
export function parseJson(text) {
  // Fast path: no run of 16 digits anywhere, so no integer beyond 2^53.
  if (!LONG_DIGITS.test(text)) return JSON.parse(text);
  let changed = false;
  const marked = text.replace(TOKENS, (token) => {
    if (token[0] === '"' || Number.isSafeInteger(Number(token))) return token;
    changed = true;
    return `"\\u0000quytrinh-bigint:${token}"`;
  });
  if (!changed) return JSON.parse(text);
  return JSON.parse(marked, (_key, value) =>
    typeof value === 'string' && value.startsWith(BIG) ? BigInt(value.slice(BIG.length)) : value,
  );
}

/**
 * An outcome as the other bindings give it: the module writes each effect once, inside its
 * record (a record without effects has no `effects` field), and the top-level `effects`
 * (every effect of the records, in order) is rebuilt here, right after `events`, from the
 * same objects.
 */
function withEffectList(lean) {
  const outcome = {};
  for (const key of Object.keys(lean)) {
    outcome[key] = lean[key];
    if (key === 'events') outcome.effects = lean.events.flatMap((record) => record.effects ?? []);
  }
  return outcome;
}

/**
 * `JSON.stringify`, except that `bigint`s are written as exact JSON integers: what the
 * package does with every input; hosts may use it to store states and outcomes.
 */
export function stringifyJson(value) {
  return toJson(value, 'value');
}

const LONG_DIGITS = /\d{16}/;
// A JSON string (skipped as is), or an integer that is not part of a decimal or exponent.
const TOKENS = /"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])-?\d+(?![\d.eE])/g;

// ── module state ────────────────────────────────────────────────────────────────────────

/** Whether a panic has made the module unusable (every call throws `panicked`). */
export function isPoisoned() {
  return poisonedBy !== null;
}

/** The message of the panic that poisoned the module, or null. */
export function panicMessage() {
  return poisonedBy;
}

/** For tests only: makes the module panic, to check the poisoning. Never call it otherwise. */
export function __testPanic(message = 'test panic') {
  call((g) => g.__test_panic(String(message)));
}

// ── workflows ───────────────────────────────────────────────────────────────────────────

/** The names of every workflow of this build. */
export function workflows() {
  return parseJson(call((g) => g.workflows()));
}

/** A workflow's definition (states, commands, transitions, deadlines, templates). */
export function definition(workflow, config) {
  return parseJson(call((g) => g.definition(String(workflow), toJson(config, 'config', true))));
}

/** Runs a report over many instances of `workflow` (an object tagged by `type`) from their
 * rows (each as `instance.row()` gave it, e.g. read back from a database), for `actor` at
 * `at` (default now). Options: `config`. Throws `QuytrinhError` when refused. */
export function report(workflow, actor, report, rows, at = new Date(), options = {}) {
  const a = toJson(actor, 'actor');
  const r = toJson(report, 'report');
  if (!Array.isArray(rows)) throw argumentError('rows', 'must be an array of rows');
  const rs = toJson(rows, 'rows');
  const t = instant(at, 'at');
  const c = toJson(options.config, 'config', true);
  return parseJson(call((g) => g.report(String(workflow), c, a, t, r, rs)));
}

/** A workflow's Mermaid `stateDiagram-v2`. Options: `config`, `lang` (`vi` default, `en`). */
export function mermaid(workflow, options = {}) {
  return call((g) =>
    g.definition_diagram(String(workflow), toJson(options.config, 'config', true), 'mermaid', lang(options.lang)),
  );
}

/** A workflow's Graphviz DOT digraph. Options: `config`, `lang`. */
export function dot(workflow, options = {}) {
  return call((g) =>
    g.definition_diagram(String(workflow), toJson(options.config, 'config', true), 'dot', lang(options.lang)),
  );
}

const TOKEN = Symbol('quytrinh.instance');

/** An instance of a workflow: create it, restore it, drive it with commands and ticks. */
export class WorkflowInstance {
  #raw;

  /** @private Use `WorkflowInstance.create`, `restore` or `replay`. */
  constructor(token, raw) {
    if (token !== TOKEN) throw new TypeError('use WorkflowInstance.create, restore or replay');
    this.#raw = raw;
  }

  /**
   * A new instance of `workflow` at version 0.
   * Options: `init` (required: the workflow's initial data), `id` (default `instance`),
   * `config` (the workflow's configuration; defaults per field), `settings` (kernel settings).
   */
  static create(workflow, options = {}) {
    const { id = 'instance', init, config, settings } = options;
    const raw = call((g) =>
      g.create(
        String(workflow),
        String(id),
        toJson(config, 'config', true),
        toJson(settings, 'settings', true),
        toJson(init, 'init'),
      ),
    );
    return new WorkflowInstance(TOKEN, raw);
  }

  /**
   * An instance from a snapshot (JSON text or object), whatever its workflow. With
   * `expectedWorkflow`, a snapshot of another workflow is refused (`wrong_workflow`).
   */
  static restore(snapshot, expectedWorkflow) {
    const raw = call((g) => g.restore(documentText(snapshot, 'snapshot')));
    return WorkflowInstance.#checked(raw, expectedWorkflow);
  }

  /** An instance rebuilt from an event log (JSON text or object). */
  static replay(log, expectedWorkflow) {
    const raw = call((g) => g.replay(documentText(log, 'log')));
    return WorkflowInstance.#checked(raw, expectedWorkflow);
  }

  static #checked(raw, expected) {
    if (expected !== undefined && raw.workflow() !== expected) {
      const found = raw.workflow();
      raw.free();
      throw new QuytrinhError({
        code: 'wrong_workflow',
        message: `the document is for workflow \`${found}\`, not \`${expected}\``,
        message_vi: `Tài liệu thuộc quy trình \`${found}\`, không phải \`${expected}\`.`,
      });
    }
    return new WorkflowInstance(TOKEN, raw);
  }

  #call(f) {
    if (this.#raw === null) {
      throw new QuytrinhError({
        code: 'freed',
        message: 'this instance was freed',
        message_vi: 'Phiên bản quy trình này đã được giải phóng.',
      });
    }
    return call(() => f(this.#raw));
  }

  /** The workflow's name (`companion`, `complaint`, …). */
  get workflow() {
    return this.#call((r) => r.workflow());
  }

  /** The instance id. */
  get id() {
    return this.#call((r) => r.id());
  }

  /** The number of events recorded. */
  get version() {
    return this.#call((r) => r.version());
  }

  /** Whether this is an instance of `workflow` (narrows the type in TypeScript). */
  is(workflow) {
    return this.workflow === workflow;
  }

  /**
   * Handles a command: `{command_id, actor: {role, id}, at, expected_version?, type, …fields}`
   * (`at` a `Date` or RFC 3339 text). Returns the outcome; throws `QuytrinhError` when refused.
   */
  handle(command) {
    const text = toJson(command, 'command');
    return withEffectList(parseJson(this.#call((r) => r.handle(text))));
  }

  /** Time has reached `at`: fires every deadline due by then, each at its own instant. */
  tick(at) {
    const t = instant(at, 'at');
    return withEffectList(parseJson(this.#call((r) => r.tick(t))));
  }

  /** The configuration (every field, defaults included). */
  get config() {
    return parseJson(this.#call((r) => r.config()));
  }

  /** The state. */
  get state() {
    return parseJson(this.#call((r) => r.state()));
  }

  /** `{region: state id}` for each region of the instance, `{"region:entity": state id}` for
   * each region of each entity. */
  get position() {
    return parseJson(this.#call((r) => r.position()));
  }

  /** The pending deadlines, earliest first. */
  get deadlines() {
    return parseJson(this.#call((r) => r.deadlines()));
  }

  /** The earliest pending deadline, or null. */
  get nextDeadline() {
    return parseJson(this.#call((r) => r.next_deadline()));
  }

  /** The commands `actor` may issue at `at` (default now): what a UI turns into buttons. */
  availableCommands(actor, at = new Date()) {
    const a = toJson(actor, 'actor');
    const t = instant(at, 'at');
    return parseJson(this.#call((r) => r.available_commands(a, t)));
  }

  /** The row this instance contributes to its workflow's reports over many instances
   * (store it beside the snapshot; give many to `report`). */
  row() {
    return parseJson(this.#call((r) => r.row()));
  }

  /** Answers a read-only query (an object tagged by `type`) for `actor` at `at` (default
   * now); throws `QuytrinhError` when it is refused. Nothing changes. */
  query(actor, query, at = new Date()) {
    const a = toJson(actor, 'actor');
    const q = toJson(query, 'query');
    const t = instant(at, 'at');
    return parseJson(this.#call((r) => r.query(a, t, q)));
  }

  /** The workflow's definition under this instance's configuration. */
  definition() {
    return parseJson(this.#call((r) => r.definition()));
  }

  /** Mermaid `stateDiagram-v2`; options `lang` (`vi`, `en`), `highlight` (default true). */
  mermaid(options = {}) {
    return this.#call((r) => r.diagram('mermaid', lang(options.lang), options.highlight !== false));
  }

  /** Graphviz DOT; options `lang`, `highlight` (default true). */
  dot(options = {}) {
    return this.#call((r) => r.diagram('dot', lang(options.lang), options.highlight !== false));
  }

  /** The snapshot, as an object (`snapshotJson()` for the text to store). */
  snapshot() {
    return parseJson(this.snapshotJson());
  }

  /** The snapshot as JSON text, to persist and later give to `WorkflowInstance.restore`. */
  snapshotJson() {
    return this.#call((r) => r.snapshot());
  }

  /** The event log (base snapshot and records), as an object. */
  eventLog() {
    return parseJson(this.eventLogJson());
  }

  /** The event log as JSON text, for `WorkflowInstance.replay`. */
  eventLogJson() {
    return this.#call((r) => r.event_log());
  }

  /** Frees the instance's memory now (otherwise wasm-bindgen frees it when it is garbage-collected). */
  free() {
    if (this.#raw === null) return;
    if (poisonedBy === null) this.#raw.free();
    this.#raw = null;
  }

  [Symbol.dispose ?? Symbol.for('Symbol.dispose')]() {
    this.free();
  }
}

// ── calendar ────────────────────────────────────────────────────────────────────────────

/**
 * Vietnam's business calendar (UTC+07:00): working time, business durations, the days off
 * of a year. Durations are in seconds.
 */
export class BusinessCalendar {
  #raw;

  /** A calendar from its configuration (default: Mon–Fri, whole days, statutory holidays). */
  constructor(config) {
    const text = toJson(config, 'config', true);
    this.#raw = call((g) => new g.RawCalendar(text));
  }

  #call(f) {
    return call(() => f(this.#raw));
  }

  /** The full configuration. */
  get config() {
    return parseJson(this.#call((r) => r.config()));
  }

  /** `start` plus `seconds` of business time (an RFC 3339 UTC string). */
  add(start, seconds) {
    const s = instant(start, 'start');
    if (typeof seconds !== 'number') throw argumentError('seconds', 'must be a number');
    return this.#call((r) => r.add(s, seconds));
  }

  /** The business time from `a` to `b`, in seconds (negative when `b` is earlier). */
  between(a, b) {
    const x = instant(a, 'a');
    const y = instant(b, 'b');
    return this.#call((r) => r.between(x, y));
  }

  /** Whether `t` is working time. */
  isWorkingTime(t) {
    const x = instant(t, 't');
    return this.#call((r) => r.is_working_time(x));
  }

  /** Whether a date (`YYYY-MM-DD`, or a `Date`'s day in Vietnam) is a day off. */
  isDayOff(date) {
    const d = localDate(date, 'date');
    return this.#call((r) => r.is_day_off(d));
  }

  /** The first working instant at or after `t`. */
  nextWorkingInstant(t) {
    const x = instant(t, 't');
    return this.#call((r) => r.next_working_instant(x));
  }

  /** The days off of `year` (1900–2199), with Vietnamese and English names. */
  holidays(year) {
    if (!Number.isInteger(year)) throw argumentError('year', 'must be an integer');
    return parseJson(this.#call((r) => r.holidays(year)));
  }

  /** Frees the calendar's memory now. */
  free() {
    if (this.#raw === null) return;
    if (poisonedBy === null) this.#raw.free();
    this.#raw = null;
  }
}

/** The lunar date (âm lịch) of a day: `{year, month, day, leap, text, year_name_vi}`. */
export function toLunar(date) {
  const d = localDate(date, 'date');
  return parseJson(call((g) => g.to_lunar(d)));
}

/** The Gregorian date (`YYYY-MM-DD`) of a lunar date (`{year, month, day, leap}` or `2025-06L-01`). */
export function fromLunar(lunar) {
  let text;
  if (typeof lunar === 'string') {
    text = lunar;
  } else if (lunar && typeof lunar === 'object') {
    const { year, month, day, leap = false } = lunar;
    if (![year, month, day].every(Number.isInteger)) {
      throw argumentError('lunar', 'year, month and day must be integers');
    }
    const pad = (n, w) => String(n).padStart(w, '0');
    text = `${pad(year, 4)}-${pad(month, 2)}${leap ? 'L' : ''}-${pad(day, 2)}`;
  } else {
    throw argumentError('lunar', 'must be {year, month, day, leap} or text like 2025-06L-01');
  }
  return call((g) => g.from_lunar(text));
}

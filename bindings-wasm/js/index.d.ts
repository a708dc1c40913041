// The TypeScript API of quytrinh's WebAssembly build.
//
// The domain types (commands, events, effects, states, configurations, definitions, calendar)
// are generated from the Rust types by tsify and live in ./types.d.ts; this file declares the
// wrapper around them (api.js), so every type is declared once.
import type {
  Actor,
  Available,
  CalendarConfig,
  Deadline,
  Definition,
  EventLog,
  Holiday,
  Lang,
  LunarDate,
  Outcome,
  Settings,
  Snapshot,
} from './types.js';
import type { Workflows } from './workflows.js';

export type * from './types.js';
export type { Workflows } from './workflows.js';

/** An instant: a `Date`, or RFC 3339 text with an offset (`2026-11-23T09:00:00+07:00`). */
export type InstantInput = Date | string;
/** A day: `YYYY-MM-DD`, or a `Date` (its day in Vietnam, UTC+07:00). */
export type DateInput = Date | string;
/** An instant as quytrinh writes it: RFC 3339 in UTC (`2026-11-23T02:00:00Z`). */
export type IsoInstant = string;

/** The name of a workflow of this build. */
export type WorkflowName = keyof Workflows;

/** A role of workflow `W` (a typo does not compile). */
export type RoleOf<W extends WorkflowName> = Workflows[W]['role'];
/** Who acts in workflow `W`: one of its roles and the party's id. */
export interface ActorOf<W extends WorkflowName> extends Actor {
  role: RoleOf<W>;
}
/** A state id of workflow `W` (any region). */
export type StateIdOf<W extends WorkflowName> = Workflows[W]['stateId'];
/** A deadline kind of workflow `W`. */
export type DeadlineKindOf<W extends WorkflowName> = Workflows[W]['deadlineKind'];
/** An effect kind of workflow `W`. */
export type EffectKindOf<W extends WorkflowName> = Workflows[W]['effect']['kind'];
/** An event type of workflow `W`. */
export type EventTypeOf<W extends WorkflowName> = Workflows[W]['event']['type'];
/** A command type of workflow `W`. */
export type CommandTypeOf<W extends WorkflowName> = Workflows[W]['command']['type'];
/** A pending deadline of workflow `W`. */
export interface DeadlineOf<W extends WorkflowName> extends Deadline {
  kind: DeadlineKindOf<W>;
}
/** Where an instance of workflow `W` stands: `{region: state}`, `{"region:entity": state}`. */
export type PositionOf<W extends WorkflowName> = Record<string, StateIdOf<W>>;

/** The envelope of every command; the body's `type` and fields sit beside it. */
export interface Envelope<W extends WorkflowName = WorkflowName> {
  /** Host-chosen, unique, 1–64 characters; a repeat returns the original outcome. */
  command_id: string;
  /** Who issues it. */
  actor: ActorOf<W>;
  /** When (a `Date` or RFC 3339 text). */
  at: InstantInput;
  /** The version the host last saw; a mismatch is `version_conflict`. */
  expected_version?: number;
}

/** A command of workflow `W`: the envelope and the body side by side. */
export type CommandOf<W extends WorkflowName> = Envelope<W> & Workflows[W]['command'];
/** The outcome of an accepted command or tick of workflow `W`. */
export type OutcomeOf<W extends WorkflowName> = Omit<
  Outcome<Workflows[W]['event'], Workflows[W]['effect']>,
  'position' | 'next_deadline'
> & {
  /** Where the instance and every entity the input touched stand now. */
  position: PositionOf<W>;
  /** The earliest pending deadline now. */
  next_deadline: DeadlineOf<W> | null;
};
/** A snapshot document of workflow `W`. */
export type SnapshotOf<W extends WorkflowName> = Snapshot<Workflows[W]['config'], Workflows[W]['state']>;
/** An event-log document of workflow `W`. */
export type EventLogOf<W extends WorkflowName> = EventLog<
  Workflows[W]['config'],
  Workflows[W]['state'],
  Workflows[W]['event'],
  Workflows[W]['effect']
>;

/** Options of `WorkflowInstance.create`. */
export interface CreateOptions<W extends WorkflowName> {
  /** The instance id (default `instance`); it appears in effect idempotency keys. */
  id?: string;
  /** The workflow's initial data. */
  init: Workflows[W]['init'];
  /** The workflow's configuration; absent fields take SPEC.md's defaults. */
  config?: Partial<Workflows[W]['config']> | null;
  /** Kernel settings. */
  settings?: Partial<Settings> | null;
}

/** Options of the diagrams. */
export interface DiagramOptions {
  /** `vi` (default) or `en`. */
  lang?: Lang;
  /** Highlight the current states (default true). */
  highlight?: boolean;
}

/** Every code a `QuytrinhError` may carry. */
export type ErrorCode =
  | 'not_permitted'
  | 'invalid_transition'
  | 'otp_required'
  | 'validation_failed'
  | 'version_conflict'
  | 'clock_went_backwards'
  | 'not_found'
  | 'limit_reached'
  | 'invalid_json'
  | 'unsupported_schema'
  | 'unknown_workflow'
  | 'wrong_workflow'
  | 'invalid_config'
  | 'corrupt_log'
  | 'internal'
  | 'out_of_range'
  | 'invalid_lunar_date'
  | 'negative_duration'
  | 'invalid_argument'
  | 'not_initialized'
  | 'load_failed'
  | 'freed'
  | 'panicked';

/** The rejection codes of the domain. */
export declare const REJECTION_CODES: readonly ErrorCode[];

/** An error from quytrinh: a rejection of the domain, a malformed input, or a panic. */
export declare class QuytrinhError extends Error {
  readonly name: 'QuytrinhError';
  /** The stable snake_case code. */
  readonly code: ErrorCode;
  /** The rule or field at fault (`requester_only`, `note`, `at`, …), or null. */
  readonly rule: string | null;
  /** The message in Vietnamese. */
  readonly messageVi: string;
  /** The message in English. */
  readonly messageEn: string;
  /** For `invalid_json`: 1-based line (0 when unknown). */
  readonly line?: number;
  /** For `invalid_json`: 1-based column (0 when unknown). */
  readonly column?: number;
  /** Whether this is a refusal of the domain (one of `REJECTION_CODES`). */
  readonly isRejection: boolean;
  toJSON(): { name: string; code: ErrorCode; rule: string | null; message: string; message_vi: string; message_en: string };
}

/**
 * Loads the WebAssembly module. Needed once in browsers and with bundlers (it fetches
 * `quytrinh_wasm_bg.wasm` next to the script unless given a URL, `Response`, bytes or
 * module); does nothing on Node. Rejects with `QuytrinhError` `load_failed` when the module
 * cannot be fetched or compiled.
 */
export default function init(input?: string | URL | globalThis.Response | BufferSource | WebAssembly.Module): Promise<void>;
/** Like `init`, synchronously, from the bytes or a compiled module. */
export declare function initSync(module?: BufferSource | WebAssembly.Module): void;

/** `JSON.parse`, except that integers beyond 2^53 become exact `bigint`s (amounts in đồng
 * are `i64`): what every output of the package is read with; use it for stored snapshots. */
export declare function parseJson(text: string): any;
/** `JSON.stringify`, except that `bigint`s are written as exact JSON integers. */
export declare function stringifyJson(value: unknown): string;
/** Whether a panic has made the module unusable (every call throws `panicked`). */
export declare function isPoisoned(): boolean;
/** The message of the panic that poisoned the module, or null. */
export declare function panicMessage(): string | null;
/** For tests only: makes the module panic. */
export declare function __testPanic(message?: string): never;

/** The names of every workflow of this build. */
export declare function workflows(): WorkflowName[];
/** A workflow's definition under a configuration (defaults when absent). */
export declare function definition<W extends WorkflowName>(workflow: W, config?: Partial<Workflows[W]['config']> | null): Definition;
/** Runs a report (tagged by `type`) over many instances of `workflow`, from their rows (each
 * as `instance.row()` gave it), for `actor` at `at` (default now); throws `QuytrinhError`
 * (`not_permitted`, `invalid_json` naming the row, …) when refused. */
export declare function report<W extends WorkflowName>(
  workflow: W,
  actor: ActorOf<W>,
  report: Workflows[W]['report'],
  rows: Workflows[W]['row'][],
  at?: InstantInput,
  options?: { config?: Partial<Workflows[W]['config']> | null },
): Workflows[W]['reportAnswer'];
/** A workflow's Mermaid `stateDiagram-v2`. */
export declare function mermaid<W extends WorkflowName>(
  workflow: W,
  options?: { config?: Partial<Workflows[W]['config']> | null; lang?: Lang },
): string;
/** A workflow's Graphviz DOT digraph. */
export declare function dot<W extends WorkflowName>(
  workflow: W,
  options?: { config?: Partial<Workflows[W]['config']> | null; lang?: Lang },
): string;

/** An instance of workflow `W`. */
export declare class WorkflowInstance<W extends WorkflowName = WorkflowName> {
  private constructor();
  /** A new instance of `workflow` at version 0. */
  static create<W extends WorkflowName>(workflow: W, options: CreateOptions<W>): WorkflowInstance<W>;
  /** An instance from a snapshot (JSON text or object); `expected` refuses another workflow. */
  static restore<W extends WorkflowName = WorkflowName>(snapshot: string | SnapshotOf<W>, expected?: W): WorkflowInstance<W>;
  /** An instance rebuilt from an event log (JSON text or object). */
  static replay<W extends WorkflowName = WorkflowName>(log: string | EventLogOf<W>, expected?: W): WorkflowInstance<W>;

  /** The workflow's name. */
  readonly workflow: W;
  /** The instance id. */
  readonly id: string;
  /** The number of events recorded. */
  readonly version: number;
  /** The state. */
  readonly state: Workflows[W]['state'];
  /** The configuration (every field, defaults included). */
  readonly config: Workflows[W]['config'];
  /** `{region: state id}` for each region of the instance, `{"region:entity": state id}`
   * for each region of each entity (a lead). */
  readonly position: PositionOf<W>;
  /** The pending deadlines, earliest first. */
  readonly deadlines: DeadlineOf<W>[];
  /** The earliest pending deadline, or null. */
  readonly nextDeadline: DeadlineOf<W> | null;

  /** Whether this is an instance of `workflow`. */
  is<V extends WorkflowName>(workflow: V): this is WorkflowInstance<V>;
  /** Handles a command; throws `QuytrinhError` when it is refused. */
  handle(command: CommandOf<W>): OutcomeOf<W>;
  /** Time has reached `at`: fires every deadline due by then, each at its own instant. */
  tick(at: InstantInput): OutcomeOf<W>;
  /** The commands `actor` may issue at `at` (default now), with their targets filled in. */
  availableCommands(actor: ActorOf<W>, at?: InstantInput): (Available<Workflows[W]['command']> & { name: CommandTypeOf<W> })[];
  /** The row this instance contributes to its workflow's reports over many instances. */
  row(): Workflows[W]['row'];
  /** Answers a read-only query (tagged by `type`) for `actor` at `at` (default now); throws
   * `QuytrinhError` (`not_permitted`, `not_found`, …) when it is refused. Nothing changes. */
  query(actor: ActorOf<W>, query: Workflows[W]['query'], at?: InstantInput): Workflows[W]['answer'];
  /** The workflow's definition under this instance's configuration. */
  definition(): Definition;
  /** Mermaid `stateDiagram-v2`, the current states highlighted. */
  mermaid(options?: DiagramOptions): string;
  /** Graphviz DOT, the current states filled. */
  dot(options?: DiagramOptions): string;
  /** The snapshot as an object. */
  snapshot(): SnapshotOf<W>;
  /** The snapshot as JSON text, to store. */
  snapshotJson(): string;
  /** The event log as an object. */
  eventLog(): EventLogOf<W>;
  /** The event log as JSON text. */
  eventLogJson(): string;
  /** Frees the memory now (otherwise when garbage-collected). */
  free(): void;
  [Symbol.dispose](): void;
}

/** A lunar date with its text (`2025-06L-01`) and the Can Chi name of its year. */
export interface LunarDay extends LunarDate {
  text: string;
  year_name_vi: string;
}

/** Vietnam's business calendar (UTC+07:00). Durations are in seconds. */
export declare class BusinessCalendar {
  /** A calendar from its configuration (default: Mon–Fri, whole days, statutory holidays, the announced schedules of civil servants). */
  constructor(config?: Partial<CalendarConfig> | null);
  /** The full configuration. */
  readonly config: CalendarConfig;
  /** `start` plus `seconds` of business time. */
  add(start: InstantInput, seconds: number): IsoInstant;
  /** The business time from `a` to `b`, in seconds. */
  between(a: InstantInput, b: InstantInput): number;
  /** Whether `t` is working time. */
  isWorkingTime(t: InstantInput): boolean;
  /** Whether a day is a day off. */
  isDayOff(date: DateInput): boolean;
  /** The first working instant at or after `t`. */
  nextWorkingInstant(t: InstantInput): IsoInstant;
  /** The listed days of `year` (1900–2199): the days off, and the weekly days off worked (`day_off: false`), each with its `source` (`rule`, `announcement`, `override`). */
  holidays(year: number): Holiday[];
  /** Frees the memory now. */
  free(): void;
}

/** The lunar date (âm lịch) of a day. */
export declare function toLunar(date: DateInput): LunarDay;
/** The Gregorian date (`YYYY-MM-DD`) of a lunar date. */
export declare function fromLunar(lunar: LunarDate | Omit<LunarDate, 'leap'> | string): string;

// The JS player of the conformance vectors (tests/vectors/README.md), through quytrinh's JS
// API. It mirrors the Rust player (core/src/conformance.rs) rule for rule:
// - an accepted input is expected unless `rejected` names a code; `rule` checks the rejection's
//   rule;
// - `duplicate`, `version`, `events` (each record's `event.type`), `effects` (`notify:<template>`
//   for notifications, the `kind` otherwise) are compared for equality;
// - `state` and `next_deadline` are patterns: objects by the keys given (an absent key is
//   `null`), arrays element by element with the same length, RFC 3339 strings compared as
//   instants, other values equal;
// - `position` compares each region named for equality.
// Runs in Node and in the browser (no Node imports).

/** Plays `vector` with the API module `api`; returns `{ steps, failures, instance }`. */
export function playVector(api, vector) {
  const known = ['description', 'workflow', 'instance_id', 'settings', 'config', 'init', 'steps'];
  for (const key of Object.keys(vector)) {
    if (!known.includes(key)) throw new Error(`unknown vector key \`${key}\``);
  }
  const instance = api.WorkflowInstance.create(vector.workflow, {
    id: vector.instance_id ?? 'vector',
    init: vector.init,
    config: vector.config ?? null,
    settings: vector.settings ?? null,
  });
  const failures = [];
  const steps = [];
  vector.steps.forEach((step, index) => {
    const hasCommand = step.command !== undefined && step.command !== null;
    const hasTick = step.tick !== undefined && step.tick !== null;
    if (hasCommand === hasTick) {
      throw new Error(`step ${index} must have exactly one of \`command\` and \`tick\``);
    }
    let result;
    try {
      const outcome = hasCommand ? instance.handle(step.command) : instance.tick(step.tick.at);
      // Outcomes carry what changed: the state and the whole position are read after the step.
      result = { ok: true, outcome: { ...outcome, state: instance.state, position: instance.position } };
    } catch (error) {
      if (!(error instanceof api.QuytrinhError)) throw error;
      result = { ok: false, error };
    }
    const stepFailures = check(step.expect ?? {}, result);
    steps.push({ index, note: step.note ?? '', result, failures: stepFailures });
    for (const f of stepFailures) failures.push(`step ${index}: ${f}`);
  });
  return { steps, failures, instance };
}

/** Compares one step's result with its expectations; returns the failures in words. */
export function check(expect, result) {
  const failures = [];
  if (result.ok && expect.rejected !== undefined && expect.rejected !== null) {
    return [`expected rejection \`${expect.rejected}\`, but the input was accepted`];
  }
  if (!result.ok) {
    const e = result.error;
    if (expect.rejected === undefined || expect.rejected === null) {
      return [`expected acceptance, but got \`${e.code}\`: ${e.message}`];
    }
    if (e.code !== expect.rejected) {
      failures.push(`expected rejection \`${expect.rejected}\`, got \`${e.code}\`: ${e.message}`);
    }
    // As in Rust: the rule is checked only on rejections of the domain.
    if (expect.rule !== undefined && expect.rule !== null && e.isRejection && e.rule !== expect.rule) {
      failures.push(`expected rule \`${expect.rule}\`, got \`${e.rule}\``);
    }
    return failures;
  }
  const outcome = result.outcome;
  if (expect.duplicate !== undefined && expect.duplicate !== null) {
    compare(failures, 'duplicate', expect.duplicate, outcome.duplicate);
  }
  if (expect.version !== undefined && expect.version !== null) {
    compare(failures, 'version', expect.version, outcome.version);
  }
  if (expect.events !== undefined && expect.events !== null) {
    const actual = (outcome.events ?? []).map((r) => r?.event?.type ?? null);
    compare(failures, 'events', expect.events, actual);
  }
  if (expect.effects !== undefined && expect.effects !== null) {
    const actual = (outcome.effects ?? []).map(effectName);
    compare(failures, 'effects', expect.effects, actual);
  }
  if (expect.state !== undefined && expect.state !== null) {
    const diff = matches(expect.state, outcome.state, 'state');
    if (diff) failures.push(diff);
  }
  if (expect.position !== undefined && expect.position !== null) {
    for (const [region, state] of Object.entries(expect.position)) {
      compare(failures, `position.${region}`, state, outcome.position?.[region] ?? null);
    }
  }
  // `next_deadline: null` is an expectation (no deadline); only an absent key is unchecked.
  if (Object.hasOwn(expect, 'next_deadline')) {
    const diff = matches(expect.next_deadline, outcome.next_deadline ?? null, 'next_deadline');
    if (diff) failures.push(diff);
  }
  return failures;
}

/** `notify:<template>` for notifications, the effect's `kind` otherwise. */
export function effectName(effect) {
  if (effect?.kind === 'notify') return `notify:${effect.template ?? ''}`;
  return effect?.kind ?? null;
}

function compare(failures, what, expected, actual) {
  if (!deepEqual(expected, actual)) {
    failures.push(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** Whether `actual` matches `pattern`; returns the first difference, or null. */
export function matches(pattern, actual, path) {
  if (actual === undefined) actual = null;
  if (isObject(pattern) && isObject(actual)) {
    for (const [key, value] of Object.entries(pattern)) {
      const diff = matches(value, Object.hasOwn(actual, key) ? actual[key] : null, `${path}.${key}`);
      if (diff) return diff;
    }
    return null;
  }
  if (Array.isArray(pattern) && Array.isArray(actual) && pattern.length === actual.length) {
    for (let i = 0; i < pattern.length; i++) {
      const diff = matches(pattern[i], actual[i], `${path}[${i}]`);
      if (diff) return diff;
    }
    return null;
  }
  if (typeof pattern === 'string' && typeof actual === 'string' && sameInstant(pattern, actual)) {
    return null;
  }
  if (deepEqual(pattern, actual)) return null;
  return `${path}: expected ${JSON.stringify(pattern)}, got ${JSON.stringify(actual)}`;
}

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Plain JSON equality (objects by keys regardless of order). */
export function deepEqual(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

// RFC 3339 date-time (as chrono's `DateTime::parse_from_rfc3339` reads it): `T`, `t` or a space
// between date and time, optional fraction, `Z`/`z` or a numeric offset.
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Nanoseconds since the epoch as a BigInt, or null when `text` is not RFC 3339. */
export function instantNanos(text) {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, z, sign, oh, om] = m;
  const nums = [y, mo, d, h, mi, s].map(Number);
  if (nums[1] < 1 || nums[1] > 12 || nums[2] < 1 || nums[2] > 31 || nums[3] > 23 || nums[4] > 59 || nums[5] > 60) {
    return null;
  }
  const days = Date.UTC(nums[0], nums[1] - 1, nums[2]);
  const check = new Date(days);
  if (check.getUTCDate() !== nums[2]) return null; // 31 February and the like
  let seconds = BigInt(days / 1000) + BigInt(nums[3] * 3600 + nums[4] * 60 + Math.min(nums[5], 59));
  if (!z) {
    const offset = BigInt(Number(oh) * 3600 + Number(om) * 60);
    seconds = sign === '+' ? seconds - offset : seconds + offset;
  }
  const nanos = BigInt(((frac ?? '') + '000000000').slice(0, 9));
  return seconds * 1_000_000_000n + nanos + (nums[5] === 60 ? 1_000_000_000n : 0n);
}

function sameInstant(a, b) {
  const x = instantNanos(a);
  const y = instantNanos(b);
  return x !== null && y !== null && x === y;
}


// What the page does once quytrinh is imported, whichever bundler built it: `load()` loads
// the module as that bundler's recipe says (README, "One module, every host"). With `?bad` in
// the address the page first gives `init` a URL that does not exist and records how it
// rejects. The outcome is written into #result as JSON and #status becomes `done`.
import init, { WorkflowInstance, QuytrinhError } from 'quytrinh';

async function badLoad() {
  try {
    await init(new URL('./no-such-module.wasm', location.href));
    return { rejected: false };
  } catch (e) {
    return {
      rejected: true,
      quytrinhError: e instanceof QuytrinhError,
      isError: e instanceof Error,
      code: e.code,
      message: e.message,
    };
  }
}

function companion() {
  const rel = WorkflowInstance.create('companion', {
    init: { saco_id: 'SACO-01', customer_id: 'KH-01', account: '0001234567' },
  });
  const outcome = rel.handle({
    command_id: 'c1',
    actor: { role: 'saco', id: 'SACO-01' },
    at: '2026-11-23T09:00:00+07:00',
    type: 'request_unlink',
  });
  return {
    effects: outcome.effects.map((e) => e.kind),
    relationship: outcome.position.relationship,
  };
}

/** Runs the page; `load` is the bundler's way to call `init`. */
export async function run(load) {
  const status = document.getElementById('status');
  try {
    const result = {};
    if (new URLSearchParams(location.search).has('bad')) result.badLoad = await badLoad();
    await load();
    Object.assign(result, companion());
    document.getElementById('result').textContent = JSON.stringify(result);
    status.textContent = 'done';
  } catch (e) {
    document.getElementById('result').textContent = String(e?.stack ?? e);
    status.textContent = 'failed';
  }
}

// The quytrinh playground: pick a workflow, act as each role with the buttons that
// `availableCommands` gives, move the clock, and watch the state diagram, the timeline of
// events and effects, and the pending deadlines. Everything runs in the page (WebAssembly);
// nothing is fetched from outside.
import init, { WorkflowInstance, QuytrinhError, workflows } from 'quytrinh';

/** Who plays each role, the initial data and the starting instant of each workflow. */
const SCENARIOS = {
  companion: {
    start: '2026-11-23T09:00:00+07:00',
    init: { saco_id: 'SACO-01', customer_id: 'KH-01', account: '0001234567' },
    actors: { saco: 'SACO-01', customer: 'KH-01' },
  },
  complaint: {
    start: '2026-03-16T09:00:00+07:00',
    init: { complaint_id: 'KN-001' },
    actors: { intake: 'quay-HN', ops: 'NV-01', agent: 'DL-01', head_of_ops: 'TP-NV' },
  },
};

/** Sample values for the free-text fields a command leaves empty. */
const SAMPLES = {
  name: 'Nguyễn Văn An',
  phone: '0912345678',
  email: 'an@example.vn',
  customer_id: 'KH-01',
  description: 'Chứng thư số hết hạn, không ký được hợp đồng.',
  answer: 'Đã hướng dẫn khách gia hạn chứng thư.',
  root_cause: 'Đại lý chưa gia hạn chứng thư',
  text: 'Phương án xử lý đã gửi khách hàng.',
  note: 'Ghi chú mẫu',
  summary: 'Đã xử lý xong.',
  lessons: 'Nhắc đại lý gia hạn sớm.',
  reference: 'UNC-0001',
};

const $ = (id) => document.getElementById(id);
const state = { workflow: null, instance: null, now: null, lang: 'vi', seq: 0 };

function label(l) {
  return l ? l[state.lang] ?? l.vi : '';
}

function fmt(iso) {
  // Vietnam's wall clock, whatever the browser's zone.
  const d = new Date(new Date(iso).getTime() + 7 * 3600 * 1000);
  const p = (n) => String(n).padStart(2, '0');
  const days = ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'];
  const daysEn = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const day = (state.lang === 'vi' ? days : daysEn)[d.getUTCDay()];
  return `${day} ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

function countdown(ms) {
  if (ms <= 0) return state.lang === 'vi' ? 'đến hạn' : 'due';
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  const p = (n) => String(n).padStart(2, '0');
  const hms = `${p(Math.floor((s % 86400) / 3600))}:${p(Math.floor((s % 3600) / 60))}:${p(s % 60)}`;
  if (d === 0) return hms;
  return state.lang === 'vi' ? `${d} ngày ${hms}` : `${d} d ${hms}`;
}

function showError(e) {
  const box = $('error');
  if (!e) {
    box.hidden = true;
    box.textContent = '';
    return;
  }
  box.hidden = false;
  if (e instanceof QuytrinhError) {
    box.dataset.code = e.code;
    box.textContent = `${state.lang === 'vi' ? e.messageVi : e.messageEn} (${e.code}${e.rule ? `, ${e.rule}` : ''})`;
  } else {
    box.dataset.code = 'error';
    box.textContent = String(e);
  }
}

/** Fills the free-text fields a command leaves empty with sample values. */
function fill(value, key) {
  if (typeof value === 'string' && value === '') return SAMPLES[key] ?? '(mẫu)';
  if (Array.isArray(value)) return value.map((v) => fill(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, k)]));
  }
  return value;
}

function start(workflow) {
  state.instance?.free();
  const scenario = SCENARIOS[workflow] ?? { start: new Date().toISOString(), init: {}, actors: {} };
  state.workflow = workflow;
  state.now = new Date(scenario.start);
  state.seq = 0;
  showError(null);
  try {
    state.instance = WorkflowInstance.create(workflow, { id: `${workflow}-demo`, init: scenario.init });
  } catch (e) {
    state.instance = null;
    showError(e);
  }
  render();
}

function act(role, actorId, available) {
  const command = {
    command_id: `cmd-${++state.seq}`,
    actor: { role, id: actorId },
    at: state.now,
    ...fill(available.command),
  };
  try {
    state.instance.handle(command);
    showError(null);
  } catch (e) {
    showError(e);
  }
  render();
}

function advance(seconds) {
  state.now = new Date(state.now.getTime() + seconds * 1000);
  try {
    state.instance.tick(state.now);
    showError(null);
  } catch (e) {
    showError(e);
  }
  render();
}

function render() {
  const inst = state.instance;
  $('now').textContent = fmt(state.now.toISOString());
  if (!inst) return;
  const def = inst.definition();
  $('title').textContent = label(def.label);
  renderRoles(inst, def);
  renderDeadlines(inst, def);
  renderDiagram(inst, def);
  renderTimeline(inst, def);
  $('mermaid').textContent = inst.mermaid({ lang: state.lang });
  $('state').textContent = JSON.stringify(inst.state, null, 2);
}

function renderRoles(inst, def) {
  const box = $('roles');
  box.replaceChildren();
  const scenario = SCENARIOS[state.workflow] ?? { actors: {} };
  for (const role of def.roles) {
    const div = document.createElement('div');
    div.className = 'role';
    div.dataset.role = role.id;
    const head = document.createElement('header');
    const h = document.createElement('h3');
    h.textContent = label(role.label);
    const input = document.createElement('input');
    input.value = scenario.actors[role.id] ?? `${role.id}-1`;
    input.title = 'id';
    input.addEventListener('change', () => {
      scenario.actors[role.id] = input.value;
      render();
    });
    head.append(h, input);
    const buttons = document.createElement('div');
    buttons.className = 'buttons';
    let available = [];
    try {
      available = inst.availableCommands({ role: role.id, id: input.value }, state.now);
    } catch (e) {
      showError(e);
    }
    for (const a of available) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'command';
      b.dataset.command = a.type;
      b.textContent = label(a.label);
      b.title = JSON.stringify(a.command);
      b.addEventListener('click', () => act(role.id, input.value, a));
      buttons.append(b);
    }
    if (available.length === 0) {
      const none = document.createElement('span');
      none.className = 'none';
      none.textContent = state.lang === 'vi' ? 'Không có thao tác nào lúc này' : 'Nothing to do now';
      buttons.append(none);
    }
    div.append(head, buttons);
    box.append(div);
  }
}

function renderDeadlines(inst, def) {
  const list = $('deadlines');
  list.replaceChildren();
  const deadlines = inst.deadlines;
  for (const d of deadlines) {
    const li = document.createElement('li');
    li.dataset.kind = d.kind;
    const spec = def.deadlines.find((s) => s.kind === d.kind);
    const name = document.createElement('strong');
    name.textContent = spec ? label(spec.label) : d.kind;
    const cd = document.createElement('span');
    cd.className = 'countdown';
    cd.textContent = countdown(new Date(d.due).getTime() - state.now.getTime());
    const basis = d.basis === 'business' ? (state.lang === 'vi' ? 'giờ làm việc' : 'business time') : '';
    li.append(name, ` — ${fmt(d.due)} — `, cd, basis ? ` (${basis})` : '');
    list.append(li);
  }
  if (deadlines.length === 0) {
    const li = document.createElement('li');
    li.className = 'none';
    li.textContent = state.lang === 'vi' ? 'Không có hạn nào' : 'No pending deadline';
    list.append(li);
  }
}

const SVG = 'http://www.w3.org/2000/svg';
function el(name, attrs = {}, text) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Draws the definition: one band per region, its states in a grid, the transitions. */
function renderDiagram(inst, def) {
  const position = inst.position;
  const W = 180;
  const H = 44;
  const GX = 60;
  const GY = 34;
  const PER_ROW = 5;
  const svg = el('svg', { role: 'img', 'aria-label': 'state diagram' });
  const defs = el('defs');
  const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' });
  marker.append(el('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#94a3b8' }));
  defs.append(marker);
  svg.append(defs);
  let y = 10;
  let width = 0;
  for (const region of def.regions) {
    svg.append(el('text', { x: 8, y: y + 14, class: 'region-label' }, label(region.label)));
    y += 26;
    const at = {};
    region.states.forEach((s, i) => {
      const x = 10 + (i % PER_ROW) * (W + GX);
      const yy = y + Math.floor(i / PER_ROW) * (H + GY);
      at[s.id] = { x, y: yy };
      width = Math.max(width, x + W + 10);
    });
    const current = position[region.id];
    const edges = el('g');
    for (const t of def.transitions.filter((t) => t.region === region.id && at[t.from] && at[t.to] && t.from !== t.to)) {
      const a = at[t.from];
      const b = at[t.to];
      const x1 = a.x + W / 2;
      const y1 = a.y + H / 2;
      const x2 = b.x + W / 2;
      const y2 = b.y + H / 2;
      // Stop the line at the box's border.
      const dx = x2 - x1;
      const dy = y2 - y1;
      const k = Math.min(dx ? (W / 2) / Math.abs(dx) : Infinity, dy ? (H / 2) / Math.abs(dy) : Infinity);
      const sx = x1 + dx * k;
      const sy = y1 + dy * k;
      const ex = x2 - dx * k;
      const ey = y2 - dy * k;
      const mx = (sx + ex) / 2 - dy * 0.15;
      const my = (sy + ey) / 2 + dx * 0.15;
      const path = el('path', { d: `M${sx},${sy} Q${mx},${my} ${ex},${ey}`, class: `edge${t.from === current ? ' live' : ''}` });
      const trig = def.commands.find((c) => c.name === t.trigger)?.label ?? def.deadlines.find((d) => d.kind === t.trigger)?.label;
      path.append(el('title', {}, `${trig ? label(trig) : t.trigger}${t.guard ? ` — ${t.guard}` : ''}`));
      edges.append(path);
    }
    svg.append(edges);
    for (const s of region.states) {
      const { x, y: yy } = at[s.id];
      const g = el('g', {
        class: `state${s.id === current ? ' current' : ''}${s.terminal ? ' terminal' : ''}`,
        'data-region': region.id,
        'data-state': s.id,
      });
      g.append(el('rect', { x, y: yy, width: W, height: H, rx: 8 }));
      const text = label(s.label);
      g.append(el('text', { x: x + W / 2, y: yy + H / 2 + 4, 'text-anchor': 'middle' }, text.length > 26 ? `${text.slice(0, 25)}…` : text));
      g.append(el('title', {}, `${s.id}: ${text}`));
      svg.append(g);
    }
    y += Math.ceil(region.states.length / PER_ROW) * (H + GY) + 10;
  }
  svg.setAttribute('viewBox', `0 0 ${width} ${y}`);
  svg.setAttribute('width', '100%');
  $('diagram').replaceChildren(svg);
}

function renderTimeline(inst, def) {
  const list = $('timeline');
  list.replaceChildren();
  const records = inst.eventLog().records;
  for (const r of [...records].reverse()) {
    const li = document.createElement('li');
    li.dataset.event = r.event.type;
    const who = r.actor.role === 'system' ? (state.lang === 'vi' ? 'hệ thống' : 'system') : `${r.actor.role}:${r.actor.id}`;
    const trig = def.commands.find((c) => c.name === r.trigger)?.label ?? def.deadlines.find((d) => d.kind === r.trigger)?.label;
    const t = document.createElement('span');
    t.className = `tag${r.actor.role === 'system' ? ' deadline' : ''}`;
    t.textContent = trig ? label(trig) : r.trigger;
    const ev = document.createElement('code');
    ev.textContent = r.event.type;
    li.append(`${fmt(r.at)} · ${who} · `, t, ' → ', ev);
    for (const f of r.effects ?? []) {
      const tag = document.createElement('span');
      tag.className = 'tag effect';
      tag.dataset.effect = f.kind === 'notify' ? `notify:${f.template}` : f.kind;
      tag.textContent = tag.dataset.effect;
      tag.title = JSON.stringify(f);
      li.append(' ', tag);
    }
    list.append(li);
  }
}

async function main() {
  await init();
  const select = $('workflow');
  for (const w of workflows()) {
    const o = document.createElement('option');
    o.value = w;
    o.textContent = w;
    select.append(o);
  }
  select.addEventListener('change', () => start(select.value));
  $('lang').addEventListener('change', (e) => {
    state.lang = e.target.value;
    render();
  });
  $('reset').addEventListener('click', () => start(select.value));
  for (const b of $('advance').querySelectorAll('button')) {
    b.addEventListener('click', () => advance(Number(b.dataset.seconds)));
  }
  start(select.value);
  document.body.dataset.ready = 'true';
}

main().catch((e) => showError(e));

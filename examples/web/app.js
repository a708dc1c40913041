// The quytrinh playground: pick a workflow, act as each role with the buttons that
// `availableCommands` gives, move the clock, and watch the state diagram, the entities, the
// timeline of events and effects, and the pending deadlines. Everything runs in the page
// (WebAssembly); nothing is fetched from outside.
import init, { WorkflowInstance, QuytrinhError, workflows } from 'quytrinh';

/** The leads the platform of the lead_care scenario delivers next (`deliver_leads`). */
const LEAD_POOL = [
  { lead_id: 'L5', customer_id: 'KH-205' },
  { lead_id: 'L6', customer_id: 'KH-206' },
  { lead_id: 'L7', customer_id: 'KH-207' },
  { lead_id: 'L8', customer_id: 'KH-208' },
];

/**
 * Who plays each role, the initial data and the starting instant of each workflow, and, all
 * optional, what the page needs to drive it — data the generic code below reads:
 * - `samples`: values for the fields a command leaves to the UI (over `SAMPLES`). A value may
 *   be text, `{by, values, default}` (it depends on the command's field `by`) or a function of
 *   `{state, seq}` (the instance's state, the page's command counter).
 * - `fields`: fields whose value is chosen. `options`: a path in `{config, state}` to a list,
 *   with the `value` and `label` keys of each item (and an optional `flag` shown beside the
 *   label): the command opens a form with a select. `labels`: a label for each value, shown
 *   on the button (`approve: true` → "duyệt").
 * - `confirm`: commands sent only after a confirm step: `query` is run as the same actor when
 *   the button is pressed, the form lists the answer's `rows` (a path) by `columns`, and on
 *   confirmation the command carries the answer's values named by `fill` (field → path).
 * - `entities`: the table of the per-entity positions (`region:entity`): its `label`, the
 *   field that names an entity (`key`, for the heading), and its `columns` in order:
 *   `{region}` (the entity's state there), `{state, match, value}` (the `value` of the item
 *   of list `state` whose `match` is the entity) or `{query, value}` (a query with `$id` for
 *   the entity, asked as the first role allowed to ask it).
 * - `directory`: what the host knows of the ids of `field` (names, phones), shown beside them.
 */
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
    fields: {
      agreed: { labels: { true: { vi: 'đồng ý', en: 'agreed' }, false: { vi: 'không đồng ý', en: 'disagreed' } } },
    },
  },
  lead_care: {
    start: '2026-11-17T09:00:00+07:00',
    init: {
      package_id: 'GOI-2611-01',
      consultant_id: 'TV-01',
      purchased_at: '2026-11-16T08:30:00+07:00',
      leads: [
        { lead_id: 'L1', customer_id: 'KH-201', delivered_at: '2026-11-16T09:00:00+07:00' },
        { lead_id: 'L2', customer_id: 'KH-202', delivered_at: '2026-11-16T09:00:00+07:00' },
        { lead_id: 'L3', customer_id: 'KH-203', delivered_at: '2026-11-16T09:00:00+07:00' },
        { lead_id: 'L4', customer_id: 'KH-204', delivered_at: '2026-11-16T09:00:00+07:00' },
      ],
    },
    actors: { consultant: 'TV-01', reviewer: 'XD-01', platform: 'phan-phoi' },
    directory: {
      field: 'customer_id',
      entries: {
        'KH-201': 'Trần Thị Bích Ngọc · 0903 456 789',
        'KH-202': 'Lê Văn Hùng · 0987 123 456',
        'KH-203': 'Phạm Minh Châu · 0912 000 000',
        'KH-204': 'Hoàng Thu Trang · 0934 567 890',
        'KH-205': 'Vũ Đức Thắng · 0978 654 321',
        'KH-206': 'Đặng Thị Mai · 0356 789 012',
        'KH-207': 'Bùi Quốc Anh · 0868 246 135',
        'KH-208': 'Ngô Thanh Hà · 0707 135 246',
      },
    },
    samples: {
      note: {
        by: 'status',
        values: {
          new: 'Khách hàng mới nhận, chưa liên hệ.',
          contacted: 'Đã gọi giới thiệu sản phẩm, khách hẹn gọi lại chiều mai.',
          interested: 'Khách quan tâm gói vay mua nhà, đã gửi bảng lãi suất qua Zalo.',
          appointment: 'Đã hẹn gặp tại chi nhánh lúc 9 giờ sáng thứ Năm.',
          converted: 'Khách đã ký hợp đồng mở thẻ tín dụng.',
          not_interested: 'Khách cho biết hiện chưa có nhu cầu.',
          unreachable: 'Gọi 3 lần trong 2 ngày, thuê bao không liên lạc được.',
          wrong_number: 'Số điện thoại không đúng người, người nghe không biết khách hàng.',
          duplicate: 'Trùng với khách hàng đã nhận ở gói trước.',
          fake_info: 'Thông tin khách hàng không có thật.',
        },
        default: 'Đã liên hệ khách hàng.',
      },
      reason: 'Khách hàng thuộc diện được bù (xem lịch sử tiếp xúc), đề nghị bù khách hàng khác.',
      // The platform plays the host: the next lead of the pool, as the replacement of an
      // approved request not yet replaced (the `allocate_replacement_lead` effect) if any.
      leads: ({ state }) => {
        const have = new Set(state.leads.map((l) => l.lead_id));
        const n = state.leads.length + 1;
        const next = LEAD_POOL.find((l) => !have.has(l.lead_id)) ?? { lead_id: `L${n}`, customer_id: `KH-${200 + n}` };
        const owed = state.requests.find((r) => r.state === 'approved' && !r.replaced_by);
        return [owed ? { ...next, replaces: owed.lead_id } : next];
      },
    },
    fields: {
      status: {
        options: 'config.statuses',
        value: 'id',
        label: { vi: 'label_vi', en: 'label_en' },
        flag: { key: 'compensable', vi: 'được bù', en: 'compensable' },
      },
      approve: { labels: { true: { vi: 'duyệt', en: 'approve' }, false: { vi: 'từ chối', en: 'reject' } } },
    },
    confirm: {
      submit_for_review: {
        query: { type: 'preview_submission' },
        rows: 'preview.drafts',
        columns: ['request_no', 'lead_id', 'customer_id', 'status', 'reason', 'requested_at'],
        fill: { confirm_token: 'preview.confirm_token' },
      },
    },
    entities: {
      label: { vi: 'Khách hàng trong gói', en: 'Leads of the package' },
      key: 'lead_id',
      columns: [
        { key: 'customer', label: { vi: 'Mã khách hàng · họ tên · điện thoại', en: 'Customer · name · phone' }, state: 'leads', match: 'lead_id', value: 'customer_id' },
        { region: 'lead' },
        { region: 'compensation' },
        {
          key: 'contacts',
          label: { vi: 'Lịch sử tiếp xúc', en: 'Contact history' },
          query: { type: 'contact_history', lead_id: '$id' },
          value: 'entries.length',
        },
        { key: 'replaces', label: { vi: 'Bù cho', en: 'Replaces' }, state: 'leads', match: 'lead_id', value: 'replaces' },
      ],
    },
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
  decision: 'Giữ nguyên phương án đã trả lời khách hàng.',
  instructions: 'Bổ sung biên bản làm việc với đại lý.',
  agent_id: 'DL-01',
};

/** Field names in forms and tables. */
const FIELD_LABELS = {
  status: { vi: 'Trạng thái', en: 'Status' },
  note: { vi: 'Ghi chú', en: 'Note' },
  reason: { vi: 'Lý do bù', en: 'Reason' },
  request_no: { vi: 'Số', en: 'No.' },
  lead_id: { vi: 'Khách hàng', en: 'Lead' },
  customer_id: { vi: 'Mã khách hàng', en: 'Customer' },
  requested_at: { vi: 'Lúc yêu cầu', en: 'Requested at' },
  confirm_token: { vi: 'Mã xác nhận', en: 'Confirm token' },
};

const $ = (id) => document.getElementById(id);
const state = { workflow: null, instance: null, config: null, now: null, lang: 'vi', seq: 0, forms: {} };

function label(l) {
  return l ? l[state.lang] ?? l.vi : '';
}

function scenario() {
  return SCENARIOS[state.workflow] ?? { start: new Date().toISOString(), init: {}, actors: {} };
}

function fieldLabel(key) {
  return FIELD_LABELS[key] ? label(FIELD_LABELS[key]) : key;
}

/** The value at `path` (`a.b.c`) in `value`. */
function pick(value, path) {
  return path.split('.').reduce((v, k) => (v == null ? undefined : v[k]), value);
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

/** The choices of a field with `options` (`[{value, label}]`), or null. */
function options(key) {
  const spec = scenario().fields?.[key];
  if (!spec?.options) return null;
  const list = pick({ config: state.config, state: state.instance.state }, spec.options) ?? [];
  return list.map((item) => {
    const text = typeof spec.label === 'object' ? { vi: item[spec.label.vi], en: item[spec.label.en] } : { vi: String(item[spec.label]) };
    const flag = spec.flag && item[spec.flag.key] ? ` (${label(spec.flag)})` : '';
    return { value: item[spec.value], label: `${label(text)}${flag}` };
  });
}

/** How a field's value reads: its option or value label, a date, the directory's entry. */
function valueText(key, value) {
  if (value === null || value === undefined || value === '') return '—';
  const spec = scenario().fields?.[key];
  const option = spec?.options ? options(key).find((o) => o.value === value) : null;
  if (option) return option.label;
  if (spec?.labels?.[String(value)]) return label(spec.labels[String(value)]);
  const dir = scenario().directory;
  if (dir && key === dir.field && dir.entries[value]) return `${value} · ${dir.entries[value]}`;
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) return fmt(value);
  return String(value);
}

/** A placeholder the core leaves for the UI to fill: empty text, or the ellipsis. */
function blank(value) {
  return value === '' || value === '…';
}

/** The scenario's (or the page's) sample for field `key` of `command`. */
function sample(key, command) {
  const s = scenario().samples?.[key] ?? SAMPLES[key];
  if (typeof s === 'function') return s({ state: state.instance.state, seq: state.seq });
  if (s && typeof s === 'object') return s.values[command?.[s.by]] ?? s.default;
  return s;
}

/** Fills the fields a command leaves to the UI (blank text, empty lists) with samples. */
function fill(value, key, command) {
  if (blank(value)) return sample(key, command) ?? '(mẫu)';
  if (Array.isArray(value)) {
    if (value.length === 0) return sample(key, command) ?? value;
    return value.map((v) => fill(v, key, command));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, k, value)]));
  }
  return value;
}

function start(workflow) {
  state.instance?.free();
  const s = SCENARIOS[workflow] ?? { start: new Date().toISOString(), init: {}, actors: {} };
  state.workflow = workflow;
  state.now = new Date(s.start);
  state.seq = 0;
  state.forms = {};
  showError(null);
  try {
    state.instance = WorkflowInstance.create(workflow, { id: `${workflow}-demo`, init: s.init });
    // The configuration the instance runs with (catalogues for the selects): its snapshot's.
    state.config = state.instance.snapshot().config;
  } catch (e) {
    state.instance = null;
    showError(e);
  }
  render();
}

/** Sends a command; true when it was accepted. */
function send(role, actorId, body) {
  const command = {
    command_id: `cmd-${++state.seq}`,
    actor: { role, id: actorId },
    at: state.now,
    ...body,
  };
  try {
    state.instance.handle(command);
    showError(null);
    return true;
  } catch (e) {
    showError(e);
    return false;
  }
}

/**
 * A button pressed: sent at once, or, when a field is chosen or the command has a confirm
 * step, a form first (the confirm step runs its query now and shows the answer).
 */
function press(role, actorId, available) {
  const body = fill(available.command);
  const confirm = scenario().confirm?.[available.type];
  const choose = Object.keys(body).some((k) => scenario().fields?.[k]?.options);
  if (!confirm && !choose) {
    send(role, actorId, body);
    render();
    return;
  }
  // The fields the confirm step fills from its answer are neither samples nor text boxes.
  const given = Object.keys(confirm?.fill ?? {});
  for (const k of given) delete body[k];
  const blanks = Object.keys(available.command).filter((k) => blank(available.command[k]) && !given.includes(k));
  const form = { type: available.type, label: available.label, actorId, body, blanks, answer: null };
  if (confirm) {
    try {
      form.answer = state.instance.query({ role, id: actorId }, confirm.query, state.now);
    } catch (e) {
      showError(e);
      render();
      return;
    }
  }
  state.forms[role] = form;
  showError(null);
  render();
}

/** The form's command sent: closed when accepted; a confirm step closes either way (the
 * answer it showed may be outdated: the user asks again). */
function submitForm(role) {
  const form = state.forms[role];
  const confirm = scenario().confirm?.[form.type];
  const body = { ...form.body };
  for (const [field, path] of Object.entries(confirm?.fill ?? {})) body[field] = pick(form.answer, path);
  if (send(role, form.actorId, body) || confirm) delete state.forms[role];
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
  renderEntities(inst, def);
  renderDiagram(inst, def);
  renderTimeline(inst, def);
  $('mermaid').textContent = inst.mermaid({ lang: state.lang });
  $('state').textContent = JSON.stringify(inst.state, null, 2);
}

/** What tells a button from its siblings: ids and labelled values of its command. */
function describe(command) {
  const fields = scenario().fields ?? {};
  return Object.entries(command)
    .filter(([k, v]) => k !== 'type' && !fields[k]?.options && !blank(v))
    .filter(([k, v]) => (typeof v === 'string' && k.endsWith('_id')) || fields[k]?.labels?.[String(v)])
    .map(([k, v]) => valueText(k, v))
    .join(' · ');
}

function renderRoles(inst, def) {
  const box = $('roles');
  box.replaceChildren();
  const scenarioNow = scenario();
  for (const role of def.roles) {
    const div = document.createElement('div');
    div.className = 'role';
    div.dataset.role = role.id;
    const head = document.createElement('header');
    const h = document.createElement('h3');
    h.textContent = label(role.label);
    const input = document.createElement('input');
    input.value = scenarioNow.actors[role.id] ?? `${role.id}-1`;
    input.title = 'id';
    input.addEventListener('change', () => {
      scenarioNow.actors[role.id] = input.value;
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
      for (const [k, v] of Object.entries(a.command)) {
        if (k !== 'type' && ['string', 'number', 'boolean'].includes(typeof v)) b.setAttribute(`data-arg-${k}`, String(v));
      }
      const what = describe(a.command);
      b.textContent = what ? `${label(a.label)} · ${what}` : label(a.label);
      b.title = JSON.stringify(a.command);
      b.addEventListener('click', () => press(role.id, input.value, a));
      buttons.append(b);
    }
    if (available.length === 0) {
      const none = document.createElement('span');
      none.className = 'none';
      none.textContent = state.lang === 'vi' ? 'Không có thao tác nào lúc này' : 'Nothing to do now';
      buttons.append(none);
    }
    div.append(head, buttons);
    if (state.forms[role.id]) div.append(renderForm(role.id, state.forms[role.id]));
    box.append(div);
  }
}

/** A command's form: a select per chosen field, a text box per blank one, and for a confirm
 * step the answer's rows (what will be sent) and the values the command will carry. */
function renderForm(role, form) {
  const vi = state.lang === 'vi';
  const confirm = scenario().confirm?.[form.type];
  const box = document.createElement('form');
  box.className = `command-form${confirm ? ' confirm' : ''}`;
  box.dataset.command = form.type;
  const h = document.createElement('h4');
  const what = describe(form.body);
  h.textContent = what ? `${label(form.label)} · ${what}` : label(form.label);
  box.append(h);
  const texts = {};
  for (const key of Object.keys(form.body)) {
    const choices = options(key);
    if (choices) {
      const l = document.createElement('label');
      const select = document.createElement('select');
      select.name = key;
      for (const c of choices) {
        const o = document.createElement('option');
        o.value = c.value;
        o.textContent = c.label;
        o.selected = c.value === form.body[key];
        select.append(o);
      }
      select.addEventListener('change', () => {
        const before = { ...form.body };
        form.body[key] = select.value;
        // Samples that depend on this field follow it, unless the user wrote their own.
        for (const k of form.blanks) {
          if (form.body[k] === sample(k, before)) {
            form.body[k] = sample(k, form.body);
            if (texts[k]) texts[k].value = form.body[k];
          }
        }
      });
      l.append(fieldLabel(key), select);
      box.append(l);
    } else if (form.blanks.includes(key) && typeof form.body[key] === 'string') {
      const l = document.createElement('label');
      const text = document.createElement('textarea');
      text.name = key;
      text.rows = 2;
      text.value = form.body[key];
      text.addEventListener('input', () => {
        form.body[key] = text.value;
      });
      texts[key] = text;
      l.append(fieldLabel(key), text);
      box.append(l);
    }
  }
  if (confirm) {
    const rows = pick(form.answer, confirm.rows) ?? [];
    const p = document.createElement('p');
    p.className = 'lead';
    p.textContent = vi
      ? `Sẽ gửi đúng ${rows.length} mục dưới đây. Đọc kỹ rồi xác nhận.`
      : `Exactly these ${rows.length} will be sent. Read them, then confirm.`;
    const table = document.createElement('table');
    table.className = 'preview';
    const tr = document.createElement('tr');
    for (const c of confirm.columns) {
      const th = document.createElement('th');
      th.textContent = fieldLabel(c);
      tr.append(th);
    }
    table.append(tr);
    for (const row of rows) {
      const r = document.createElement('tr');
      for (const c of confirm.columns) {
        const td = document.createElement('td');
        td.dataset.column = c;
        td.textContent = valueText(c, row[c]);
        r.append(td);
      }
      table.append(r);
    }
    box.append(p, table);
    for (const [field, path] of Object.entries(confirm.fill)) {
      const carried = document.createElement('p');
      carried.className = 'muted';
      const code = document.createElement('code');
      code.dataset.field = field;
      code.textContent = String(pick(form.answer, path));
      carried.append(`${fieldLabel(field)}: `, code);
      box.append(carried);
    }
  }
  const buttons = document.createElement('div');
  buttons.className = 'buttons';
  const ok = document.createElement('button');
  ok.type = 'submit';
  ok.className = 'command';
  ok.dataset.action = 'send';
  ok.textContent = confirm ? (vi ? 'Xác nhận gửi' : 'Confirm and send') : vi ? 'Cập nhật ngay' : 'Send';
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.dataset.action = 'cancel';
  cancel.textContent = vi ? 'Huỷ' : 'Cancel';
  cancel.addEventListener('click', () => {
    delete state.forms[role];
    render();
  });
  buttons.append(ok, cancel);
  box.append(buttons);
  box.addEventListener('submit', (e) => {
    e.preventDefault();
    submitForm(role);
  });
  return box;
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
    li.append(name, d.target ? ` (${d.target})` : '', ` — ${fmt(d.due)} — `, cd, basis ? ` (${basis})` : '');
    list.append(li);
  }
  if (deadlines.length === 0) {
    const li = document.createElement('li');
    li.className = 'none';
    li.textContent = state.lang === 'vi' ? 'Không có hạn nào' : 'No pending deadline';
    list.append(li);
  }
}

/** `{region: {state: [entity, …]}}` for the per-entity regions, entities in natural order. */
function occupants(def, position) {
  const natural = new Intl.Collator(undefined, { numeric: true }).compare;
  const out = {};
  for (const region of def.regions.filter((r) => r.per_entity)) {
    out[region.id] = {};
    const prefix = `${region.id}:`;
    for (const key of Object.keys(position).filter((k) => k.startsWith(prefix)).sort(natural)) {
      (out[region.id][position[key]] ??= []).push(key.slice(prefix.length));
    }
  }
  return out;
}

/** The entities' table: a row per entity of the positions, the scenario's columns (or one
 * per per-entity region). */
function renderEntities(inst, def) {
  const panel = $('entities-panel');
  const regions = def.regions.filter((r) => r.per_entity);
  panel.hidden = regions.length === 0;
  if (panel.hidden) return;
  const spec = scenario().entities ?? {};
  $('entities-title').textContent = spec.label ? label(spec.label) : state.lang === 'vi' ? 'Đối tượng' : 'Entities';
  const position = inst.position;
  const natural = new Intl.Collator(undefined, { numeric: true }).compare;
  const ids = [...new Set(Object.keys(position).filter((k) => k.includes(':')).map((k) => k.slice(k.indexOf(':') + 1)))].sort(natural);
  const columns = [...(spec.columns ?? [])];
  for (const r of regions) if (!columns.some((c) => c.region === r.id)) columns.push({ region: r.id });
  const current = inst.state;
  const cell = (c, id) => {
    if (c.region) {
      const s = position[`${c.region}:${id}`];
      const st = def.regions.find((r) => r.id === c.region)?.states.find((x) => x.id === s);
      return { text: st ? label(st.label) : s ?? '—', state: s };
    }
    if (c.state) {
      const item = (pick(current, c.state) ?? []).find((x) => x[c.match] === id);
      return { text: valueText(c.value, item?.[c.value]) };
    }
    if (c.query) {
      const q = Object.fromEntries(Object.entries(c.query).map(([k, v]) => [k, v === '$id' ? id : v]));
      const role = def.queries.find((x) => x.name === q.type)?.roles[0];
      try {
        const answer = inst.query({ role, id: scenario().actors[role] ?? `${role}-1` }, q, state.now);
        return { text: valueText(c.value, pick(answer, c.value)), title: JSON.stringify(answer) };
      } catch (e) {
        return { text: e.code ?? String(e) };
      }
    }
    return { text: '' };
  };
  const table = document.createElement('table');
  const head = document.createElement('tr');
  const first = document.createElement('th');
  first.textContent = spec.key ? fieldLabel(spec.key) : 'id';
  head.append(first);
  for (const c of columns) {
    const th = document.createElement('th');
    th.textContent = c.region ? label(def.regions.find((r) => r.id === c.region)?.label) : label(c.label);
    head.append(th);
  }
  table.append(head);
  for (const id of ids) {
    const tr = document.createElement('tr');
    tr.dataset.entity = id;
    const th = document.createElement('th');
    th.textContent = id;
    tr.append(th);
    for (const c of columns) {
      const td = document.createElement('td');
      const v = cell(c, id);
      td.dataset.column = c.region ?? c.key;
      if (v.state) td.dataset.state = v.state;
      if (v.title) td.title = v.title;
      td.textContent = v.text;
      tr.append(td);
    }
    table.append(tr);
  }
  $('entities').replaceChildren(table);
}

const SVG = 'http://www.w3.org/2000/svg';
function el(name, attrs = {}, text) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Draws the definition: one band per region, its states in a grid, the transitions. A
 * per-entity region marks every state some entity is in, and names the entities there. */
function renderDiagram(inst, def) {
  const position = inst.position;
  const entities = occupants(def, position);
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
    svg.append(el('text', { x: 8, y: y + 14, class: 'region-label' }, `${label(region.label)}${region.per_entity ? ' — ' + (state.lang === 'vi' ? 'theo từng đối tượng' : 'per entity') : ''}`));
    y += 26;
    const at = {};
    region.states.forEach((s, i) => {
      const x = 10 + (i % PER_ROW) * (W + GX);
      const yy = y + Math.floor(i / PER_ROW) * (H + GY);
      at[s.id] = { x, y: yy };
      width = Math.max(width, x + W + 10);
    });
    const here = (id) => (region.per_entity ? entities[region.id][id] !== undefined : id === position[region.id]);
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
      // A slight bend, so that edges both ways are told apart; at most 40 px off the line.
      const bend = Math.min(0.15, 40 / Math.hypot(dx, dy));
      const mx = (sx + ex) / 2 - dy * bend;
      const my = (sy + ey) / 2 + dx * bend;
      const path = el('path', { d: `M${sx},${sy} Q${mx},${my} ${ex},${ey}`, class: `edge${here(t.from) ? ' live' : ''}` });
      const trig = def.commands.find((c) => c.name === t.trigger)?.label ?? def.deadlines.find((d) => d.kind === t.trigger)?.label;
      path.append(el('title', {}, `${trig ? label(trig) : t.trigger}${t.guard ? ` — ${t.guard}` : ''}`));
      edges.append(path);
    }
    svg.append(edges);
    for (const s of region.states) {
      const { x, y: yy } = at[s.id];
      const who = region.per_entity ? entities[region.id][s.id] ?? [] : [];
      const g = el('g', {
        class: `state${here(s.id) ? ' current' : ''}${s.terminal ? ' terminal' : ''}`,
        'data-region': region.id,
        'data-state': s.id,
      });
      if (region.per_entity) g.setAttribute('data-entities', who.join(' '));
      g.append(el('rect', { x, y: yy, width: W, height: H, rx: 8 }));
      const text = label(s.label);
      const short = text.length > 26 ? `${text.slice(0, 25)}…` : text;
      if (who.length) {
        g.append(el('text', { x: x + W / 2, y: yy + 18, 'text-anchor': 'middle' }, short));
        const names = who.length > 4 ? `${who.slice(0, 4).join(', ')} +${who.length - 4}` : who.join(', ');
        g.append(el('text', { x: x + W / 2, y: yy + 34, 'text-anchor': 'middle', class: 'occupants' }, names));
      } else {
        g.append(el('text', { x: x + W / 2, y: yy + H / 2 + 4, 'text-anchor': 'middle' }, short));
      }
      g.append(el('title', {}, `${s.id}: ${text}${who.length ? ` — ${who.join(', ')}` : ''}`));
      svg.append(g);
    }
    y += Math.ceil(region.states.length / PER_ROW) * (H + GY) + 4;
  }
  svg.setAttribute('viewBox', `0 0 ${width} ${y}`);
  svg.setAttribute('width', '100%');
  $('diagram').replaceChildren(svg);
}

/** An event's fields in short: its ids and values, long texts cut. */
function summary(event) {
  return Object.entries(event)
    .filter(([k, v]) => k !== 'type' && v !== null && ['string', 'number', 'boolean'].includes(typeof v))
    .map(([k, v]) => {
      const text = valueText(k, v);
      return `${k}: ${text.length > 40 ? `${text.slice(0, 39)}…` : text}`;
    })
    .join(', ');
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
    const detail = summary(r.event);
    if (detail) {
      const d = document.createElement('span');
      d.className = 'detail';
      d.textContent = ` ${detail}`;
      d.title = JSON.stringify(r.event);
      li.append(d);
    }
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

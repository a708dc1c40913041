// Compiled with `tsc --noEmit --strict` against the built package (build/wasm/pkg): the
// declarations are valid, the generated domain types fit the wrapper, and wrong shapes are
// refused at compile time. Never run.
import init, {
  BusinessCalendar,
  QuytrinhError,
  REJECTION_CODES,
  WorkflowInstance,
  definition,
  fromLunar,
  report,
  toLunar,
  type CommandOf,
  type CompanionCommand,
  type ComplaintEvent,
  type Deadline,
  type ErrorCode,
  type OutcomeOf,
  type StateIdOf,
  type DeadlineKindOf,
  type EffectKindOf,
  type CommandTypeOf,
  type RoleOf,
} from '../../build/wasm/pkg/index.js';

export async function demo(): Promise<void> {
  await init();
  const rel = WorkflowInstance.create('companion', {
    id: 'rel-1',
    init: { saco_id: 'S1', customer_id: 'K1', account: '0001234567' },
    config: { otp_lifetime_seconds: 300 },
  });
  const command: CommandOf<'companion'> = {
    command_id: 'c1',
    actor: { role: 'saco', id: 'S1' },
    at: new Date(),
    type: 'request_unlink',
  };
  const out: OutcomeOf<'companion'> = rel.handle(command);
  const next: Deadline | null = out.next_deadline;
  const status: string = rel.state.requests[0]?.status ?? 'none';
  // @ts-expect-error: outcomes carry what changed, not the state
  void out.state;
  const answer = rel.query({ role: 'saco', id: 'S1' }, { type: 'requests' });
  const requestIds: string[] = answer.requests.map((r) => r.id);
  // @ts-expect-error: not a query of companion
  rel.query({ role: 'saco', id: 'S1' }, { type: 'preview_submission' });
  const leads = WorkflowInstance.create('lead_care', {
    init: {
      package_id: 'G-1',
      consultant_id: 'TV-01',
      purchased_at: '2026-04-20T09:00:00+07:00',
      leads: [{ lead_id: 'L1', customer_id: 'KH-1', delivered_at: '2026-04-20T09:00:00+07:00' }],
    },
  });
  const preview = leads.query({ role: 'consultant', id: 'TV-01' }, { type: 'preview_submission' });
  if (preview.type === 'preview_submission') {
    const token: string = preview.preview.confirm_token;
    void token;
  }
  const cases = WorkflowInstance.create('complaint', { init: { complaint_id: 'KN-1' } });
  const weekly = report('complaint', { role: 'head_of_ops', id: 'TP-01' },
    { type: 'weekly_report', week_ending: '2026-03-05' }, [cases.row()]);
  const received: number = weekly.received;
  void received;
  // @ts-expect-error: companion has no reports
  report('companion', { role: 'saco', id: 'S1' }, { type: 'weekly_report', week_ending: '2026-03-05' }, []);
  const store = WorkflowInstance.create('store_subscription', {
    init: {
      store_id: 'CH0001',
      store_name: 'Tạp hoá Minh Anh',
      industry: 'Tạp hóa',
      tier: 'support',
      status: 'active',
      expiry: '2026-07-01T00:00:00+07:00',
      terms_version: '2023-08',
    },
  });
  const notice = store.query({ role: 'staff', id: 'NV-1' }, { type: 'footer_notice' });
  if (notice.type === 'notice') {
    const daysLeft: number | undefined = notice.notice?.days_left;
    void daysLeft;
  }
  // @ts-expect-error: `start_order` needs its kind, tier, months and quote
  store.handle({ command_id: 's1', actor: { role: 'owner_admin', id: 'A' }, at: new Date(), type: 'start_order' });
  const subscription = WorkflowInstance.create('renewal_billing', {
    init: {
      subscription_id: 'TB-1', customer_id: 'KH-1', payment_code: 'KH1', product: 'amis_ke_toan',
      market: 'mien_bac', csm_id: 'CSM-01', term_no: 1, term_end: '2026-07-31',
      buyer: { name: 'Nguyễn Thị Lan', email: 'lan@abc.com.vn', phone: '0912345678' },
      invoice: { name: 'Công ty TNHH ABC', tax_code: '0108888888', address: 'Hà Nội', email: 'ketoan@abc.com.vn' },
    },
  });
  subscription.handle({
    command_id: 'r1', actor: { role: 'scheduler', id: 'auto-billing' }, at: new Date(),
    type: 'issue_request', term: 2, package: { code: 'AMIS-KT-12', name: 'AMIS Kế toán 12 tháng', months: 12 }, amount: 5500000,
  });
  const yctt = subscription.query({ role: 'csm', id: 'CSM-01' }, { type: 'request_detail', request_id: 'R1' });
  if (yctt.type === 'request_detail') {
    const copy: string = yctt.detail.transfer.copy_text;
    const qr: string | null | undefined = yctt.detail.qr_payload;
    void copy;
    void qr;
  }
  const filtered = report('renewal_billing', { role: 'csm', id: 'CSM-01' },
    { type: 'filter', statuses: ['issued'], opened: false, max_days_to_term_end: 7, limit: 50 }, [subscription.row()]);
  const soonest: number | undefined = filtered.lines[0]?.days_to_term_end;
  const rowStatus: string | undefined = filtered.lines[0]?.request_status;
  void soonest;
  void rowStatus;
  // @ts-expect-error: not a criterion of the filter
  report('renewal_billing', { role: 'csm', id: 'CSM-01' }, { type: 'filter', colour: 'red' }, []);
  for (const e of out.effects) {
    if (e.kind === 'send_otp') {
      const expires: string = e.expires_at;
      void expires;
    }
  }
  const buttons = rel.availableCommands({ role: 'saco', id: 'S1' });
  const body: CompanionCommand = buttons[0].command;
  rel.handle({ command_id: 'c2', actor: { role: 'saco', id: 'S1' }, at: '2026-11-23T09:00:00+07:00', ...body });
  // @ts-expect-error: not a command of companion
  rel.handle({ command_id: 'c3', actor: { role: 'saco', id: 'S1' }, at: new Date(), type: 'teleport' });
  // @ts-expect-error: `confirm` needs a request_id
  rel.handle({ command_id: 'c4', actor: { role: 'saco', id: 'S1' }, at: new Date(), type: 'confirm' });
  // @ts-expect-error: no such workflow
  WorkflowInstance.create('payroll', { init: {} });
  // Roles, state ids, deadline kinds, effect kinds and command names are string-literal
  // unions per workflow, generated from the definitions (workflows.d.ts).
  // @ts-expect-error: a role typo does not compile
  rel.handle({ command_id: 'c5', actor: { role: 'sacco', id: 'S1' }, at: new Date(), type: 'request_unlink' });
  // @ts-expect-error: `head_of_ops` is a role of complaint, not of companion
  rel.availableCommands({ role: 'head_of_ops', id: 'TP-01' });
  const relationship: StateIdOf<'companion'> | undefined = out.position['relationship'];
  // @ts-expect-error: not a state of companion
  const wrongState: StateIdOf<'companion'> = 'escalated';
  const kind: DeadlineKindOf<'companion'> | undefined = rel.nextDeadline?.kind;
  // @ts-expect-error: not a deadline kind of companion
  const wrongKind: DeadlineKindOf<'companion'> = 'sla_breach';
  const effectKinds: EffectKindOf<'companion'>[] = out.effects.map((e) => e.kind);
  const names: CommandTypeOf<'companion'>[] = buttons.map((b) => b.name);
  const saco: RoleOf<'companion'> = 'saco';
  void [relationship, wrongState, kind, wrongKind, effectKinds, names, saco];
  // Rejection codes are the kernel's, shared by every workflow: one union, ErrorCode.
  try {
    rel.handle({ command_id: 'c6', actor: { role: 'saco', id: 'S1' }, at: new Date(), type: 'withdraw', request_id: 'R9' });
  } catch (e) {
    if (e instanceof QuytrinhError) {
      const known: boolean = e.code === 'not_found' || REJECTION_CODES.includes(e.code);
      // @ts-expect-error: a code typo does not compile (no overlap with ErrorCode)
      const typo: boolean = e.code === 'not_foud';
      void [known, typo];
    }
  }
  const otp: ErrorCode = 'otp_required';
  // @ts-expect-error: not a code
  const wrongCode: ErrorCode = 'otp_requried';
  void [otp, wrongCode];
  try {
    await init('/nowhere/quytrinh.wasm');
  } catch (e) {
    if (e instanceof QuytrinhError && e.code === 'load_failed') void e.cause;
  }

  const any = WorkflowInstance.restore(rel.snapshotJson());
  if (any.is('complaint')) {
    const events: ComplaintEvent[] = any.tick(new Date()).events.map((r) => r.event);
    void events;
  }
  const mermaid: string = rel.mermaid({ lang: 'en', highlight: true });
  const def = definition('complaint');
  const labels: string[] = def.commands.map((c) => c.label.vi);

  const cal = new BusinessCalendar({ counting: { mode: 'working_hours', windows: [{ start: '08:00', end: '12:00' }] } });
  const due: string = cal.add(new Date(), 72 * 3600);
  const seconds: number = cal.between(due, '2026-12-01T00:00:00Z');
  const tet: string = fromLunar({ year: 2027, month: 1, day: 1 });
  const lunarText: string = toLunar(new Date()).text;

  try {
    rel.tick('not a date');
  } catch (e) {
    if (e instanceof QuytrinhError) {
      const code: 'invalid_argument' | string = e.code;
      const vi: string = e.messageVi;
      void code;
      void vi;
    }
  }
  void [next, status, requestIds, mermaid, labels, seconds, tet, lunarText];
}

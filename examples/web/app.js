// The quytrinh playground: pick a workflow, act as each role with the buttons that
// `availableCommands` gives, move the clock, and watch the state diagram, the entities, the
// timeline of events and effects, and the pending deadlines. Everything runs in the page
// (WebAssembly); nothing is fetched from outside. Payment QR codes are drawn with the npm
// package `qr`, which the build vendors into the page (`./vendor/qr/`).
import init, { WorkflowInstance, QuytrinhError, workflows, report } from 'quytrinh';
import encodeQR from 'qr';

/** The leads the platform of the lead_care scenario delivers next (`deliver_leads`). */
const LEAD_POOL = [
  { lead_id: 'L5', customer_id: 'KH-205' },
  { lead_id: 'L6', customer_id: 'KH-206' },
  { lead_id: 'L7', customer_id: 'KH-207' },
  { lead_id: 'L8', customer_id: 'KH-208' },
];

/** The host's price list of the store_subscription scenario: đồng per month, by package. */
const PRICE_PER_MONTH = { support: 180_000, professional: 250_000, premium: 330_000 };

/** What remains to pay on an order of store_subscription (the core's `Order::remainder`:
 * an order's JSON carries the price and what was received, not the difference). */
const remainder = (order) => (order ? Math.max(0, order.quote_vnd - order.paid_vnd) : undefined);

/** The kinds of order of store_subscription, as the seed names them. */
const ORDER_KINDS = {
  renewal: { vi: 'Gia hạn', en: 'Renewal' },
  new_purchase: { vi: 'Mua mới', en: 'New purchase' },
  upgrade: { vi: 'Nâng gói', en: 'Upgrade' },
};

/** The footer notice of store_subscription, as the owner and the staff read it. */
const FOOTER_NOTICE = {
  texts: [
    {
      if: 'expired',
      vi: 'Gian hàng đã hết hạn sử dụng từ ngày {expiry}. Vui lòng gia hạn để tiếp tục sử dụng.',
      en: 'The store’s contract expired on {expiry}. Renew it to go on using the software.',
    },
    {
      vi: 'Gian hàng còn {days_left} ngày sử dụng (hết hạn ngày {expiry}). Vui lòng gia hạn để không bị gián đoạn.',
      en: 'The store has {days_left} days left (it expires on {expiry}). Renew to avoid an interruption.',
    },
  ],
  none: { vi: 'Không có thông báo.', en: 'No notice.' },
};

/** The host's catalogue of the renewal_billing scenario: the packages of each product, with
 * an illustrative price each (the core takes the package and the amount the host quotes). */
const RENEWAL_PACKAGES = {
  amis_ke_toan: [
    { package: { code: 'AMIS-KT-12', name: 'AMIS Kế toán — gói 12 tháng', months: 12 }, price: 5_500_000 },
    { package: { code: 'AMIS-KT-24', name: 'AMIS Kế toán — gói 24 tháng', months: 24 }, price: 10_000_000 },
  ],
  meinvoice: [
    { package: { code: 'MINV-12', name: 'meInvoice — gói 12 tháng', months: 12 }, price: 1_900_000 },
    { package: { code: 'MINV-36', name: 'meInvoice — gói 36 tháng', months: 36 }, price: 4_800_000 },
  ],
  misa_eshop: [
    { package: { code: 'ESHOP-6', name: 'MISA eShop — gói 6 tháng', months: 6 }, price: 1_300_000 },
    { package: { code: 'ESHOP-12', name: 'MISA eShop — gói 12 tháng', months: 12 }, price: 2_400_000 },
  ],
};
const RENEWAL_OFFERS = Object.values(RENEWAL_PACKAGES).flat();

/** A package of the catalogue, as a command carries it. */
const renewalPackage = (code) => RENEWAL_OFFERS.find((o) => o.package.code === code).package;

/** What a csm did, as the support history ("Lịch sử hỗ trợ") names it. */
const SUPPORT_ACTIONS = {
  request_issued: { vi: 'Lập YCTT', en: 'Issued the request' },
  resent: { vi: 'Gửi lại YCTT', en: 'Resent the request' },
  cancelled: { vi: 'Hủy YCTT', en: 'Cancelled the request' },
  refused_renewal: { vi: 'Đánh dấu từ chối gia hạn', en: 'Marked the renewal refused' },
  buyer_info_updated: { vi: 'Cập nhật thông tin mua hàng', en: 'Updated the buyer information' },
  invoice_info_updated: { vi: 'Cập nhật thông tin xuất hóa đơn', en: 'Updated the invoice information' },
  note: { vi: 'Ghi chú', en: 'Note' },
};

/** The channels a request is resent on. */
const RESEND_CHANNELS = { email: { vi: 'qua email', en: 'by e-mail' }, sms: { vi: 'qua SMS', en: 'by SMS' } };

/** The details of a support-history action: the note, the reason, the channel, the new data. */
function supportDetail(action) {
  if (action.text ?? action.reason) return action.text ?? action.reason;
  if (action.channel) return label(RESEND_CHANNELS[action.channel]);
  const i = action.invoice;
  if (i) return [i.name, i.tax_code ? `MST ${i.tax_code}` : null, i.address, i.email].filter(Boolean).join(' · ');
  const b = action.buyer;
  if (b) return [b.name, b.email, b.phone].join(' · ');
  return '';
}

/** A subscription of the renewal_billing scenario: its init from the few values that differ. */
function renewalInit({ id, product, market, csm, termEnd, buyer, invoice }) {
  const n = id.slice(3);
  return {
    subscription_id: id,
    customer_id: `KH-${n}`,
    payment_code: `KH${n}`,
    product,
    market,
    csm_id: csm,
    term_end: termEnd,
    buyer,
    invoice,
  };
}

/**
 * Who plays each role, the initial data and the starting instant of each workflow, and, all
 * optional, what the page needs to drive it — data the generic code below reads:
 * - `id`: the instance's id (otherwise `<workflow>-demo`); `steps`: commands that bring it to
 *   the start (`{role, id?, at, command}`, each at its own instant, then a tick to `start`).
 * - `instances`: further instances of the workflow, each `{id, init, actors, steps}` (its
 *   `actors` over the scenario's), created with the same configuration; the clock ticks
 *   them all, the scenario's `report` runs over all their rows, and its panel opens any.
 * - `config`: the workflow's configuration (otherwise its defaults).
 * - `samples`: values for the fields a command leaves to the UI (over `SAMPLES`): empty text,
 *   an empty list, or a number left at 0 when a sample is given for it. A value may be text,
 *   a number, `{by, values, default}` (it depends on the command's field `by`) or a function
 *   of `{state, seq, command}` (the instance's state, the page's command counter, the
 *   command being filled).
 * - `fields`: how some fields are shown or chosen. `options`: a list, a path in
 *   `{config, state}` to one, or a function of `{config, state}`, with the `value` and
 *   `label` paths of each item (none: the item is the value; `label` may be a function of
 *   the item), `id` the path that tells object values apart, and an optional `flag` shown
 *   beside the label: the command opens a form with a select (an object with blanks, such
 *   as a package not named yet, takes the first option).
 *   `labels`: a label for each value, shown on the button (`approve: true` → "duyệt").
 *   `states`: the value is a state of that region of the definition (its label is shown).
 *   `unit`: a unit after the number ("12 tháng"). `money`: an amount in đồng (as `_vnd`
 *   fields are). `day`: a `YYYY-MM-DD` day, shown `31/07/2026`. `nullable`: emptied in a
 *   form, it is sent as null (an optional tax code).
 * - `forms`: commands that open a form, by type. `query` is run when the button is pressed
 *   (`'$field'` in it is the command's field), as the acting role if it may ask, else as
 *   `as` or the first role allowed (the page plays the host, who knows the answer); the
 *   command's fields named by `fill` take the answer's values (field → a path, or a
 *   function of the answer); those named in `edit` stay editable (an object: a text box per
 *   field), those in `show` are shown as sent. With `rows` (a path) and `columns` the form
 *   is a confirm step: it lists exactly what will be sent, and closes once sent either way
 *   (its answer may be outdated: the user asks again). `submit` labels the send button.
 * - `entities`: the table of the per-entity positions (`region:entity`): its `label`, the
 *   field that names an entity (`key`, for the heading), and its `columns` in order:
 *   `{region}` (the entity's state there), `{state, match, value}` (the `value` path in the
 *   item of list `state` whose `match` is the entity) or `{query, value}` (a query with
 *   `$id` for the entity, asked as the first role allowed to ask it).
 * - `views`: what some roles see, each read from a query asked as that role: `items` (a
 *   path in the answer, a `label`, or a `value` function; `copy`: a read-only box with a
 *   copy button, `multiline` for a text), `sections` (items under a `path`, or a table of
 *   `rows` by `columns`, with an `empty` text), a `notice` (a text chosen by a flag of the
 *   object at `path`, `{field}` replaced by its values) and a `qr`: a payload drawn as a QR
 *   code with `items` beside it, ready to copy — from the latest effect of kind `effect`
 *   whose entity (`entity` field, `region`) is in a state of `while`, or from the object at
 *   `path` in the answer while its `payload` is set. A view with `entity` (a per-entity
 *   region) is about one entity, `$id` in its query: the latest, or the one chosen in its
 *   select; without any, its `empty` text. `wide`: the view takes the whole row.
 * - `report`: a panel running the workflow's report `name` over every instance's `row()`, as
 *   role `role` with one of the ids `actors` (chosen in the panel; shown as field
 *   `actorField`): its `criteria` as controls (`{name, field, many}` ticks any of `choices`,
 *   by default the field's `labels`; `{name, field, choices}` one of them or any;
 *   `{name, number}` a number), the answer's `rows` (a path) by `columns`, `total`, `empty`,
 *   and for the count of matches what is counted (`count`) and a `hint`.
 * - `directory`: what the host knows of the ids of `field` (names, phones), shown beside
 *   them; several as a list, `field` a name or a list of names.
 * - `labels`: field names in forms and tables (over `FIELD_LABELS`).
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
    forms: {
      update_status: { submit: { vi: 'Cập nhật ngay', en: 'Update now' } },
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
  store_subscription: {
    // 17 days before the contract ends: no footer notice yet; "+3 ngày" brings it.
    start: '2026-06-14T09:00:00+07:00',
    config: {
      // The vendor's account that payment QRs pay into (Vietcombank's NAPAS BIN 970436).
      vendor_account: { bank_bin: '970436', account: '0071001234567', account_name: 'CONG TY CP PHAN MEM BAN HANG VIET' },
    },
    init: {
      store_id: 'CH2611',
      store_name: 'Tạp hoá Thu Hà',
      industry: 'Tạp hóa & Siêu thị mini',
      tier: 'professional',
      status: 'active',
      expiry: '2026-07-01T00:00:00+07:00',
      terms_version: '2023-08',
    },
    actors: { owner_admin: 'thuha-admin', staff: 'thuha-nv01', vendor: 'KD-05', payment_gateway: 'doi-soat-napas' },
    directory: { field: 'bank_bin', entries: { 970436: 'Vietcombank' } },
    samples: {
      months: 12,
      // The host's quote for the package and the period chosen.
      quote_vnd: ({ command }) => PRICE_PER_MONTH[command.tier] * command.months,
    },
    fields: {
      kind: { labels: ORDER_KINDS },
      order_kind: { labels: ORDER_KINDS },
      tier: { states: 'package' },
      months: { options: 'config.months', unit: { vi: 'tháng', en: 'months' } },
      days_left: { unit: { vi: 'ngày', en: 'days' } },
      method: { options: 'config.payment_methods', value: 'id', label: { vi: 'label_vi', en: 'label_en' } },
    },
    forms: {
      start_order: { submit: { vi: 'Tiếp tục thanh toán', en: 'Continue to payment' } },
      choose_payment_method: { submit: { vi: 'Tiếp tục thanh toán', en: 'Continue to payment' } },
      // The gateway reports what the bank received: the open order's reference and, unless
      // changed (a partial payment), its remainder.
      payment_received: {
        query: { type: 'store_profile' },
        as: 'vendor',
        fill: { reference: 'profile.open_order.reference', amount_vnd: ({ profile }) => remainder(profile.open_order) },
        edit: ['amount_vnd'],
        submit: { vi: 'Ghi nhận khoản tiền', en: 'Record the payment' },
      },
      confirm_claim: {
        query: { type: 'order_detail', order_id: '$order_id' },
        fill: { amount_vnd: ({ order }) => remainder(order) },
        edit: ['amount_vnd'],
        submit: { vi: 'Xác nhận khoản tiền', en: 'Confirm the amount' },
      },
    },
    entities: {
      label: { vi: 'Đơn hàng', en: 'Orders' },
      key: 'order_id',
      columns: [
        { key: 'kind', label: { vi: 'Loại', en: 'Kind' }, state: 'orders', match: 'order_id', value: 'kind' },
        { key: 'tier', label: { vi: 'Gói', en: 'Package' }, state: 'orders', match: 'order_id', value: 'tier' },
        { key: 'months', label: { vi: 'Thời gian', en: 'Period' }, state: 'orders', match: 'order_id', value: 'months' },
        { key: 'quote_vnd', label: { vi: 'Giá', en: 'Price' }, state: 'orders', match: 'order_id', value: 'quote_vnd' },
        { key: 'paid_vnd', label: { vi: 'Đã nhận', en: 'Received' }, state: 'orders', match: 'order_id', value: 'paid_vnd' },
        { region: 'order', label: { vi: 'Tình trạng', en: 'Status' } },
        { key: 'reference', label: { vi: 'Nội dung chuyển khoản', en: 'Transfer reference' }, state: 'orders', match: 'order_id', value: 'reference' },
      ],
    },
    views: [
      {
        id: 'profile',
        role: 'owner_admin',
        label: { vi: 'Hồ sơ gian hàng', en: 'Store profile' },
        query: { type: 'store_profile' },
        notice: { path: 'profile.footer_notice', ...FOOTER_NOTICE, none: null },
        qr: {
          label: { vi: 'Quét mã QR để thanh toán', en: 'Scan the QR code to pay' },
          effect: 'show_payment_qr',
          entity: 'order_id',
          region: 'order',
          // Shown while the order awaits its money; not once it is underpaid (it asks for the
          // full amount: "Tiếp tục thanh toán" shows one for the remainder) or claimed.
          while: ['awaiting_payment'],
          payload: 'payload',
          items: [
            { path: 'amount_vnd', copy: true },
            { path: 'reference', copy: true },
            { path: 'qr.bank_bin' },
            { path: 'qr.account', copy: true },
            { path: 'account_name' },
            { path: 'order_id' },
            { path: 'expires_at' },
          ],
        },
        items: [
          { path: 'profile.store_name' },
          { path: 'profile.store_id' },
          { path: 'profile.industry' },
          { path: 'profile.tier', label: { vi: 'Gói tài khoản', en: 'Package' } },
          { path: 'profile.status', states: 'contract', label: { vi: 'Tình trạng', en: 'Status' } },
          { path: 'profile.expiry' },
          { path: 'profile.days_left' },
          { path: 'profile.terms_version' },
          { path: 'profile.credit_vnd' },
        ],
        sections: [
          {
            id: 'open_order',
            label: { vi: 'Đơn hàng đang mở', en: 'Open order' },
            path: 'profile.open_order',
            empty: { vi: 'Không có đơn hàng nào đang mở.', en: 'No open order.' },
            items: [
              { path: 'order_id' },
              { path: 'kind' },
              { path: 'tier' },
              { path: 'months' },
              { path: 'quote_vnd' },
              { path: 'paid_vnd' },
              { key: 'remainder_vnd', value: remainder },
              { path: 'status', states: 'order', label: { vi: 'Tình trạng đơn', en: 'Order status' } },
              { path: 'reference' },
              { path: 'window_ends' },
            ],
          },
          {
            id: 'offers',
            label: { vi: 'Gói dịch vụ phù hợp với gian hàng', en: 'Packages on offer' },
            rows: 'profile.offers',
            columns: ['kind', 'tier', 'months'],
          },
          {
            id: 'purchase_history',
            label: { vi: 'Lịch sử mua hàng', en: 'Purchase history' },
            rows: 'profile.purchase_history',
            columns: ['order_id', 'kind', 'tier', 'months', 'amount_vnd', 'paid_at', 'period_start', 'period_end', 'confirmation_id'],
            empty: { vi: 'Chưa có lần mua nào.', en: 'No purchase yet.' },
          },
          {
            id: 'service_confirmations',
            label: { vi: 'Bản xác nhận dịch vụ', en: 'Service confirmations' },
            rows: 'profile.service_confirmations',
            columns: ['confirmation_id', 'date', 'store_name', 'tier', 'order_kind', 'months', 'period_start', 'period_end'],
            empty: { vi: 'Chưa có bản xác nhận nào.', en: 'No service confirmation yet.' },
          },
        ],
      },
      {
        id: 'footer',
        role: 'staff',
        label: { vi: 'Thông báo dưới chân trang', en: 'Footer notice' },
        hint: { vi: 'Nhân viên chỉ thấy thông báo này, không xem được Hồ sơ gian hàng.', en: 'Staff see only this notice, not the store profile.' },
        query: { type: 'footer_notice' },
        notice: { path: 'notice', ...FOOTER_NOTICE },
      },
    ],
    labels: {
      store_name: { vi: 'Tên gian hàng', en: 'Store' },
      store_id: { vi: 'Mã gian hàng', en: 'Store id' },
      industry: { vi: 'Ngành hàng', en: 'Industry' },
      expiry: { vi: 'Thời gian hết hạn', en: 'Expiry' },
      days_left: { vi: 'Còn lại', en: 'Days left' },
      terms_version: { vi: 'Điều khoản sử dụng (phiên bản)', en: 'Terms of use (version)' },
      credit_vnd: { vi: 'Tiền thanh toán thừa (ghi có)', en: 'Credit (overpaid)' },
      order_id: { vi: 'Đơn hàng', en: 'Order' },
      kind: { vi: 'Loại', en: 'Kind' },
      order_kind: { vi: 'Loại', en: 'Kind' },
      tier: { vi: 'Gói', en: 'Package' },
      months: { vi: 'Thời gian', en: 'Period' },
      quote_vnd: { vi: 'Giá', en: 'Price' },
      paid_vnd: { vi: 'Đã nhận', en: 'Received' },
      remainder_vnd: { vi: 'Còn phải trả', en: 'Remainder' },
      amount_vnd: { vi: 'Số tiền', en: 'Amount' },
      reference: { vi: 'Nội dung chuyển khoản', en: 'Transfer reference' },
      window_ends: { vi: 'Hạn thanh toán', en: 'Pay by' },
      method: { vi: 'Hình thức thanh toán', en: 'Payment method' },
      paid_at: { vi: 'Thanh toán lúc', en: 'Paid at' },
      period_start: { vi: 'Từ', en: 'From' },
      period_end: { vi: 'Đến', en: 'To' },
      confirmation_id: { vi: 'Bản xác nhận', en: 'Confirmation' },
      date: { vi: 'Ngày xác nhận', en: 'Date' },
      bank_bin: { vi: 'Ngân hàng (BIN)', en: 'Bank (BIN)' },
      account: { vi: 'Số tài khoản', en: 'Account' },
      account_name: { vi: 'Chủ tài khoản', en: 'Account holder' },
      expires_at: { vi: 'Mã QR hết hạn lúc', en: 'QR valid until' },
      payload: { vi: 'Chuỗi VietQR (NAPAS)', en: 'VietQR payload (NAPAS)' },
      note: { vi: 'Ghi chú', en: 'Note' },
    },
  },
  renewal_billing: {
    // Monday 22 June 2026: the subscription worked on, TB-0042, ends on 31 July; the billing
    // scheduler has not issued its request (YCTT) yet. Five more subscriptions, brought here by
    // their own steps, fill the CSM's filter.
    id: 'TB-0042',
    start: '2026-06-22T09:00:00+07:00',
    config: {
      // Besides the csm assigned to each subscription, CSM-02 takes care of meInvoice everywhere.
      csm_scopes: [{ csm_id: 'CSM-02', products: ['meinvoice'], markets: ['*'] }],
    },
    init: renewalInit({
      id: 'TB-0042',
      product: 'amis_ke_toan',
      market: 'mien_nam',
      csm: 'CSM-01',
      termEnd: '2026-07-31',
      buyer: { name: 'Nguyễn Thị Lan', email: 'lan.nguyen@vinamilk.com.vn', phone: '0912345678' },
      invoice: {
        name: 'Công ty Cổ phần Sữa Việt Nam',
        tax_code: '0300588569',
        address: 'Số 10 Tân Trào, phường Tân Phú, Quận 7, TP. Hồ Chí Minh',
        email: 'hoadon@vinamilk.com.vn',
      },
    }),
    actors: { csm: 'CSM-01', scheduler: 'auto-billing', customer: 'KH-0042', payment_gateway: 'napas247' },
    instances: [
      {
        // Ends in 8 days; the request was never opened.
        id: 'TB-0107',
        init: renewalInit({
          id: 'TB-0107',
          product: 'amis_ke_toan',
          market: 'mien_bac',
          csm: 'CSM-01',
          termEnd: '2026-06-30',
          buyer: { name: 'Lê Quang Huy', email: 'huy.lq@fpt.com', phone: '0983456123' },
          invoice: { name: 'Công ty Cổ phần FPT', tax_code: '0101248141', address: 'Số 10 Phạm Văn Bạch, Cầu Giấy, Hà Nội', email: 'hoadon@fpt.com' },
        }),
        actors: { customer: 'KH-0107' },
        steps: [
          { role: 'scheduler', at: '2026-06-01T09:00:00+07:00', command: { type: 'issue_request', term: 2, package: renewalPackage('AMIS-KT-12'), amount: 5_500_000 } },
        ],
      },
      {
        // CSM-02's: opened, the customer says they paid on Friday; not reconciled yet.
        id: 'TB-0215',
        init: renewalInit({
          id: 'TB-0215',
          product: 'meinvoice',
          market: 'mien_bac',
          csm: 'CSM-02',
          termEnd: '2026-07-05',
          buyer: { name: 'Phạm Thị Hồng', email: 'hong.pt@vietnamairlines.com', phone: '0904112233' },
          invoice: { name: 'Tổng công ty Hàng không Việt Nam', tax_code: '0100107518', address: 'Số 200 Nguyễn Sơn, Long Biên, Hà Nội', email: 'hoadon@vietnamairlines.com' },
        }),
        actors: { csm: 'CSM-02', customer: 'KH-0215' },
        steps: [
          { role: 'scheduler', at: '2026-06-05T09:00:00+07:00', command: { type: 'issue_request', term: 2, package: renewalPackage('MINV-12'), amount: 1_900_000 } },
          { role: 'customer', at: '2026-06-08T10:15:00+07:00', command: { type: 'record_opened', request_id: 'R1' } },
          { role: 'customer', at: '2026-06-19T16:00:00+07:00', command: { type: 'report_paid', request_id: 'R1' } },
        ],
      },
      {
        // CSM-01's meInvoice customer (so CSM-02 sees it too): opened, not paid yet.
        id: 'TB-0333',
        init: renewalInit({
          id: 'TB-0333',
          product: 'meinvoice',
          market: 'mien_bac',
          csm: 'CSM-01',
          termEnd: '2026-08-15',
          buyer: { name: 'Vũ Đức Mạnh', email: 'manhvd@viettel.com.vn', phone: '0868246135' },
          invoice: {
            name: 'Tập đoàn Công nghiệp – Viễn thông Quân đội',
            tax_code: '0100109106',
            address: 'Lô D26 Khu đô thị mới Cầu Giấy, Cầu Giấy, Hà Nội',
            email: 'hoadon@viettel.com.vn',
          },
        }),
        actors: { customer: 'KH-0333' },
        steps: [
          { role: 'scheduler', at: '2026-06-15T09:00:00+07:00', command: { type: 'issue_request', term: 2, package: renewalPackage('MINV-36'), amount: 4_800_000 } },
          { role: 'customer', at: '2026-06-17T14:00:00+07:00', command: { type: 'record_opened', request_id: 'R1' } },
        ],
      },
      {
        // CSM-02's household business: ends in 3 days, not opened although resent by SMS. Its
        // tax code is its owner's personal identification number.
        id: 'TB-0451',
        init: renewalInit({
          id: 'TB-0451',
          product: 'misa_eshop',
          market: 'mien_nam',
          csm: 'CSM-02',
          termEnd: '2026-06-25',
          buyer: { name: 'Nguyễn Văn Bình', email: 'taphoabinhan@gmail.com', phone: '0978654321' },
          invoice: { name: 'Hộ kinh doanh Tạp hóa Bình An', tax_code: '079190012345', address: 'Số 45 Lê Văn Sỹ, Phú Nhuận, TP. Hồ Chí Minh', email: 'taphoabinhan@gmail.com' },
        }),
        actors: { csm: 'CSM-02', customer: 'KH-0451' },
        steps: [
          { role: 'scheduler', at: '2026-05-26T09:00:00+07:00', command: { type: 'issue_request', term: 2, package: renewalPackage('ESHOP-12'), amount: 2_400_000 } },
          { role: 'csm', at: '2026-06-18T10:00:00+07:00', command: { type: 'resend', request_id: 'R1', channel: 'sms' } },
        ],
      },
      {
        // An individual without a tax code: the customer refused to renew (CSM-01).
        id: 'TB-0520',
        init: renewalInit({
          id: 'TB-0520',
          product: 'misa_eshop',
          market: 'mien_trung',
          csm: 'CSM-01',
          termEnd: '2026-07-12',
          buyer: { name: 'Trần Thị Mai', email: 'shophoamai.dn@gmail.com', phone: '0935789012' },
          invoice: { name: 'Trần Thị Mai (Shop thời trang Hoa Mai)', tax_code: null, address: 'Số 25 Trần Phú, Hải Châu, Đà Nẵng', email: 'shophoamai.dn@gmail.com' },
        }),
        actors: { customer: 'KH-0520' },
        steps: [
          { role: 'scheduler', at: '2026-06-12T09:00:00+07:00', command: { type: 'issue_request', term: 2, package: renewalPackage('ESHOP-6'), amount: 1_300_000 } },
          {
            role: 'csm',
            at: '2026-06-19T11:00:00+07:00',
            command: { type: 'mark_refused_renewal', request_id: 'R1', reason: 'Khách ngừng kinh doanh cửa hàng, không gia hạn.' },
          },
        ],
      },
    ],
    directory: [
      { field: ['csm_id', 'actor_id'], entries: { 'CSM-01': 'Phạm Thu Trang', 'CSM-02': 'Đỗ Minh Quân' } },
      { field: 'bank_bin', entries: { 970436: 'Vietcombank' } },
    ],
    samples: {
      // The host's price of the package chosen.
      amount: ({ command }) => RENEWAL_OFFERS.find((o) => o.package.code === command.package?.code)?.price,
      // The bank's transaction reference of a transfer the gateway reconciles.
      reference: ({ seq }) => `FT26173${String(seq + 1).padStart(5, '0')}`,
      reason: {
        by: 'type',
        values: {
          cancel: 'Khách hàng muốn đổi sang gói 24 tháng: hủy YCTT để lập lại.',
          mark_refused_renewal: 'Khách hàng không còn nhu cầu sử dụng sản phẩm.',
        },
      },
      text: 'Đã gọi chị Lan: khách hẹn chuyển khoản trong tuần, nhờ gửi lại YCTT qua SMS.',
    },
    fields: {
      package: {
        options: ({ state }) => RENEWAL_PACKAGES[state.product] ?? RENEWAL_OFFERS,
        value: 'package',
        id: 'code',
        label: (o) => `${o.package.name} — ${money(o.price)}`,
      },
      channel: { labels: RESEND_CHANNELS },
      amount: { money: true },
      paid: { money: true },
      paid_total: { money: true },
      remaining: { money: true },
      tax_code: { nullable: true },
      term_end: { day: true },
      period_start: { day: true },
      period_end: { day: true },
      days_to_term_end: { unit: { vi: 'ngày', en: 'days' } },
      months: { unit: { vi: 'tháng', en: 'months' } },
      request_status: { states: 'request', labels: { none: { vi: 'Chưa lập YCTT', en: 'No request yet' } } },
      opened: { labels: { true: { vi: 'Đã mở', en: 'Opened' }, false: { vi: 'Chưa mở', en: 'Not opened' } } },
      reconcile_overdue: { labels: { true: { vi: 'Quá hạn đối soát', en: 'Overdue' }, false: { vi: '—', en: '—' } } },
      product: {
        labels: {
          amis_ke_toan: { vi: 'MISA AMIS Kế toán', en: 'MISA AMIS Accounting' },
          meinvoice: { vi: 'Hóa đơn điện tử MISA meInvoice', en: 'MISA meInvoice e-invoices' },
          misa_eshop: { vi: 'MISA eShop', en: 'MISA eShop' },
        },
      },
      market: {
        labels: {
          mien_bac: { vi: 'Miền Bắc', en: 'North' },
          mien_trung: { vi: 'Miền Trung', en: 'Centre' },
          mien_nam: { vi: 'Miền Nam', en: 'South' },
        },
      },
      step: {
        labels: {
          issued: { vi: 'Đã gửi YCTT (email và SMS)', en: 'Issued (e-mail and SMS)' },
          reminder_sent: { vi: 'Đã nhắc gia hạn', en: 'Reminder sent' },
          resent: { vi: 'CSM gửi lại YCTT', en: 'Resent by the csm' },
          opened: { vi: 'Khách hàng đã mở YCTT', en: 'Opened by the customer' },
          reported_paid: { vi: 'Khách hàng báo đã thanh toán', en: 'Customer reported paid' },
          payment_recorded: { vi: 'Đã nhận tiền', en: 'Payment received' },
          reconcile_overdue: { vi: 'Quá hạn đối soát, đã báo CSM', en: 'Not reconciled in time: csm alerted' },
          paid: { vi: 'Đã thanh toán, đã gia hạn', en: 'Paid, renewed' },
          cancelled: { vi: 'Đã hủy YCTT', en: 'Cancelled' },
          refused_renewal: { vi: 'Từ chối gia hạn', en: 'Renewal refused' },
          expired: { vi: 'Hết hạn chưa thanh toán', en: 'Expired unpaid' },
        },
      },
    },
    forms: {
      issue_request: { show: ['term'], edit: ['amount'], submit: { vi: 'Lập và gửi YCTT', en: 'Issue and send' } },
      payment_received: { edit: ['amount'], submit: { vi: 'Ghi nhận khoản tiền', en: 'Record the payment' } },
      cancel: { submit: { vi: 'Hủy YCTT', en: 'Cancel the request' } },
      mark_refused_renewal: { submit: { vi: 'Đánh dấu từ chối gia hạn', en: 'Mark refused' } },
      add_note: { submit: { vi: 'Lưu ghi chú', en: 'Save the note' } },
      update_invoice_info: { edit: ['invoice'], submit: { vi: 'Lưu thông tin xuất hóa đơn', en: 'Save' } },
      update_buyer_info: { edit: ['buyer'], submit: { vi: 'Lưu thông tin mua hàng', en: 'Save' } },
    },
    entities: {
      label: { vi: 'Yêu cầu TT', en: 'Payment requests' },
      key: 'request_id',
      columns: [
        { key: 'term', label: { vi: 'Kỳ', en: 'Term' }, state: 'requests', match: 'request_id', value: 'term' },
        { key: 'package', label: { vi: 'Gói sản phẩm', en: 'Package' }, state: 'requests', match: 'request_id', value: 'package.name' },
        { key: 'amount', label: { vi: 'Số tiền', en: 'Amount' }, state: 'requests', match: 'request_id', value: 'amount' },
        { key: 'paid_total', label: { vi: 'Đã nhận', en: 'Received' }, state: 'requests', match: 'request_id', value: 'paid_total' },
        { region: 'request', label: { vi: 'Tình trạng YCTT', en: 'Status' } },
        { key: 'reference', label: { vi: 'Nội dung chuyển khoản', en: 'Transfer reference' }, state: 'requests', match: 'request_id', value: 'reference' },
      ],
    },
    report: {
      name: 'filter',
      label: { vi: 'Bộ lọc dựa theo tình trạng YCTT', en: 'Filter by payment request status' },
      role: 'csm',
      actors: ['CSM-01', 'CSM-02'],
      actorField: 'csm_id',
      criteria: [
        {
          name: 'statuses',
          field: 'request_status',
          many: true,
          choices: ['none', 'issued', 'opened', 'customer_reported_paid', 'paid', 'cancelled', 'refused_renewal', 'expired'],
        },
        { name: 'products', field: 'product', many: true },
        { name: 'markets', field: 'market', many: true },
        { name: 'opened', field: 'opened', choices: [false, true], label: { vi: 'Mở YCTT', en: 'Opened' } },
        { name: 'max_days_to_term_end', field: 'days_to_term_end', number: true, label: { vi: 'Còn tối đa (ngày đến hạn)', en: 'At most (days to the term end)' } },
      ],
      rows: 'lines',
      total: 'total',
      count: { vi: 'thuê bao', en: 'subscriptions' },
      hint: { vi: 'Sắp theo số ngày đến ngày hết hạn.', en: 'Soonest term end first.' },
      columns: ['customer_name', 'product', 'market', 'csm_id', 'term_end', 'days_to_term_end', 'request_id', 'request_status', 'opened', 'remaining', 'reconcile_overdue'],
      empty: { vi: 'Không có thuê bao nào khớp bộ lọc.', en: 'No subscription matches.' },
    },
    views: [
      {
        id: 'request_detail',
        role: 'csm',
        label: { vi: 'Xem chi tiết YCTT', en: 'Request detail' },
        entity: 'request',
        query: { type: 'request_detail', request_id: '$id' },
        empty: { vi: 'Chưa có yêu cầu thanh toán nào.', en: 'No payment request yet.' },
        // The core's VietQR payload of what is left to pay, while the request awaits it.
        qr: {
          label: { vi: 'Quét mã QR để thanh toán', en: 'Scan the QR code to pay' },
          path: 'detail',
          payload: 'qr_payload',
          items: [{ path: 'transfer.amount' }, { path: 'transfer.reference' }],
        },
        items: [
          { path: 'detail.request.request_id' },
          { path: 'detail.request.status', states: 'request', label: { vi: 'Tình trạng', en: 'Status' } },
          { path: 'detail.days_to_term_end', label: { vi: 'Còn đến ngày hết hạn', en: 'Days to the term end' } },
          { path: 'detail.request.issued_at' },
          { path: 'detail.request.issued_by.id', key: 'issued_by' },
        ],
        sections: [
          {
            id: 'timeline',
            label: { vi: 'Tiến trình thực hiện YCTT', en: 'Progress' },
            rows: 'detail.timeline',
            columns: ['at', 'step', 'detail'],
          },
          {
            id: 'payment_content',
            label: { vi: 'Nội dung thanh toán', en: 'Payment content' },
            path: 'detail.payment_content',
            items: [
              { path: 'package.name', key: 'package' },
              { path: 'term' },
              { path: 'period_start' },
              { path: 'period_end' },
              { path: 'amount' },
              { path: 'paid' },
              { path: 'remaining' },
              { path: 'invoice_info.name', key: 'invoice_name' },
              { path: 'invoice_info.tax_code' },
              { path: 'copy_text', copy: true, multiline: true },
            ],
          },
          {
            id: 'transfer',
            label: { vi: 'Thông tin chuyển khoản', en: 'Transfer information' },
            path: 'detail.transfer',
            items: [
              { path: 'bank_name' },
              { path: 'account', copy: true },
              { path: 'account_name' },
              { path: 'amount', copy: true },
              { path: 'reference', copy: true },
              { path: 'copy_text', copy: true, multiline: true },
            ],
          },
        ],
      },
      {
        id: 'customer_info',
        role: 'csm',
        label: { vi: 'Thông tin khách hàng', en: 'Customer' },
        query: { type: 'customer_info' },
        items: [
          { path: 'info.subscription_id' },
          { path: 'info.customer_id' },
          { path: 'info.product' },
          { path: 'info.market' },
          { path: 'info.csm_id' },
          { path: 'info.term_no' },
          { path: 'info.term_end' },
          { path: 'info.status', states: 'subscription', key: 'subscription_status' },
        ],
        sections: [
          {
            id: 'buyer',
            label: { vi: 'Thông tin mua hàng', en: 'Buyer' },
            path: 'info.buyer',
            items: [{ path: 'name', key: 'buyer_name' }, { path: 'email' }, { path: 'phone' }],
          },
          {
            id: 'invoice',
            label: { vi: 'Thông tin xuất hóa đơn', en: 'Invoice information' },
            path: 'info.invoice_info',
            items: [{ path: 'name', key: 'invoice_name' }, { path: 'tax_code' }, { path: 'address' }, { path: 'email' }],
          },
        ],
      },
      {
        id: 'support_history',
        role: 'csm',
        wide: true,
        label: { vi: 'Lịch sử hỗ trợ', en: 'Support history' },
        query: { type: 'support_history' },
        sections: [
          {
            id: 'history',
            label: { vi: 'Các hoạt động chăm sóc khách hàng', en: 'Every csm action' },
            rows: 'entries',
            columns: [
              'at',
              'actor_id',
              'request_id',
              { key: 'action', value: (e) => label(SUPPORT_ACTIONS[e.action.type]) || e.action.type },
              { key: 'detail', value: (e) => supportDetail(e.action) },
            ],
            empty: { vi: 'Chưa có hoạt động nào.', en: 'Nothing yet.' },
          },
        ],
      },
    ],
    labels: {
      instance_id: { vi: 'Thuê bao', en: 'Subscription' },
      subscription_id: { vi: 'Thuê bao', en: 'Subscription' },
      customer_id: { vi: 'Mã khách hàng', en: 'Customer' },
      customer_name: { vi: 'Khách hàng (tên xuất hóa đơn)', en: 'Customer (invoice name)' },
      product: { vi: 'Sản phẩm', en: 'Product' },
      market: { vi: 'Thị trường', en: 'Market' },
      csm_id: { vi: 'CSM phụ trách', en: 'Assigned csm' },
      actor_id: { vi: 'Người thực hiện', en: 'By' },
      term: { vi: 'Kỳ', en: 'Term' },
      term_no: { vi: 'Kỳ đang sử dụng', en: 'Term in force' },
      term_end: { vi: 'Ngày hết hạn', en: 'Term ends' },
      subscription_status: { vi: 'Tình trạng thuê bao', en: 'Subscription' },
      days_to_term_end: { vi: 'Còn', en: 'Days left' },
      request_id: { vi: 'YCTT', en: 'Request' },
      request_status: { vi: 'Tình trạng YCTT', en: 'Request status' },
      opened: { vi: 'Mở YCTT', en: 'Opened' },
      remaining: { vi: 'Còn phải trả', en: 'Left to pay' },
      reconcile_overdue: { vi: 'Đối soát', en: 'Reconciliation' },
      issued_at: { vi: 'Lập lúc', en: 'Issued at' },
      issued_by: { vi: 'Lập bởi', en: 'Issued by' },
      at: { vi: 'Thời điểm', en: 'At' },
      step: { vi: 'Bước', en: 'Step' },
      detail: { vi: 'Chi tiết', en: 'Detail' },
      action: { vi: 'Hoạt động', en: 'Action' },
      package: { vi: 'Gói sản phẩm', en: 'Package' },
      period_start: { vi: 'Từ ngày', en: 'From' },
      period_end: { vi: 'Đến ngày', en: 'To' },
      amount: { vi: 'Số tiền', en: 'Amount' },
      paid: { vi: 'Đã thanh toán', en: 'Paid' },
      invoice_name: { vi: 'Xuất hóa đơn cho', en: 'Invoiced to' },
      tax_code: { vi: 'Mã số thuế', en: 'Tax code' },
      copy_text: { vi: 'Nội dung để sao chép', en: 'Text to copy' },
      bank_name: { vi: 'Ngân hàng', en: 'Bank' },
      account: { vi: 'Số tài khoản', en: 'Account' },
      account_name: { vi: 'Chủ tài khoản', en: 'Account holder' },
      reference: { vi: 'Nội dung chuyển khoản', en: 'Transfer reference' },
      qr_payload: { vi: 'Chuỗi VietQR (NAPAS)', en: 'VietQR payload (NAPAS)' },
      buyer: { vi: 'Thông tin mua hàng', en: 'Buyer' },
      buyer_name: { vi: 'Người mua hàng', en: 'Buyer' },
      invoice: { vi: 'Thông tin xuất hóa đơn', en: 'Invoice information' },
      name: { vi: 'Tên', en: 'Name' },
      email: { vi: 'Email', en: 'E-mail' },
      phone: { vi: 'Điện thoại', en: 'Phone' },
      address: { vi: 'Địa chỉ', en: 'Address' },
      reason: { vi: 'Lý do', en: 'Reason' },
      text: { vi: 'Ghi chú', en: 'Note' },
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
// `instances`: every instance of the scenario ({id, instance, actors}), `current` the one being
// worked on (`instance`, `def`, `config` and `actors` are its); `views`: the entity each view
// with `entity` shows; `report`: who runs the scenario's report and with which criteria.
const state = {
  workflow: null,
  instances: [],
  current: 0,
  instance: null,
  def: null,
  config: null,
  actors: {},
  now: null,
  lang: 'vi',
  seq: 0,
  forms: {},
  views: {},
  report: null,
};

function label(l) {
  return l ? l[state.lang] ?? l.vi : '';
}

function scenario() {
  return SCENARIOS[state.workflow] ?? { start: new Date().toISOString(), init: {}, actors: {} };
}

function fieldLabel(key) {
  const l = scenario().labels?.[key] ?? FIELD_LABELS[key];
  return l ? label(l) : key;
}

/** The value at `path` (`a.b.c`) in `value`. */
function pick(value, path) {
  return path.split('.').reduce((v, k) => (v == null ? undefined : v[k]), value);
}

/** `template` with every string value `'$name'` replaced by `vars[name]`. */
function bind(template, vars) {
  return Object.fromEntries(
    Object.entries(template).map(([k, v]) => [k, typeof v === 'string' && v.startsWith('$') ? vars[v.slice(1)] : v]),
  );
}

/** Who the page asks `query` as: `actor` if its role may ask it, else the role `as` or the
 * first role allowed, with the scenario's id for it. */
function asker(query, actor, as) {
  const allowed = state.def.queries.find((q) => q.name === query.type)?.roles ?? [];
  if (actor && allowed.includes(actor.role)) return actor;
  const role = as ?? allowed[0];
  return { role, id: actorId(role) };
}

/** The id that plays `role` on the instance being worked on. */
function actorId(role) {
  return state.actors[role] ?? `${role}-1`;
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

/** The day of an instant in Vietnam, `dd/mm/yyyy`. */
function fmtDay(iso) {
  return fmt(iso).split(' ')[1];
}

/** An amount in đồng: `3.000.000 ₫` (Vietnamese), `3,000,000 ₫` (English). */
function money(n) {
  const sep = state.lang === 'vi' ? '.' : ',';
  return `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep)} ₫`;
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

/** How a select holds a value of a field with `options`: its `id` path for an object. */
function optionId(spec, value) {
  return String(spec?.id ? pick(value, spec.id) : value);
}

/** The choices of a field with `options` (`[{value, id, label}]`), or null. `options` is a
 * path in `{config, state}`, a list, or a function of `{config, state}`. */
function options(key) {
  const spec = scenario().fields?.[key];
  if (!spec?.options) return null;
  const from = { config: state.config, state: state.instance.state };
  let list = spec.options;
  if (typeof list === 'function') list = list(from);
  else if (!Array.isArray(list)) list = pick(from, list);
  return (list ?? []).map((item) => {
    const value = spec.value ? pick(item, spec.value) : item;
    let text;
    if (typeof spec.label === 'function') text = spec.label(item);
    else if (typeof spec.label === 'object') text = label({ vi: item[spec.label.vi], en: item[spec.label.en] });
    else if (spec.label) text = String(pick(item, spec.label));
    else text = spec.unit ? `${value} ${label(spec.unit)}` : String(value);
    const flag = spec.flag && item[spec.flag.key] ? ` (${label(spec.flag)})` : '';
    return { value, id: optionId(spec, value), label: `${text}${flag}` };
  });
}

/** What the host knows of `value` as field `key` (the scenario's `directory`), or null. */
function directoryEntry(key, value) {
  for (const dir of [scenario().directory ?? []].flat()) {
    if ([dir.field].flat().includes(key) && dir.entries[value]) return dir.entries[value];
  }
  return null;
}

/** The label of state `id` of region `region` in the definition, or null. */
function stateLabel(region, id) {
  const st = state.def.regions.find((r) => r.id === region)?.states.find((s) => s.id === id);
  return st ? label(st.label) : null;
}

/** How a field's value reads: its option, value or state label, the directory's entry, an
 * amount in đồng (`_vnd` or `money`), a number with its unit, an instant, a day (`day`:
 * `31/07/2026`), an object's name. `states` names the region of a state id. */
function valueText(key, value, states) {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map((v) => valueText(key, v, states)).join(', ');
  const spec = scenario().fields?.[key];
  const option = spec?.options ? options(key).find((o) => o.id === optionId(spec, value)) : null;
  if (option) return option.label;
  if (spec?.labels?.[String(value)]) return label(spec.labels[String(value)]);
  const region = states ?? spec?.states;
  if (region && stateLabel(region, value)) return stateLabel(region, value);
  const known = directoryEntry(key, value);
  if (known) return `${value} · ${known}`;
  if (typeof value === 'number' && (key.endsWith('_vnd') || spec?.money)) return money(value);
  if (typeof value === 'number' && spec?.unit) return `${value} ${label(spec.unit)}`;
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) return fmt(value);
  if (typeof value === 'string' && spec?.day && /^\d{4}-\d\d-\d\d$/.test(value)) return value.split('-').reverse().join('/');
  if (typeof value === 'object') return value.name ?? JSON.stringify(value);
  return String(value);
}

/** A placeholder the core leaves for the UI to fill: empty text, the ellipsis, or a number
 * left at 0 for which the scenario has a sample. */
function blank(value, key) {
  if (value === '' || value === '…') return true;
  return value === 0 && key !== undefined && (scenario().samples?.[key] ?? SAMPLES[key]) !== undefined;
}

/** The scenario's (or the page's) sample for field `key` of `command`. */
function sample(key, command) {
  const s = scenario().samples?.[key] ?? SAMPLES[key];
  if (typeof s === 'function') return s({ state: state.instance.state, seq: state.seq, command });
  if (s && typeof s === 'object') return s.values[command?.[s.by]] ?? s.default;
  return s;
}

/** Fills the fields a command leaves to the UI (blanks, empty lists) with samples (a chosen
 * field without one: its first option); a sample sees the fields filled before it, and one
 * that is a function sees them all. */
function fill(value, key, command) {
  if (blank(value, key)) return sample(key, command) ?? options(key)?.[0]?.value ?? '(mẫu)';
  if (Array.isArray(value)) {
    if (value.length === 0) return sample(key, command) ?? value;
    return value.map((v) => fill(v, key, command));
  }
  if (value && typeof value === 'object') {
    // A chosen field whose value has blanks (a package not named yet): its sample or first option.
    if (key !== undefined && options(key) && Object.entries(value).some(([k, v]) => blank(v, k))) {
      return sample(key, command) ?? options(key)[0]?.value ?? value;
    }
    const out = { ...value };
    for (const [k, v] of Object.entries(value)) out[k] = fill(v, k, out);
    for (const [k, v] of Object.entries(value)) {
      if (blank(v, k) && typeof (scenario().samples?.[k] ?? SAMPLES[k]) === 'function') out[k] = sample(k, out);
    }
    return out;
  }
  return value;
}

/** Starts the scenario of `workflow`: its instance, and the further `instances` it declares,
 * each brought to the scenario's start by its `steps` (commands at their own instants, then
 * a tick to the start). */
function start(workflow) {
  for (const entry of state.instances) entry.instance.free();
  state.instances = [];
  state.instance = null;
  const s = SCENARIOS[workflow] ?? { start: new Date().toISOString(), init: {}, actors: {} };
  state.workflow = workflow;
  state.now = new Date(s.start);
  state.seq = 0;
  state.report = s.report ? { actor: s.report.actors?.[0] ?? s.actors[s.report.role], criteria: {} } : null;
  showError(null);
  const specs = [{ id: s.id ?? `${workflow}-demo`, init: s.init, steps: s.steps }, ...(s.instances ?? [])];
  try {
    for (const spec of specs) {
      const instance = WorkflowInstance.create(workflow, { id: spec.id, init: spec.init, config: s.config });
      const actors = { ...s.actors, ...spec.actors };
      state.instances.push({ id: spec.id, instance, actors });
      (spec.steps ?? []).forEach((step, n) => {
        const actor = { role: step.role, id: step.id ?? actors[step.role] ?? `${step.role}-1` };
        instance.handle({ command_id: `setup-${n + 1}`, actor, at: step.at, ...step.command });
      });
      if (spec.steps?.length) instance.tick(state.now);
    }
    workOn(0);
  } catch (e) {
    state.instance = null;
    showError(e);
  }
  render();
}

/** Works on instance `index` of the scenario: the roles, views, entities, diagram, deadlines
 * and timeline show it. */
function workOn(index) {
  const entry = state.instances[index];
  state.current = index;
  state.instance = entry.instance;
  state.actors = entry.actors;
  state.def = entry.instance.definition();
  // The configuration the instance runs with (catalogues for the selects): its snapshot's.
  state.config = entry.instance.config;
  state.forms = {};
  state.views = {};
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
 * A button pressed: sent at once, or, when a field is chosen or the scenario has a form for
 * the command, a form first (its query runs now, and fills the fields it names).
 */
function press(role, actorId, available) {
  const body = fill(available.command);
  const spec = scenario().forms?.[available.name];
  const choose = Object.keys(body).some((k) => scenario().fields?.[k]?.options);
  if (!spec && !choose) {
    send(role, actorId, body);
    render();
    return;
  }
  // The fields filled from the query's answer are neither samples nor text boxes (unless
  // named in `edit`).
  const given = Object.keys(spec?.fill ?? {});
  const blanks = Object.keys(available.command).filter((k) => blank(available.command[k], k) && !given.includes(k));
  const form = { type: available.name, label: available.label, actorId, body, blanks, answer: null };
  if (spec?.query) {
    try {
      const query = bind(spec.query, body);
      form.answer = state.instance.query(asker(query, { role, id: actorId }, spec.as), query, state.now);
    } catch (e) {
      showError(e);
      render();
      return;
    }
    for (const [field, how] of Object.entries(spec.fill ?? {})) {
      body[field] = typeof how === 'function' ? how(form.answer) : pick(form.answer, how);
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
  const spec = scenario().forms?.[form.type];
  if (send(role, form.actorId, { ...form.body }) || spec?.rows) delete state.forms[role];
  render();
}

/** Moves the clock: every instance of the scenario is ticked. */
function advance(seconds) {
  state.now = new Date(state.now.getTime() + seconds * 1000);
  let failed = null;
  for (const { instance } of state.instances) {
    try {
      instance.tick(state.now);
    } catch (e) {
      failed ??= e;
    }
  }
  showError(failed);
  render();
}

function render() {
  const inst = state.instance;
  $('now').textContent = fmt(state.now.toISOString());
  if (!inst) return;
  const def = state.def;
  $('title').textContent = label(def.label);
  document.body.dataset.instance = inst.id;
  if (state.instances.length > 1) {
    const id = document.createElement('strong');
    id.id = 'instance';
    id.textContent = inst.id;
    $('title').append(' — ', id);
  }
  renderRoles(inst, def);
  renderReport(def);
  renderViews(inst, def);
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
    .filter(([k, v]) => k !== 'type' && !fields[k]?.options && !blank(v, k))
    .filter(([k, v]) => (typeof v === 'string' && k.endsWith('_id')) || fields[k]?.labels?.[String(v)] || (fields[k]?.states && stateLabel(fields[k].states, v)))
    .map(([k, v]) => valueText(k, v))
    .join(' · ');
}

function renderRoles(inst, def) {
  const box = $('roles');
  box.replaceChildren();
  for (const role of def.roles) {
    const div = document.createElement('div');
    div.className = 'role';
    div.dataset.role = role.id;
    const head = document.createElement('header');
    const h = document.createElement('h3');
    h.textContent = label(role.label);
    const input = document.createElement('input');
    input.name = 'actor';
    input.value = actorId(role.id);
    input.title = 'id';
    input.addEventListener('change', () => {
      state.actors[role.id] = input.value;
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
      b.dataset.command = a.name;
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

/** A command's form: a select per chosen field, a text or number box per blank or editable
 * one, the values filled from the query's answer, and for a confirm step the answer's rows
 * (what will be sent). */
function renderForm(role, form) {
  const vi = state.lang === 'vi';
  const spec = scenario().forms?.[form.type] ?? {};
  const confirm = spec.rows !== undefined;
  const box = document.createElement('form');
  box.className = `command-form${confirm ? ' confirm' : ''}`;
  box.dataset.command = form.type;
  const h = document.createElement('h4');
  const what = describe(form.body);
  h.textContent = what ? `${label(form.label)} · ${what}` : label(form.label);
  box.append(h);
  const inputs = {};
  const editable = (key) => form.blanks.includes(key) || spec.edit?.includes(key);
  for (const key of Object.keys(form.body)) {
    const choices = options(key);
    if (choices) {
      const l = document.createElement('label');
      const select = document.createElement('select');
      select.name = key;
      const chosen = optionId(scenario().fields[key], form.body[key]);
      for (const c of choices) {
        const o = document.createElement('option');
        o.value = c.id;
        o.textContent = c.label;
        o.selected = c.id === chosen;
        select.append(o);
      }
      select.addEventListener('change', () => {
        const before = { ...form.body };
        form.body[key] = choices.find((c) => c.id === select.value)?.value;
        // Samples that depend on this field follow it, unless the user wrote their own.
        for (const k of new Set([...form.blanks, ...(spec.edit ?? [])])) {
          if (form.body[k] === sample(k, before)) {
            form.body[k] = sample(k, form.body);
            if (inputs[k]) inputs[k].value = form.body[k];
          }
        }
      });
      l.append(fieldLabel(key), select);
      box.append(l);
    } else if (editable(key) && typeof form.body[key] === 'string') {
      const l = document.createElement('label');
      const text = document.createElement('textarea');
      text.name = key;
      text.rows = 2;
      text.value = form.body[key];
      text.addEventListener('input', () => {
        form.body[key] = text.value;
      });
      inputs[key] = text;
      l.append(fieldLabel(key), text);
      box.append(l);
    } else if (editable(key) && typeof form.body[key] === 'number') {
      const l = document.createElement('label');
      const number = document.createElement('input');
      number.type = 'number';
      number.name = key;
      number.min = '0';
      number.step = '1';
      number.value = String(form.body[key]);
      const shown = document.createElement('span');
      shown.className = 'muted';
      shown.dataset.shows = key;
      shown.textContent = valueText(key, form.body[key]);
      number.addEventListener('input', () => {
        form.body[key] = Number(number.value);
        shown.textContent = valueText(key, form.body[key]);
      });
      inputs[key] = {
        set value(v) {
          number.value = String(v);
          shown.textContent = valueText(key, v);
        },
      };
      l.append(fieldLabel(key), number, shown);
      box.append(l);
    } else if (editable(key) && form.body[key] && typeof form.body[key] === 'object' && !Array.isArray(form.body[key])) {
      box.append(renderObjectFields(key, form.body[key]));
    }
  }
  // Fields shown as they will be sent (`show`), not edited.
  for (const field of spec.show ?? []) {
    const carried = document.createElement('p');
    carried.className = 'muted';
    const value = document.createElement('strong');
    value.dataset.field = field;
    value.textContent = valueText(field, form.body[field]);
    carried.append(`${fieldLabel(field)}: `, value);
    box.append(carried);
  }
  if (confirm) {
    const rows = pick(form.answer, spec.rows) ?? [];
    const p = document.createElement('p');
    p.className = 'lead';
    p.textContent = vi
      ? `Sẽ gửi đúng ${rows.length} mục dưới đây. Đọc kỹ rồi xác nhận.`
      : `Exactly these ${rows.length} will be sent. Read them, then confirm.`;
    const table = document.createElement('table');
    table.className = 'preview';
    const tr = document.createElement('tr');
    for (const c of spec.columns) {
      const th = document.createElement('th');
      th.textContent = fieldLabel(c);
      tr.append(th);
    }
    table.append(tr);
    for (const row of rows) {
      const r = document.createElement('tr');
      for (const c of spec.columns) {
        const td = document.createElement('td');
        td.dataset.column = c;
        td.textContent = valueText(c, row[c]);
        r.append(td);
      }
      table.append(r);
    }
    box.append(p, table);
  }
  // The values the command carries from the answer, as they will be sent.
  for (const field of Object.keys(spec.fill ?? {}).filter((k) => !spec.edit?.includes(k))) {
    const carried = document.createElement('p');
    carried.className = 'muted';
    const code = document.createElement('code');
    code.dataset.field = field;
    code.textContent = String(form.body[field]);
    carried.append(`${fieldLabel(field)}: `, code);
    box.append(carried);
  }
  const buttons = document.createElement('div');
  buttons.className = 'buttons';
  const ok = document.createElement('button');
  ok.type = 'submit';
  ok.className = 'command';
  ok.dataset.action = 'send';
  ok.textContent = spec.submit ? label(spec.submit) : confirm ? (vi ? 'Xác nhận gửi' : 'Confirm and send') : vi ? 'Gửi' : 'Send';
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

/** The text boxes of an object field of a form (the buyer, the invoice information), one per
 * field, named `object.field`; emptied, a field the scenario calls `nullable` is sent as null. */
function renderObjectFields(key, object) {
  const set = document.createElement('fieldset');
  set.dataset.field = key;
  const legend = document.createElement('legend');
  legend.textContent = fieldLabel(key);
  set.append(legend);
  for (const [k, v] of Object.entries(object)) {
    if (v !== null && typeof v === 'object') continue;
    const l = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'text';
    input.name = `${key}.${k}`;
    input.value = v ?? '';
    input.addEventListener('input', () => {
      const nullable = scenario().fields?.[k]?.nullable;
      object[k] = input.value === '' && nullable ? null : typeof v === 'number' ? Number(input.value) : input.value;
    });
    l.append(fieldLabel(k), input);
    set.append(l);
  }
  return set;
}

/** A `<dl>` of items (`{path, key, label, value, states, copy, multiline}`) read from `root`;
 * an item with `copy` is a read-only box with a copy button (its reading beside it). */
function renderItems(items, root) {
  const dl = document.createElement('dl');
  for (const item of items) {
    const key = item.key ?? item.path.split('.').at(-1);
    const value = item.value ? item.value(root) : pick(root, item.path);
    const dt = document.createElement('dt');
    dt.textContent = item.label ? label(item.label) : fieldLabel(key);
    const dd = document.createElement('dd');
    dd.dataset.field = key;
    const text = valueText(key, value, item.states);
    if (item.copy && value !== null && value !== undefined) {
      dd.append(copyable(key, String(value), item.multiline));
      if (text !== String(value)) dd.append(' ', text);
    } else {
      dd.textContent = text;
    }
    dl.append(dt, dd);
  }
  return dl;
}

/** A table of `rows` by `columns` (field names, or items). */
function renderTable(rows, columns) {
  const cols = columns.map((c) => (typeof c === 'string' ? { path: c } : c));
  const table = document.createElement('table');
  const head = document.createElement('tr');
  for (const c of cols) {
    const th = document.createElement('th');
    th.textContent = c.label ? label(c.label) : fieldLabel(c.key ?? c.path.split('.').at(-1));
    head.append(th);
  }
  table.append(head);
  for (const row of rows) {
    const tr = document.createElement('tr');
    for (const c of cols) {
      const key = c.key ?? c.path.split('.').at(-1);
      const td = document.createElement('td');
      td.dataset.column = key;
      td.textContent = valueText(key, c.value ? c.value(row) : pick(row, c.path), c.states);
      tr.append(td);
    }
    table.append(tr);
  }
  return table;
}

/** A notice's text: the first of `texts` whose flag `if` is set (or that has none) on the
 * object, `{field}` replaced by its values (instants as their day); or `none`. */
function noticeText(spec, notice) {
  if (!notice) return spec.none ? label(spec.none) : null;
  const text = spec.texts.find((t) => !t.if || notice[t.if]);
  return label(text).replace(/\{(\w+)\}/g, (_, k) => {
    const v = notice[k];
    if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)) return fmtDay(v);
    return typeof v === 'number' && !k.endsWith('_vnd') ? String(v) : valueText(k, v);
  });
}

/** What a view's QR is drawn from: the latest effect of kind `spec.effect` whose entity is in
 * a state of `spec.while`, or the object at `spec.path` in the view's answer; null when there
 * is none or it has no `spec.payload` (nothing to pay). */
function qrSource(inst, spec, answer) {
  const source = spec.effect ? latestEffect(inst, spec) : pick(answer, spec.path);
  return source && pick(source, spec.payload) ? source : null;
}

/** The latest effect of kind `spec.effect` whose entity is in a state of `spec.while`. */
function latestEffect(inst, spec) {
  const position = inst.position;
  const records = inst.eventLog().records;
  for (let i = records.length - 1; i >= 0; i--) {
    const effects = records[i].effects ?? [];
    for (let j = effects.length - 1; j >= 0; j--) {
      const f = effects[j];
      if (f.kind !== spec.effect) continue;
      const at = position[`${spec.region}:${f[spec.entity]}`];
      return spec.while.includes(at) ? f : null;
    }
  }
  return null;
}

/** Draws `text` as a QR code on a canvas (npm `qr`: the modules with a 4-module quiet zone). */
function qrCanvas(text) {
  const modules = encodeQR(text, 'raw', { ecc: 'medium', border: 4 });
  const scale = 6;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = modules.length * scale;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#000';
  modules.forEach((row, y) => row.forEach((on, x) => on && ctx.fillRect(x * scale, y * scale, scale, scale)));
  return canvas;
}

/** A read-only text box with a copy button. */
function copyable(name, text, multiline) {
  const wrap = document.createElement('span');
  wrap.className = 'copyable';
  const box = document.createElement(multiline ? 'textarea' : 'input');
  box.readOnly = true;
  box.name = name;
  box.value = text;
  // Every line of a text to copy in sight (up to 8).
  if (multiline) box.rows = Math.min(8, Math.max(3, text.split('\n').length + 1));
  box.addEventListener('focus', () => box.select());
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.copy = name;
  const idle = state.lang === 'vi' ? 'Chép' : 'Copy';
  button.textContent = idle;
  button.addEventListener('click', async () => {
    box.select();
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = state.lang === 'vi' ? 'Đã chép' : 'Copied';
    } catch {
      // No clipboard permission: the text is selected, ready for Ctrl+C.
      button.textContent = state.lang === 'vi' ? 'Đã chọn, nhấn Ctrl+C' : 'Selected: press Ctrl+C';
    }
    setTimeout(() => (button.textContent = idle), 2000);
  });
  wrap.append(box, button);
  return wrap;
}

/** The payment QR of a view: the payload of its source (an effect, or an object of the
 * view's answer) as a QR image, the source's data beside it, ready to copy. */
function renderQr(spec, effect) {
  const box = document.createElement('div');
  box.className = 'payment-qr';
  if (spec.entity) box.dataset.entity = pick(effect, spec.entity);
  const h = document.createElement('h4');
  h.textContent = label(spec.label);
  const payload = pick(effect, spec.payload);
  const canvas = qrCanvas(payload);
  canvas.id = 'payment-qr';
  canvas.dataset.testid = 'payment-qr';
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `${label(spec.label)}: ${payload}`);
  const side = document.createElement('div');
  side.className = 'qr-data';
  const present = (spec.items ?? []).filter((item) => pick(effect, item.path) !== undefined && pick(effect, item.path) !== null);
  const dl = renderItems(present, effect);
  const p = document.createElement('label');
  const payloadKey = spec.payload.split('.').at(-1);
  p.append(fieldLabel(payloadKey), copyable(payloadKey, payload, true));
  side.append(dl, p);
  const body = document.createElement('div');
  body.className = 'qr-body';
  body.append(canvas, side);
  box.append(h, body);
  return box;
}

/** What some roles see (the scenario's `views`), each from a query asked as that role. */
function renderViews(inst, def) {
  const views = scenario().views ?? [];
  const panel = $('views-panel');
  panel.hidden = views.length === 0;
  const box = $('views');
  box.replaceChildren();
  for (const view of views) {
    const card = document.createElement('article');
    card.className = view.wide ? 'view wide' : 'view';
    card.dataset.view = view.id;
    card.dataset.role = view.role;
    const h = document.createElement('h3');
    const role = def.roles.find((r) => r.id === view.role);
    h.textContent = `${label(view.label)} — ${label(role?.label)}`;
    card.append(h);
    if (view.hint) {
      const hint = document.createElement('p');
      hint.className = 'muted';
      hint.textContent = label(view.hint);
      card.append(hint);
    }
    // A view of one entity (`entity`: a per-entity region): the latest, or the one chosen.
    let query = view.query;
    if (view.entity) {
      const ids = entityIds(inst.position, view.entity);
      if (ids.length === 0) {
        const p = document.createElement('p');
        p.className = 'none';
        p.textContent = view.empty ? label(view.empty) : '—';
        card.append(p);
        box.append(card);
        continue;
      }
      const id = ids.includes(state.views[view.id]) ? state.views[view.id] : ids.at(-1);
      card.dataset.entity = id;
      if (ids.length > 1) {
        const l = document.createElement('label');
        const select = document.createElement('select');
        select.name = 'entity';
        for (const e of ids) {
          const o = document.createElement('option');
          o.value = e;
          o.textContent = e;
          o.selected = e === id;
          select.append(o);
        }
        select.addEventListener('change', () => {
          state.views[view.id] = select.value;
          render();
        });
        l.append(label(def.regions.find((r) => r.id === view.entity)?.label), select);
        card.append(l);
      }
      query = bind(view.query, { id });
    }
    let answer;
    try {
      answer = inst.query({ role: view.role, id: actorId(view.role) }, query, state.now);
    } catch (e) {
      const p = document.createElement('p');
      p.className = 'none';
      p.textContent = e.code ?? String(e);
      card.append(p);
      box.append(card);
      continue;
    }
    if (view.notice) {
      const text = noticeText(view.notice, pick(answer, view.notice.path));
      if (text) {
        const p = document.createElement('p');
        p.className = pick(answer, view.notice.path) ? 'notice' : 'none';
        p.dataset.notice = pick(answer, view.notice.path) ? 'on' : 'off';
        p.textContent = text;
        card.append(p);
      }
    }
    if (view.qr) {
      const source = qrSource(inst, view.qr, answer);
      if (source) card.append(renderQr(view.qr, source));
    }
    if (view.items) card.append(renderItems(view.items, answer));
    for (const section of view.sections ?? []) {
      const sec = document.createElement('section');
      sec.dataset.section = section.id;
      const sh = document.createElement('h4');
      sh.textContent = label(section.label);
      sec.append(sh);
      const data = pick(answer, section.rows ?? section.path);
      if (data == null || (Array.isArray(data) && data.length === 0)) {
        const p = document.createElement('p');
        p.className = 'none';
        p.textContent = section.empty ? label(section.empty) : '—';
        sec.append(p);
      } else if (section.rows) {
        sec.append(renderTable(data, section.columns));
      } else {
        sec.append(renderItems(section.items, data));
      }
      card.append(sec);
    }
    box.append(card);
  }
}

/** The criteria of the report panel as the report takes them: empty ones left out. */
function reportCriteria() {
  return Object.fromEntries(
    Object.entries(state.report.criteria).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)),
  );
}

/** The scenario's `report` panel: who runs it (one of `actors`, in `role`), its criteria as
 * controls, and its answer over the rows of every instance of the scenario (`row()`), run
 * again at each change. */
function renderReport(def) {
  const spec = scenario().report;
  const panel = $('report-panel');
  panel.hidden = !spec;
  if (!spec) return;
  const meta = def.reports.find((r) => r.name === spec.name);
  $('report-title').textContent = label(spec.label ?? meta?.label);
  const vi = state.lang === 'vi';
  const controls = document.createElement('form');
  controls.className = 'criteria';
  controls.addEventListener('submit', (e) => e.preventDefault());
  // Who asks: the report answers within their scope.
  const who = document.createElement('label');
  who.dataset.criterion = 'actor';
  const actors = document.createElement('select');
  actors.name = 'actor';
  for (const id of spec.actors ?? [actorId(spec.role)]) {
    const o = document.createElement('option');
    o.value = id;
    o.textContent = valueText(spec.actorField ?? 'actor_id', id);
    o.selected = id === state.report.actor;
    actors.append(o);
  }
  actors.addEventListener('change', () => {
    state.report.actor = actors.value;
    renderReportResults(spec);
  });
  const role = def.roles.find((r) => r.id === spec.role);
  who.append(`${vi ? 'Xem với tư cách' : 'Viewed as'} ${label(role?.label)}`, actors);
  controls.append(who);
  const criteria = state.report.criteria;
  for (const c of spec.criteria) {
    const title = c.label ? label(c.label) : fieldLabel(c.field);
    const choices = c.choices ?? Object.keys(scenario().fields?.[c.field]?.labels ?? {});
    if (c.many) {
      // Any of the values ticked (none ticked: not filtered).
      const set = document.createElement('fieldset');
      set.dataset.criterion = c.name;
      const legend = document.createElement('legend');
      legend.textContent = title;
      set.append(legend);
      for (const value of choices) {
        const l = document.createElement('label');
        l.className = 'check';
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.name = c.name;
        box.value = String(value);
        box.checked = (criteria[c.name] ?? []).includes(value);
        box.addEventListener('change', () => {
          const now = (criteria[c.name] ?? []).filter((v) => v !== value);
          criteria[c.name] = box.checked ? [...now, value] : now;
          renderReportResults(spec);
        });
        l.append(box, valueText(c.field, value));
        set.append(l);
      }
      controls.append(set);
    } else if (c.number) {
      const l = document.createElement('label');
      l.dataset.criterion = c.name;
      const input = document.createElement('input');
      input.type = 'number';
      input.name = c.name;
      input.step = '1';
      input.value = criteria[c.name] ?? '';
      input.addEventListener('input', () => {
        criteria[c.name] = input.value === '' ? undefined : Number(input.value);
        renderReportResults(spec);
      });
      l.append(title, input);
      controls.append(l);
    } else {
      // One value, or any.
      const l = document.createElement('label');
      l.dataset.criterion = c.name;
      const select = document.createElement('select');
      select.name = c.name;
      const any = document.createElement('option');
      any.value = '';
      any.textContent = vi ? 'Tất cả' : 'Any';
      select.append(any);
      for (const value of choices) {
        const o = document.createElement('option');
        o.value = String(value);
        o.textContent = valueText(c.field, value);
        o.selected = criteria[c.name] === value;
        select.append(o);
      }
      select.addEventListener('change', () => {
        criteria[c.name] = choices.find((v) => String(v) === select.value);
        renderReportResults(spec);
      });
      l.append(title, select);
      controls.append(l);
    }
  }
  const results = document.createElement('div');
  results.id = 'report-results';
  $('report').replaceChildren(controls, results);
  renderReportResults(spec);
}

/** The report's answer for the panel's asker and criteria, over every instance's row: how
 * many match, and a line per row (the instance being worked on marked; any other opened with
 * its button). */
function renderReportResults(spec) {
  const out = $('report-results');
  const vi = state.lang === 'vi';
  let answer;
  try {
    const rows = state.instances.map((entry) => entry.instance.row());
    const actor = { role: spec.role, id: state.report.actor };
    answer = report(state.workflow, actor, { type: spec.name, ...reportCriteria() }, rows, state.now, { config: state.config });
  } catch (e) {
    const p = document.createElement('p');
    p.className = 'none';
    p.textContent = e instanceof QuytrinhError ? `${vi ? e.messageVi : e.messageEn} (${e.code})` : String(e);
    out.replaceChildren(p);
    return;
  }
  const lines = pick(answer, spec.rows) ?? [];
  const total = pick(answer, spec.total ?? 'total') ?? lines.length;
  const summary = document.createElement('p');
  summary.className = 'muted';
  summary.dataset.total = String(total);
  const of = spec.count ? ` ${label(spec.count)}` : '';
  summary.textContent = vi
    ? `${total} / ${state.instances.length}${of} khớp, trong phạm vi của ${state.report.actor}.${spec.hint ? ` ${label(spec.hint)}` : ''}`
    : `${total} of ${state.instances.length}${of} match, within ${state.report.actor}'s scope.${spec.hint ? ` ${label(spec.hint)}` : ''}`;
  if (lines.length === 0) {
    const p = document.createElement('p');
    p.className = 'none';
    p.textContent = spec.empty ? label(spec.empty) : '—';
    out.replaceChildren(summary, p);
    return;
  }
  const table = renderTable(lines, spec.columns);
  const head = document.createElement('th');
  head.textContent = fieldLabel('instance_id');
  table.rows[0].prepend(head);
  lines.forEach((line, n) => {
    const tr = table.rows[n + 1];
    const index = state.instances.findIndex((entry) => entry.id === line.instance_id);
    tr.dataset.instance = line.instance_id;
    const th = document.createElement('th');
    if (index === state.current) {
      tr.className = 'current';
      th.textContent = line.instance_id;
      th.title = vi ? 'Đang xem' : 'Being worked on';
    } else {
      const open = document.createElement('button');
      open.type = 'button';
      open.dataset.open = line.instance_id;
      open.textContent = line.instance_id;
      open.title = vi ? 'Xem chi tiết thuê bao này' : 'Work on this one';
      open.addEventListener('click', () => {
        workOn(index);
        showError(null);
        render();
      });
      th.append(open);
    }
    tr.prepend(th);
  });
  out.replaceChildren(summary, table);
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

/** The entities of per-entity region `region` in `position`, in natural order (`R2` before
 * `R10`). */
function entityIds(position, region) {
  const natural = new Intl.Collator(undefined, { numeric: true }).compare;
  const prefix = `${region}:`;
  return Object.keys(position)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length))
    .sort(natural);
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
      return { text: valueText(c.value.split('.').at(-1), item && pick(item, c.value)) };
    }
    if (c.query) {
      const q = bind(c.query, { id });
      try {
        const answer = inst.query(asker(q), q, state.now);
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
    th.textContent = c.label ? label(c.label) : label(def.regions.find((r) => r.id === c.region)?.label);
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

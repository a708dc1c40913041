// Generated from quytrinh's registry and each workflow's definition by
// `QUYTRINH_BLESS=1 cargo test -p quytrinh-wasm --test typescript`: do not edit.
import type {
  CompanionConfig,
  CompanionInit,
  CompanionState,
  CompanionCommand,
  CompanionEvent,
  CompanionEffect,
  CompanionQuery,
  CompanionAnswer,
  ComplaintConfig,
  ComplaintInit,
  ComplaintState,
  ComplaintCommand,
  ComplaintEvent,
  ComplaintEffect,
  ComplaintQuery,
  ComplaintAnswer,
  ComplaintReport,
  ComplaintReportAnswer,
  LeadCareConfig,
  LeadCareInit,
  LeadCareState,
  LeadCareCommand,
  LeadCareEvent,
  LeadCareEffect,
  LeadCareQuery,
  LeadCareAnswer,
  StoreSubscriptionConfig,
  StoreSubscriptionInit,
  StoreSubscriptionState,
  StoreSubscriptionCommand,
  StoreSubscriptionEvent,
  StoreSubscriptionEffect,
  StoreSubscriptionQuery,
  StoreSubscriptionAnswer,
  RenewalBillingConfig,
  RenewalBillingInit,
  RenewalBillingState,
  RenewalBillingCommand,
  RenewalBillingEvent,
  RenewalBillingEffect,
  RenewalBillingQuery,
  RenewalBillingAnswer,
  RenewalBillingReport,
  RenewalBillingReportAnswer,
  RenewalRow,
  Snapshot,
} from './types.js';

/** The types of each workflow, by name. */
export interface Workflows {
  companion: {
    config: CompanionConfig;
    init: CompanionInit;
    state: CompanionState;
    command: CompanionCommand;
    event: CompanionEvent;
    effect: CompanionEffect;
    query: CompanionQuery;
    answer: CompanionAnswer;
    row: null;
    report: never;
    reportAnswer: never;
    /** The roles that may act (`actor.role`). */
    role: 'saco' | 'customer';
    /** The regions of `position` (`region`, or `region:entity`). */
    region: 'relationship' | 'request';
    /** The state ids of every region. */
    stateId: 'abandoned' | 'active' | 'auto_confirmed' | 'awaiting_otp' | 'confirmed' | 'ended' | 'expired' | 'none' | 'pending' | 'rejected' | 'unlink_pending' | 'withdrawn';
    /** The kinds of its deadlines. */
    deadlineKind: 'otp_expiry' | 'auto_confirm' | 'link_expiry';
  };
  complaint: {
    config: ComplaintConfig;
    init: ComplaintInit;
    state: ComplaintState;
    command: ComplaintCommand;
    event: ComplaintEvent;
    effect: ComplaintEffect;
    query: ComplaintQuery;
    answer: ComplaintAnswer;
    row: Snapshot<ComplaintConfig, ComplaintState>;
    report: ComplaintReport;
    reportAnswer: ComplaintReportAnswer;
    /** The roles that may act (`actor.role`). */
    role: 'intake' | 'ops' | 'agent' | 'head_of_ops';
    /** The regions of `position` (`region`, or `region:entity`). */
    region: 'case' | 'sla';
    /** The state ids of every region. */
    stateId: 'agent_locked' | 'analyzing' | 'answered' | 'awaiting_documents' | 'breached' | 'closed' | 'deposit_required' | 'escalated' | 'follow_up' | 'investigating' | 'met' | 'received' | 'resolved' | 'running' | 'warned';
    /** The kinds of its deadlines. */
    deadlineKind: 'sla_warning' | 'resolution_sla' | 'agent_action' | 'deposit_due';
  };
  lead_care: {
    config: LeadCareConfig;
    init: LeadCareInit;
    state: LeadCareState;
    command: LeadCareCommand;
    event: LeadCareEvent;
    effect: LeadCareEffect;
    query: LeadCareQuery;
    answer: LeadCareAnswer;
    row: null;
    report: never;
    reportAnswer: never;
    /** The roles that may act (`actor.role`). */
    role: 'consultant' | 'reviewer' | 'platform';
    /** The regions of `position` (`region`, or `region:entity`). */
    region: 'batch' | 'lead' | 'compensation';
    /** The state ids of every region. */
    stateId: 'appointment' | 'approved' | 'contacted' | 'converted' | 'custom' | 'draft' | 'duplicate' | 'fake_info' | 'idle' | 'in_review' | 'interested' | 'new' | 'not_interested' | 'overdue' | 'rejected' | 'unreachable' | 'withdrawn' | 'wrong_number';
    /** The kinds of its deadlines. */
    deadlineKind: 'review_due';
  };
  store_subscription: {
    config: StoreSubscriptionConfig;
    init: StoreSubscriptionInit;
    state: StoreSubscriptionState;
    command: StoreSubscriptionCommand;
    event: StoreSubscriptionEvent;
    effect: StoreSubscriptionEffect;
    query: StoreSubscriptionQuery;
    answer: StoreSubscriptionAnswer;
    row: null;
    report: never;
    reportAnswer: never;
    /** The roles that may act (`actor.role`). */
    role: 'owner_admin' | 'staff' | 'vendor' | 'payment_gateway';
    /** The regions of `position` (`region`, or `region:entity`). */
    region: 'contract' | 'package' | 'notice' | 'order';
    /** The state ids of every region. */
    stateId: 'active' | 'awaiting_payment' | 'awaiting_payment_method' | 'claim_escalated' | 'claim_under_review' | 'expired' | 'hidden' | 'lapsed' | 'paid' | 'premium' | 'professional' | 'shown' | 'stopped' | 'superseded' | 'support' | 'trial' | 'underpaid';
    /** The kinds of its deadlines. */
    deadlineKind: 'payment_window' | 'vendor_contact' | 'expiry_notice' | 'expiry';
  };
  renewal_billing: {
    config: RenewalBillingConfig;
    init: RenewalBillingInit;
    state: RenewalBillingState;
    command: RenewalBillingCommand;
    event: RenewalBillingEvent;
    effect: RenewalBillingEffect;
    query: RenewalBillingQuery;
    answer: RenewalBillingAnswer;
    row: RenewalRow;
    report: RenewalBillingReport;
    reportAnswer: RenewalBillingReportAnswer;
    /** The roles that may act (`actor.role`). */
    role: 'csm' | 'scheduler' | 'customer' | 'payment_gateway';
    /** The regions of `position` (`region`, or `region:entity`). */
    region: 'subscription' | 'request';
    /** The state ids of every region. */
    stateId: 'active' | 'cancelled' | 'customer_reported_paid' | 'expired' | 'issued' | 'lapsed' | 'opened' | 'paid' | 'refused_renewal';
    /** The kinds of its deadlines. */
    deadlineKind: 'reminder' | 'reconcile_by' | 'term_end';
  };
}

//! Workflow B, `lead_care` (SPEC §3, seed 001: TheBank partner CRM, "Hướng dẫn cập nhật
//! trạng thái khách hàng" and "yêu cầu bù").
//!
//! One instance is one lead package ("gói tài khoản") bought by a consultant (the
//! partner). The consultant cares for each lead: "Cập nhật trạng thái" sets a care status
//! from a configurable catalogue with a note, and appends an entry to the lead's contact
//! history ("Lịch sử tiếp xúc"). A lead whose status is compensable (unreachable, wrong
//! number, duplicate, fake information by default) may be claimed within 7 days of its
//! delivery ("Yêu cầu bù ngay", with a reason): the claim is a draft in the package's list
//! ("Danh sách yêu cầu bù"), which the consultant may withdraw. "Gửi xét duyệt" sends every
//! draft in one batch, after the seed's double confirmation: the host shows
//! [`preview_submission`] (exactly the drafts that will be sent) and submits its
//! `confirm_token`; if the drafts changed in between, the token no longer matches and the
//! submission is refused (`validation_failed`, rule `stale_token`: the field is stale, so
//! `available_commands` still offers the button). The platform's reviewers approve or
//! reject each request; an approval asks the host to allocate a replacement lead (the
//! "bù"). When the batch is fully decided the consultant's account gets one notification
//! with the results, and the batch closes. The review is due 3 working days after
//! submission on the business calendar; past that, the reviewers are reminded once
//! (never an automatic approval).
//!
//! Decisions where SPEC and seed are silent **\[decision\]**:
//! - Leads carry the host's ids (`lead_id`, unique in the package). Leads delivered after
//!   creation arrive by the `platform` role's `deliver_leads` (the host's lead-distribution
//!   job), delivered at the command's instant; a replacement names the compensated lead in
//!   `replaces`, whose request must be approved and not yet replaced (`not_found`,
//!   `replaces_not_approved`, `already_replaced`).
//! - A draft keeps the status the lead had when it was made; updating the status of a lead
//!   with a draft is allowed (only in review and approved freeze it: `lead_frozen`).
//! - One batch at a time: drafts made while a batch is in review stay drafts for the next
//!   batch (`batch_in_review`). Batches are numbered `B1`, `B2`, …; requests 1, 2, … in
//!   creation order, never reused.
//! - A rejected request frees the lead: a new claim is possible within the window.
//! - `review_due` fires once: the batch becomes `overdue` and stays open until decided.
//! - Region `lead` and `compensation` of [`position`](crate::kernel::Workflow::position)
//!   show the lead that changed last; a status outside the default catalogue shows as
//!   `custom`.
//!
//! The confirm token is `sha256:` + the lowercase hex SHA-256 of [`canonical_submission`].
//!
//! ```
//! use quytrinh::kernel::{Actor, Command, Instance, Settings};
//! use quytrinh::workflows::lead_care::{LeadCare, LeadCareCommand as C, LeadCareInit, preview_submission};
//!
//! let init: LeadCareInit = serde_json::from_str(r#"{"package_id":"GOI-1","consultant_id":"TV-1",
//!     "purchased_at":"2026-04-20T09:00:00+07:00","leads":[{"lead_id":"L1","customer_id":"KH-1",
//!     "delivered_at":"2026-04-20T09:00:00+07:00"}]}"#).unwrap();
//! let mut package = Instance::<LeadCare>::create("GOI-1", Default::default(), Settings::default(), init).unwrap();
//! let tv = Actor::new("consultant", "TV-1");
//! let at = "2026-04-21T09:00:00+07:00".parse().unwrap();
//! package.handle(&Command::new("c1", tv.clone(), at, C::UpdateStatus { lead_id: "L1".into(),
//!     status: "wrong_number".into(), note: "Thuê bao không tồn tại".into() })).unwrap();
//! package.handle(&Command::new("c2", tv.clone(), at, C::RequestCompensation { lead_id: "L1".into(),
//!     reason: "Sai số điện thoại".into() })).unwrap();
//! let token = preview_submission(package.state(), "TV-1").unwrap().confirm_token;
//! let out = package.handle(&Command::new("c3", tv, at, C::SubmitForReview { confirm_token: token })).unwrap();
//! assert_eq!(out.effect_names(), ["notify:lead_care.batch_submitted"]);
//! assert_eq!(out.next_deadline.unwrap().kind, "review_due");
//! let out = package.handle(&Command::new("c4", Actor::new("reviewer", "NV-1"), at,
//!     C::Decide { lead_id: "L1".into(), approve: true, note: None })).unwrap();
//! assert_eq!(out.effect_names(), ["allocate_replacement_lead", "notify:lead_care.batch_decided"]);
//! ```

mod model;
mod queries;
mod rules;
mod table;

pub use model::{
    Batch, BatchStatus, CareStatus, CompensationRequest, CompensationStatus, ContactEntry,
    InitialLead, Lead, LeadCareCommand, LeadCareConfig, LeadCareEffect, LeadCareEvent,
    LeadCareInit, LeadCareState, Leads, MAX_CONTACT_ENTRIES, MAX_ID_CHARS, MAX_LEADS,
    MAX_TEXT_CHARS, NewLead, Replacement, Review, default_statuses,
};
pub use queries::{
    LeadCareAnswer, LeadCareQuery, PreviewItem, SubmissionPreview, TOKEN_DOMAIN,
    canonical_submission, compensation_requests, confirm_token, contact_history, drafts,
    lead_requests, preview_submission,
};
pub use rules::LeadCareDeadline;
pub use table::templates;

use crate::calendar::BusinessCalendar;
use crate::kernel::{
    Actor, Basis, CommandSpec, Context, DeadlineKind, DeadlineSpec, Decision, Label, RegionSpec,
    Rejection, RoleSpec, TemplateSpec, Timer, TransitionSpec, Unfit, Workflow,
};
use chrono::{DateTime, Utc};
use model::valid_id;

/// The `lead_care` workflow (a marker type; see the module docs).
///
/// ```
/// use quytrinh::kernel::Workflow;
/// use quytrinh::workflows::lead_care::LeadCare;
/// assert_eq!(LeadCare::NAME, "lead_care");
/// assert_eq!(LeadCare::COMMANDS.len(), 6);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LeadCare;

impl Workflow for LeadCare {
    const NAME: &'static str = "lead_care";
    const LABEL: Label = Label::new(
        "Chăm sóc khách hàng và yêu cầu bù",
        "Lead care and compensation requests",
    );
    const ROLES: &'static [RoleSpec] = table::ROLES;
    const REGIONS: &'static [RegionSpec] = table::REGIONS;
    const COMMANDS: &'static [CommandSpec] = table::COMMANDS;
    const QUERIES: &'static [CommandSpec] = table::QUERIES;
    const TRANSITIONS: &'static [TransitionSpec] = table::TRANSITIONS;
    const TEMPLATES: &'static [TemplateSpec] = table::TEMPLATES;
    crate::no_reports!();

    type Config = LeadCareConfig;
    type Init = LeadCareInit;
    type State = LeadCareState;
    type Command = LeadCareCommand;
    type Event = LeadCareEvent;
    type Effect = LeadCareEffect;
    type DeadlineKind = LeadCareDeadline;
    type Query = LeadCareQuery;
    type Answer = LeadCareAnswer;

    fn validate_config(config: &LeadCareConfig) -> Result<(), String> {
        config.validate()
    }

    fn calendar(config: &LeadCareConfig) -> Option<&BusinessCalendar> {
        Some(&config.calendar)
    }

    fn init(config: &LeadCareConfig, init: LeadCareInit) -> Result<LeadCareState, Rejection> {
        for (field, id) in [
            ("package_id", &init.package_id),
            ("consultant_id", &init.consultant_id),
        ] {
            if !valid_id(id) {
                return Err(rules::bad_id(field));
            }
        }
        rules::room_for_leads(config, 0, init.leads.len())?;
        let mut ids = std::collections::HashSet::new();
        for l in &init.leads {
            if !valid_id(&l.lead_id) {
                return Err(rules::bad_id("lead_id"));
            }
            if !valid_id(&l.customer_id) {
                return Err(rules::bad_id("customer_id"));
            }
            if !ids.insert(l.lead_id.as_str()) {
                return Err(Rejection::invalid_field(
                    "lead_id",
                    format!("Khách hàng `{}` bị lặp.", l.lead_id),
                    format!("Lead `{}` is listed twice.", l.lead_id),
                ));
            }
            if l.delivered_at < init.purchased_at {
                return Err(Rejection::invalid_field(
                    "delivered_at",
                    "Khách hàng không thể được giao trước khi mua gói.",
                    "A lead cannot be delivered before the package was bought.",
                ));
            }
        }
        Ok(LeadCareState {
            package_id: init.package_id,
            consultant_id: init.consultant_id,
            purchased_at: init.purchased_at,
            leads: init
                .leads
                .into_iter()
                .map(|l| Lead {
                    lead_id: l.lead_id,
                    customer_id: l.customer_id,
                    delivered_at: l.delivered_at,
                    status: config.initial_status.clone(),
                    replaces: None,
                    contact_history: Vec::new(),
                })
                .collect(),
            requests: Vec::new(),
            batches: Vec::new(),
        })
    }

    fn decide(
        state: &LeadCareState,
        command: &LeadCareCommand,
        ctx: &Context<'_, Self>,
    ) -> Result<Decision<Self>, Rejection> {
        rules::decide(state, command, ctx)
    }

    fn evolve(
        state: &mut LeadCareState,
        event: &LeadCareEvent,
        at: DateTime<Utc>,
    ) -> Result<(), Unfit> {
        rules::evolve(state, event, at)
    }

    fn deadlines(state: &LeadCareState) -> impl Iterator<Item = Timer<'_, LeadCareDeadline>> {
        rules::pending(state)
    }

    fn on_deadline(
        state: &LeadCareState,
        timer: &Timer<'_, LeadCareDeadline>,
        ctx: &Context<'_, Self>,
    ) -> Result<Decision<Self>, Unfit> {
        rules::on_deadline(state, timer, ctx)
    }

    fn query(
        state: &LeadCareState,
        query: &LeadCareQuery,
        ctx: &Context<'_, Self>,
    ) -> Result<LeadCareAnswer, Rejection> {
        queries::answer(state, query, ctx.actor)
    }

    fn entities(state: &LeadCareState) -> impl Iterator<Item = &str> {
        state.leads.iter().map(|l| l.lead_id.as_str())
    }

    fn touched(event: &LeadCareEvent) -> Option<&str> {
        event.lead_id()
    }

    fn deadline_specs(config: &LeadCareConfig) -> Vec<DeadlineSpec> {
        vec![DeadlineSpec {
            kind: LeadCareDeadline::ReviewDue.name(),
            label: Label::new(
                "Hạn xét duyệt yêu cầu bù (3 ngày làm việc)",
                "Review due (3 working days)",
            ),
            seconds: u64::from(config.review_working_days) * 86_400,
            basis: Basis::Business,
        }]
    }

    fn candidates(state: &LeadCareState, _: &Actor) -> Vec<LeadCareCommand> {
        use LeadCareCommand as C;
        let mut out = vec![C::DeliverLeads { leads: Vec::new() }];
        for lead in &state.leads {
            let id = || lead.lead_id.clone();
            out.push(C::UpdateStatus {
                lead_id: id(),
                status: lead.status.clone(),
                note: String::new(),
            });
            out.push(C::RequestCompensation {
                lead_id: id(),
                reason: String::new(),
            });
            out.push(C::WithdrawCompensation { lead_id: id() });
            out.push(C::Decide {
                lead_id: id(),
                approve: true,
                note: None,
            });
            out.push(C::Decide {
                lead_id: id(),
                approve: false,
                note: None,
            });
        }
        // The UI gets the token from the preview: an empty one is refused only as a field.
        out.push(C::SubmitForReview {
            confirm_token: String::new(),
        });
        out
    }

    fn position(state: &LeadCareState, entity: Option<&str>) -> Vec<(&'static str, &'static str)> {
        let Some(lead) = entity.and_then(|id| state.lead(id)) else {
            let batch = state.open_batch().map_or("idle", |b| b.status.id());
            return vec![(table::BATCH, batch)];
        };
        let status = table::DEFAULT_STATUS_IDS
            .iter()
            .find(|s| **s == lead.status)
            .copied()
            .unwrap_or(table::CUSTOM_STATUS);
        let mut at = vec![(table::LEAD, status)];
        if let Some(r) = state
            .requests
            .iter()
            .rev()
            .find(|r| r.lead_id == lead.lead_id)
        {
            at.push((table::COMPENSATION, r.state.id()));
        }
        at
    }
}

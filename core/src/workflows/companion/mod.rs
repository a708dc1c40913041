//! Workflow A, `companion` (SPEC §2, seed 000: DNSE Entrade X, "Saco và KH hủy đồng hành").
//!
//! One instance is one relationship between an investment companion (SACO, *Bạn đồng hành
//! đầu tư*) and a customer's account. Either party may ask to end it; the request is staged
//! until the requester's OTP passes, then it is pending ("đang xác nhận"): the SACO's
//! trading rights are suspended (view only) and the counterparty is notified. The
//! counterparty confirms (with OTP) or rejects; the requester may withdraw while it is
//! pending; unanswered, it is confirmed automatically after 24 h. Withdrawn, rejected and
//! expired requests can be resent, linked to the original. Link requests follow the same
//! steps and expire after 24 h **\[decision\]**.
//!
//! ```
//! use quytrinh::kernel::{Actor, Command, Instance, Settings};
//! use quytrinh::workflows::companion::{Companion, CompanionCommand as C, CompanionInit};
//!
//! let mut rel = Instance::<Companion>::create(
//!     "rel-1", Default::default(), Settings::default(),
//!     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
//! let saco = Actor::new("saco", "SACO-1");
//! let t0 = "2026-11-23T09:00:00+07:00".parse().unwrap();
//! rel.handle(&Command::new("c1", saco.clone(), t0, C::RequestUnlink {})).unwrap();
//! let out = rel.handle(&Command::new("c2", saco, t0, C::OtpVerified { challenge_id: "R1-otp1".into() })).unwrap();
//! assert_eq!(out.effect_names(), ["suspend_trading_rights", "notify:companion.unlink_requested"]);
//! assert_eq!(out.next_deadline.unwrap().kind, "auto_confirm");
//! ```

mod model;
mod queries;
mod rules;
mod table;

pub use model::{
    AbandonReason, Challenge, ChallengePurpose, CompanionCommand, CompanionConfig, CompanionEffect,
    CompanionEvent, CompanionInit, CompanionState, Parties, Party, Relationship, Request,
    RequestKind, RequestStatus,
};
pub use table::templates;

pub use queries::{CompanionAnswer, CompanionQuery};

use crate::kernel::{
    Actor, Basis, CommandSpec, Context, DeadlineKind, DeadlineSpec, Decision, Label, RegionSpec,
    Rejection, RoleSpec, TemplateSpec, Timer, TransitionSpec, Unfit, Workflow,
};
use chrono::{DateTime, Utc};
use rules::open_request;

/// The deadlines of `companion`.
///
/// ```
/// use quytrinh::kernel::DeadlineKind;
/// use quytrinh::workflows::companion::CompanionDeadline;
/// assert_eq!(CompanionDeadline::AutoConfirm.name(), "auto_confirm");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum CompanionDeadline {
    /// The OTP challenge of the open request expires.
    OtpExpiry,
    /// A pending unlink request is confirmed automatically.
    AutoConfirm,
    /// A pending link request expires.
    LinkExpiry,
}

/// The `companion` workflow (a marker type; see the module docs).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Companion;

impl Workflow for Companion {
    const NAME: &'static str = "companion";
    const LABEL: Label = Label::new(
        "Hủy (và kết nối) bạn đồng hành",
        "Investment companion unlink and link",
    );
    const ROLES: &'static [RoleSpec] = table::ROLES;
    const REGIONS: &'static [RegionSpec] = table::REGIONS;
    const COMMANDS: &'static [CommandSpec] = table::COMMANDS;
    const QUERIES: &'static [CommandSpec] = table::QUERIES;
    const TRANSITIONS: &'static [TransitionSpec] = table::TRANSITIONS;
    const TEMPLATES: &'static [TemplateSpec] = table::TEMPLATES;
    crate::no_reports!();

    type Config = CompanionConfig;
    type Init = CompanionInit;
    type State = CompanionState;
    type Command = CompanionCommand;
    type Event = CompanionEvent;
    type Effect = CompanionEffect;
    type DeadlineKind = CompanionDeadline;
    type Query = CompanionQuery;
    type Answer = CompanionAnswer;

    fn validate_config(config: &CompanionConfig) -> Result<(), String> {
        let positive = [
            ("otp_lifetime_seconds", config.otp_lifetime_seconds),
            (
                "auto_confirm_after_seconds",
                config.auto_confirm_after_seconds,
            ),
            ("link_request_ttl_seconds", config.link_request_ttl_seconds),
            ("otp_max_failures", u32::from(config.otp_max_failures)),
            ("max_closed_requests", config.max_closed_requests),
        ];
        match positive.iter().find(|(_, v)| *v == 0) {
            Some((name, _)) => Err(format!("{name} must be positive")),
            None => Ok(()),
        }
    }

    fn init(config: &CompanionConfig, init: CompanionInit) -> Result<CompanionState, Rejection> {
        for (field, value) in [
            ("saco_id", &init.saco_id),
            ("customer_id", &init.customer_id),
            ("account", &init.account),
        ] {
            if value.trim().is_empty() {
                return Err(Rejection::invalid_field(
                    field,
                    format!("Thiếu `{field}`."),
                    format!("`{field}` is required."),
                ));
            }
        }
        if matches!(
            init.relationship,
            crate::workflows::companion::Relationship::UnlinkPending
        ) {
            return Err(Rejection::invalid_field(
                "relationship",
                "Quan hệ ban đầu phải là `active` hoặc `none`.",
                "The initial relationship must be `active` or `none`.",
            ));
        }
        Ok(CompanionState {
            saco_id: init.saco_id,
            customer_id: init.customer_id,
            account: init.account,
            relationship: init.relationship,
            requests: Vec::new(),
            max_closed_requests: config.max_closed_requests,
        })
    }

    fn decide(
        state: &CompanionState,
        command: &CompanionCommand,
        ctx: &Context<'_, Self>,
    ) -> Result<Decision<Self>, Rejection> {
        rules::decide(state, command, ctx)
    }

    fn evolve(
        state: &mut CompanionState,
        event: &CompanionEvent,
        at: DateTime<Utc>,
    ) -> Result<(), Unfit> {
        rules::evolve(state, event, at)
    }

    fn deadlines(state: &CompanionState) -> impl Iterator<Item = Timer<'_, CompanionDeadline>> {
        let request = open_request(state);
        let otp = request.and_then(|r| {
            r.challenge.as_ref().map(|c| {
                Timer::new(CompanionDeadline::OtpExpiry, c.expires_at, Basis::Clock).on(&r.id)
            })
        });
        let answer = request.and_then(|r| {
            let kind = match r.kind {
                RequestKind::Unlink => CompanionDeadline::AutoConfirm,
                RequestKind::Link => CompanionDeadline::LinkExpiry,
            };
            r.due
                .map(|due| Timer::new(kind, due, Basis::Clock).on(&r.id))
        });
        otp.into_iter().chain(answer)
    }

    fn on_deadline(
        state: &CompanionState,
        timer: &Timer<'_, CompanionDeadline>,
        _: &Context<'_, Self>,
    ) -> Result<Decision<Self>, Unfit> {
        rules::on_deadline(state, timer)
    }

    fn deadline_specs(config: &CompanionConfig) -> Vec<DeadlineSpec> {
        let spec = |kind: CompanionDeadline, vi, en, seconds: u32| DeadlineSpec {
            kind: kind.name(),
            label: Label::new(vi, en),
            seconds: u64::from(seconds),
            basis: Basis::Clock,
        };
        vec![
            spec(
                CompanionDeadline::OtpExpiry,
                "OTP hết hạn",
                "OTP expiry",
                config.otp_lifetime_seconds,
            ),
            spec(
                CompanionDeadline::AutoConfirm,
                "Tự động hủy đồng hành sau 24 giờ",
                "Automatic unlink after 24 h",
                config.auto_confirm_after_seconds,
            ),
            spec(
                CompanionDeadline::LinkExpiry,
                "Yêu cầu kết nối hết hạn",
                "Link request expiry",
                config.link_request_ttl_seconds,
            ),
        ]
    }

    fn candidates(state: &CompanionState, _: &Actor) -> Vec<CompanionCommand> {
        let mut out = vec![
            CompanionCommand::RequestUnlink {},
            CompanionCommand::RequestLink {},
        ];
        out.extend(
            state
                .requests
                .iter()
                .filter(|r| r.status.is_resendable() && r.resent_as.is_none())
                .map(|r| CompanionCommand::Resend {
                    request_id: r.id.clone(),
                }),
        );
        if let Some(open) = open_request(state) {
            let request_id = || open.id.clone();
            out.extend([
                CompanionCommand::Confirm {
                    request_id: request_id(),
                },
                CompanionCommand::Accept {
                    request_id: request_id(),
                },
                CompanionCommand::Reject {
                    request_id: request_id(),
                },
                CompanionCommand::Withdraw {
                    request_id: request_id(),
                },
            ]);
            if let Some(c) = &open.challenge {
                out.push(CompanionCommand::OtpVerified {
                    challenge_id: c.id.clone(),
                });
                out.push(CompanionCommand::OtpFailed {
                    challenge_id: c.id.clone(),
                });
            }
        }
        out
    }

    fn query(
        state: &CompanionState,
        query: &CompanionQuery,
        ctx: &Context<'_, Self>,
    ) -> Result<CompanionAnswer, Rejection> {
        queries::answer(state, query, ctx.actor)
    }

    fn position(state: &CompanionState, entity: Option<&str>) -> Vec<(&'static str, &'static str)> {
        if entity.is_some() {
            return Vec::new();
        }
        let mut at = vec![("relationship", state.relationship.id())];
        if let Some(last) = state.requests.last() {
            at.push(("request", last.status.id()));
        }
        at
    }
}

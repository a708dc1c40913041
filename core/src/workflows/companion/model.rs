//! The data of `companion`: configuration, parties, requests, commands, events, effects.

use crate::kernel::TaggedDeserialize;
use crate::kernel::{EffectName, Notification, Recipient};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Tunable values, with the defaults of SPEC §2 (all **\[decision\]** values configurable).
///
/// ```
/// use quytrinh::workflows::companion::CompanionConfig;
/// let c = CompanionConfig::default();
/// assert_eq!((c.otp_lifetime_seconds, c.otp_max_failures), (300, 5));
/// assert_eq!(c.auto_confirm_after_seconds, 24 * 3600);
/// assert_eq!(c.max_closed_requests, 20);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CompanionConfig {
    /// How long an OTP challenge lives (default 5 minutes).
    pub otp_lifetime_seconds: u32,
    /// Failed OTP attempts that abandon a challenge (default 5).
    pub otp_max_failures: u8,
    /// Unanswered unlink requests are confirmed automatically after this (default 24 h).
    pub auto_confirm_after_seconds: u32,
    /// Unanswered link requests expire after this (default 24 h).
    pub link_request_ttl_seconds: u32,
    /// How many closed requests the state keeps as history (default 20, at least 1)
    /// **\[decision\]**. When a request closes and more are closed, the oldest are forgotten,
    /// except the latest request and a request an open request is linked to — also one that
    /// could still have been resent (a forgotten request is `not_found`), so the state stays
    /// bounded however many requests a relationship sees. Absent from older configurations:
    /// the default applies.
    pub max_closed_requests: u32,
}

/// The default of [`CompanionConfig::max_closed_requests`].
pub(super) const DEFAULT_MAX_CLOSED_REQUESTS: u32 = 20;

fn default_max_closed_requests() -> u32 {
    DEFAULT_MAX_CLOSED_REQUESTS
}

impl Default for CompanionConfig {
    fn default() -> Self {
        Self {
            otp_lifetime_seconds: 5 * 60,
            otp_max_failures: 5,
            auto_confirm_after_seconds: 24 * 3600,
            link_request_ttl_seconds: 24 * 3600,
            max_closed_requests: DEFAULT_MAX_CLOSED_REQUESTS,
        }
    }
}

/// The two parties of a relationship.
///
/// ```
/// use quytrinh::workflows::companion::Party;
/// assert_eq!(Party::Saco.other(), Party::Customer);
/// assert_eq!(Party::Customer.role(), "customer");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Party {
    /// Bạn đồng hành đầu tư, the investment companion (on the web).
    Saco,
    /// The account holder (on the app).
    Customer,
}

impl Party {
    /// The other party.
    #[must_use]
    pub const fn other(self) -> Party {
        match self {
            Party::Saco => Party::Customer,
            Party::Customer => Party::Saco,
        }
    }

    /// The party's role name.
    pub const fn role(self) -> &'static str {
        match self {
            Party::Saco => "saco",
            Party::Customer => "customer",
        }
    }
}

/// The relationship between the SACO and the customer's account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Relationship {
    /// No relationship yet.
    None,
    /// The SACO views and trades.
    Active,
    /// An unlink request is pending: the SACO only views, trading is suspended.
    UnlinkPending,
    /// The relationship has ended.
    Ended,
}

impl Relationship {
    /// The state id, as in the definition.
    pub const fn id(self) -> &'static str {
        match self {
            Relationship::None => "none",
            Relationship::Active => "active",
            Relationship::UnlinkPending => "unlink_pending",
            Relationship::Ended => "ended",
        }
    }
}

/// What a request asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum RequestKind {
    /// End the relationship (hủy đồng hành).
    Unlink,
    /// Start a relationship (kết nối).
    Link,
}

/// Where a request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum RequestStatus {
    /// Staged, waiting for the requester's OTP; invisible to the counterparty.
    AwaitingOtp,
    /// Đang xác nhận: waiting for the counterparty.
    Pending,
    /// Confirmed (or accepted) by the counterparty.
    Confirmed,
    /// Confirmed automatically after 24 h.
    AutoConfirmed,
    /// Từ chối: rejected by the counterparty.
    Rejected,
    /// Đã huỷ: withdrawn by the requester.
    Withdrawn,
    /// Hết hạn: a link request left unanswered.
    Expired,
    /// The requester's OTP was never completed.
    Abandoned,
}

impl RequestStatus {
    /// The state id, as in the definition.
    pub const fn id(self) -> &'static str {
        match self {
            RequestStatus::AwaitingOtp => "awaiting_otp",
            RequestStatus::Pending => "pending",
            RequestStatus::Confirmed => "confirmed",
            RequestStatus::AutoConfirmed => "auto_confirmed",
            RequestStatus::Rejected => "rejected",
            RequestStatus::Withdrawn => "withdrawn",
            RequestStatus::Expired => "expired",
            RequestStatus::Abandoned => "abandoned",
        }
    }

    /// Whether the request is still open (awaiting OTP or pending).
    pub const fn is_open(self) -> bool {
        matches!(self, RequestStatus::AwaitingOtp | RequestStatus::Pending)
    }

    /// Whether the request may be resent (đã huỷ, từ chối, hết hạn).
    pub const fn is_resendable(self) -> bool {
        matches!(
            self,
            RequestStatus::Withdrawn | RequestStatus::Rejected | RequestStatus::Expired
        )
    }
}

/// What an OTP challenge completes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ChallengePurpose {
    /// The requester submits (or resends) the request.
    Submit,
    /// The counterparty confirms an unlink or accepts a link.
    Confirm,
}

/// An open OTP challenge. The core never sees the code: the host's OTP service checks it
/// and reports `otp_verified` or `otp_failed` for the challenge id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Challenge {
    /// The challenge id, `{request id}-otp{n}`.
    pub id: String,
    /// What it completes.
    pub purpose: ChallengePurpose,
    /// Who must complete it.
    pub party: Party,
    /// When it expires.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub expires_at: DateTime<Utc>,
    /// Failed attempts so far.
    pub failures: u8,
}

/// An unlink or link request, kept as history once closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Request {
    /// `R1`, `R2`, … in order of creation.
    pub id: String,
    /// Unlink or link.
    pub kind: RequestKind,
    /// Who asked.
    pub requester: Party,
    /// Where it stands.
    pub status: RequestStatus,
    /// When it was staged.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub created_at: DateTime<Utc>,
    /// When it became pending; its auto-confirm or expiry is counted from here.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(serialize_with = "crate::kernel::instant::write_optional")]
    pub submitted_at: Option<DateTime<Utc>>,
    /// When it auto-confirms (unlink) or expires (link), while pending.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(serialize_with = "crate::kernel::instant::write_optional")]
    pub due: Option<DateTime<Utc>>,
    /// When it was closed.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(serialize_with = "crate::kernel::instant::write_optional")]
    pub closed_at: Option<DateTime<Utc>>,
    /// The request this one resends.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub resent_from: Option<String>,
    /// The request that resent this one.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub resent_as: Option<String>,
    /// The open OTP challenge, if any.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub challenge: Option<Challenge>,
    /// OTP challenges issued for this request (numbers the challenge ids).
    pub challenges_issued: u32,
}

impl Request {
    /// Whether `party` can see the request: a request still awaiting its requester's OTP
    /// is invisible to the counterparty.
    pub(super) fn visible_to(&self, party: Party) -> bool {
        self.status != RequestStatus::AwaitingOtp || self.requester == party
    }
}

/// Everything one companion relationship knows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CompanionState {
    /// The SACO's id.
    pub saco_id: String,
    /// The customer's id.
    pub customer_id: String,
    /// The customer's account.
    pub account: String,
    /// The relationship.
    pub relationship: Relationship,
    /// The requests kept, oldest first; only the last can be open. Closed requests beyond
    /// `max_closed_requests` are forgotten oldest first (see [`CompanionConfig`]); ids are
    /// never reused, so the ids kept may have gaps.
    pub requests: Vec<Request>,
    /// [`CompanionConfig::max_closed_requests`], copied here when the relationship is
    /// created because the fold of events sees the state only. Absent from older
    /// snapshots: the default (20) applies, as it does to their configuration.
    #[serde(default = "default_max_closed_requests")]
    pub max_closed_requests: u32,
}

/// The data a relationship starts from.
///
/// ```
/// use quytrinh::workflows::companion::{CompanionInit, Relationship};
/// let init = CompanionInit::active("SACO-1", "KH-1", "0001234567");
/// assert_eq!(init.relationship, Relationship::Active);
/// assert_eq!(CompanionInit::unlinked("S", "K", "A").relationship, Relationship::None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CompanionInit {
    /// The SACO's id.
    pub saco_id: String,
    /// The customer's id.
    pub customer_id: String,
    /// The customer's account.
    pub account: String,
    /// `active` (default) for an existing relationship, `none` to start with a link request.
    #[serde(default = "active")]
    pub relationship: Relationship,
}

fn active() -> Relationship {
    Relationship::Active
}

impl CompanionInit {
    /// An existing, active relationship.
    pub fn active(saco_id: &str, customer_id: &str, account: &str) -> Self {
        Self {
            saco_id: saco_id.to_owned(),
            customer_id: customer_id.to_owned(),
            account: account.to_owned(),
            relationship: Relationship::Active,
        }
    }

    /// Two parties with no relationship yet.
    pub fn unlinked(saco_id: &str, customer_id: &str, account: &str) -> Self {
        Self {
            relationship: Relationship::None,
            ..Self::active(saco_id, customer_id, account)
        }
    }
}

/// The commands of `companion` (JSON `type` in snake_case).
///
/// ```
/// use quytrinh::workflows::companion::CompanionCommand;
/// let c: CompanionCommand = serde_json::from_str(r#"{"type":"withdraw","request_id":"R1"}"#).unwrap();
/// assert_eq!(c, CompanionCommand::Withdraw { request_id: "R1".into() });
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TaggedDeserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum CompanionCommand {
    /// Either party asks to end the relationship (OTP follows).
    RequestUnlink {},
    /// Either party asks to start a relationship (OTP follows).
    RequestLink {},
    /// The requester sends a withdrawn, rejected or expired request again (OTP follows).
    Resend {
        /// The request to resend.
        request_id: String,
    },
    /// The host's OTP service reports that the challenge's code was right.
    OtpVerified {
        /// The challenge.
        challenge_id: String,
    },
    /// The host's OTP service reports a wrong code.
    OtpFailed {
        /// The challenge.
        challenge_id: String,
    },
    /// The counterparty confirms an unlink request (OTP follows).
    Confirm {
        /// The request.
        request_id: String,
    },
    /// The counterparty accepts a link request (OTP follows).
    Accept {
        /// The request.
        request_id: String,
    },
    /// The counterparty rejects a pending request.
    Reject {
        /// The request.
        request_id: String,
    },
    /// The requester withdraws a pending request.
    Withdraw {
        /// The request.
        request_id: String,
    },
}

/// Why a challenge was abandoned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum AbandonReason {
    /// Its lifetime ran out.
    OtpExpired,
    /// Too many wrong codes.
    TooManyFailures,
}

/// The events of `companion` (JSON `type` in snake_case).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TaggedDeserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum CompanionEvent {
    /// A request was staged, waiting for the requester's OTP.
    RequestStaged {
        /// The new request.
        request_id: String,
        /// Unlink or link.
        kind: RequestKind,
        /// Who asked.
        requester: Party,
        /// The request it resends, if any.
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        resent_from: Option<String>,
        /// The OTP challenge.
        challenge_id: String,
        /// When the challenge expires.
        #[serde(with = "crate::kernel::Rfc3339")]
        expires_at: DateTime<Utc>,
    },
    /// A wrong OTP was reported.
    OtpFailed {
        /// The challenge.
        challenge_id: String,
        /// Failures so far.
        failures: u8,
    },
    /// The requester's OTP passed: the request is pending.
    RequestSubmitted {
        /// The request.
        request_id: String,
        /// When it auto-confirms (unlink) or expires (link).
        #[serde(with = "crate::kernel::Rfc3339")]
        due: DateTime<Utc>,
    },
    /// The requester's OTP was never completed.
    RequestAbandoned {
        /// The request.
        request_id: String,
        /// Why.
        reason: AbandonReason,
    },
    /// The counterparty pressed confirm or accept; its OTP follows.
    ConfirmationStaged {
        /// The request.
        request_id: String,
        /// The OTP challenge.
        challenge_id: String,
        /// When the challenge expires.
        #[serde(with = "crate::kernel::Rfc3339")]
        expires_at: DateTime<Utc>,
    },
    /// The counterparty's OTP was never completed; the request stays pending.
    ConfirmationAbandoned {
        /// The request.
        request_id: String,
        /// Why.
        reason: AbandonReason,
    },
    /// The counterparty confirmed (unlink) or accepted (link).
    RequestConfirmed {
        /// The request.
        request_id: String,
    },
    /// 24 h passed without an answer: the unlink is confirmed automatically.
    RequestAutoConfirmed {
        /// The request.
        request_id: String,
    },
    /// The counterparty rejected the request.
    RequestRejected {
        /// The request.
        request_id: String,
    },
    /// The requester withdrew the request.
    RequestWithdrawn {
        /// The request.
        request_id: String,
    },
    /// A link request expired unanswered.
    RequestExpired {
        /// The request.
        request_id: String,
    },
}

/// Who the trading-rights and access effects are about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Parties {
    /// The SACO.
    pub saco_id: String,
    /// The customer.
    pub customer_id: String,
    /// The customer's account.
    pub account: String,
}

/// The effects of `companion` for the host (JSON `kind` in snake_case).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TaggedDeserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum CompanionEffect {
    /// Ask the host's OTP service to send a code for this challenge.
    SendOtp {
        /// The challenge id the host reports back with.
        challenge_id: String,
        /// Who receives the code.
        to: Recipient,
        /// What it completes.
        purpose: ChallengePurpose,
        /// When it expires.
        #[serde(with = "crate::kernel::Rfc3339")]
        expires_at: DateTime<Utc>,
    },
    /// Send a notification.
    Notify(#[cfg_attr(feature = "uniffi", uniffi(name = "notification"))] Notification),
    /// Suspend the SACO's trading rights on the account: view only.
    SuspendTradingRights(#[cfg_attr(feature = "uniffi", uniffi(name = "parties"))] Parties),
    /// Restore the SACO's trading rights on the account.
    RestoreTradingRights(#[cfg_attr(feature = "uniffi", uniffi(name = "parties"))] Parties),
    /// Remove the customer from the SACO's customer list.
    RemoveFromSacoList(#[cfg_attr(feature = "uniffi", uniffi(name = "parties"))] Parties),
    /// Revoke the SACO's companion access to the account.
    RevokeCompanionAccess(#[cfg_attr(feature = "uniffi", uniffi(name = "parties"))] Parties),
    /// Add the customer to the SACO's customer list.
    AddToSacoList(#[cfg_attr(feature = "uniffi", uniffi(name = "parties"))] Parties),
    /// Grant the SACO companion access (view and trade) to the account.
    GrantCompanionAccess(#[cfg_attr(feature = "uniffi", uniffi(name = "parties"))] Parties),
}

impl EffectName for CompanionEffect {
    fn notification(&self) -> Option<&Notification> {
        match self {
            Self::Notify(n) => Some(n),
            _ => None,
        }
    }
}

//! The configuration of `complaint`, with the defaults of SPEC §6 and the seed.

use crate::calendar::{BusinessCalendar, ClockTime};
use chrono::Weekday;
use serde::{Deserialize, Serialize};

/// Tunable values of `complaint`, with the defaults of SPEC §6 (the seed's 48 h, 72 h,
/// 2 × damages and 72 working hours; **\[decision\]** values marked). Integers only.
///
/// JSON, every field optional, unknown fields refused; `calendar` is a
/// [`CalendarConfig`](crate::calendar::CalendarConfig), so hosts add the government's
/// bridge days and swapped Saturdays there.
///
/// ```
/// use quytrinh::workflows::complaint::ComplaintConfig;
/// let c = ComplaintConfig::default();
/// assert_eq!((c.sla_working_hours, c.sla_warning_percent), (72, 75));
/// assert_eq!((c.agent_action_hours, c.deposit_hours, c.deposit_multiplier), (48, 72, 2));
/// let custom: ComplaintConfig = serde_json::from_str(
///     r#"{"calendar": {"extra_days_off": ["2026-02-13"]}, "sla_warning_percent": 80}"#).unwrap();
/// assert_eq!(custom.sla_warning_percent, 80);
/// assert!(serde_json::from_str::<ComplaintConfig>(r#"{"sla_hours": 1}"#).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ComplaintConfig {
    /// The resolution SLA in working hours from receipt, on `calendar` (default 72: "72h làm
    /// việc, trừ ngày nghỉ, nghỉ lễ").
    pub sla_working_hours: u32,
    /// The SLA warning, as a percentage of the SLA (default 75 **\[decision\]**), 1–99.
    pub sla_warning_percent: u8,
    /// Clock hours the agent has to act on the response before follow-up (default 48).
    pub agent_action_hours: u32,
    /// Clock hours the agent has to pay the deposit before its tokens are locked (default 72).
    pub deposit_hours: u32,
    /// The deposit as a multiple of the damages (default 2: "02 lần giá trị thiệt hại").
    pub deposit_multiplier: u32,
    /// The business calendar the SLA is counted on (default: Vietnam's, whole working days).
    /// Left out of JSON while it is the default, so snapshots do not carry a copy of it.
    #[serde(skip_serializing_if = "BusinessCalendar::is_default")]
    pub calendar: BusinessCalendar,
    /// Phòng Nghiệp vụ's mailbox: receipts are forwarded there and customers send their
    /// documents there (default `nghiepvu@fastca.vn`, from the seed).
    pub ops_mailbox: String,
    /// The supplier's info mailbox, in cc of three-party e-mails (default `info@fastca.vn`).
    pub supplier_mailbox: String,
    /// The weekday of the weekly report to the head of operations (default Thursday).
    pub report_weekday: Weekday,
    /// The local time (UTC+07:00) the weekly report's period ends (default 09:00
    /// **\[decision\]**).
    pub report_time: ClockTime,
}

/// The longest free text accepted (descriptions, answers, notes), in characters
/// **\[decision\]**.
///
/// ```
/// assert_eq!(quytrinh::workflows::complaint::MAX_TEXT_CHARS, 4000);
/// ```
pub const MAX_TEXT_CHARS: usize = 4000;

/// The longest duration accepted in configuration, in hours (a year).
const MAX_HOURS: u32 = 366 * 24;

impl Default for ComplaintConfig {
    fn default() -> Self {
        Self {
            sla_working_hours: 72,
            sla_warning_percent: 75,
            agent_action_hours: 48,
            deposit_hours: 72,
            deposit_multiplier: 2,
            calendar: BusinessCalendar::default(),
            ops_mailbox: "nghiepvu@fastca.vn".to_owned(),
            supplier_mailbox: "info@fastca.vn".to_owned(),
            report_weekday: Weekday::Thu,
            report_time: ClockTime::from_hm(9, 0).expect("09:00 is a time of day"),
        }
    }
}

impl ComplaintConfig {
    /// Checks the values; the message names the field at fault.
    ///
    /// ```
    /// use quytrinh::workflows::complaint::ComplaintConfig;
    /// assert!(ComplaintConfig::default().validate().is_ok());
    /// let bad = ComplaintConfig { sla_warning_percent: 100, ..Default::default() };
    /// assert!(bad.validate().unwrap_err().contains("sla_warning_percent"));
    /// ```
    pub fn validate(&self) -> Result<(), String> {
        for (name, hours) in [
            ("sla_working_hours", self.sla_working_hours),
            ("agent_action_hours", self.agent_action_hours),
            ("deposit_hours", self.deposit_hours),
        ] {
            if hours == 0 || hours > MAX_HOURS {
                return Err(format!("{name} must be 1 to {MAX_HOURS}"));
            }
        }
        if !(1..=99).contains(&self.sla_warning_percent) {
            return Err("sla_warning_percent must be 1 to 99".to_owned());
        }
        if !(1..=100).contains(&self.deposit_multiplier) {
            return Err("deposit_multiplier must be 1 to 100".to_owned());
        }
        for (name, value) in [
            ("ops_mailbox", &self.ops_mailbox),
            ("supplier_mailbox", &self.supplier_mailbox),
        ] {
            if value.trim().is_empty() {
                return Err(format!("{name} must not be empty"));
            }
        }
        if self.report_time.seconds() >= 86_400 {
            return Err("report_time must be before 24:00".to_owned());
        }
        Ok(())
    }

    /// The SLA in seconds of business time.
    pub(super) fn sla_seconds(&self) -> i64 {
        i64::from(self.sla_working_hours) * 3600
    }

    /// The SLA warning in seconds of business time (integer percentage, rounded down).
    pub(super) fn sla_warning_seconds(&self) -> i64 {
        self.sla_seconds() * i64::from(self.sla_warning_percent) / 100
    }
}

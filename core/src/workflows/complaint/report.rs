//! The weekly report to the head of operations ("báo cáo định kỳ thứ 5 hàng tuần cho
//! TP.NV"): a pure function over many complaint snapshots.

use super::model::{AtFault, CaseStatus, ComplaintChannel, ComplaintState};
use super::{Complaint, ComplaintConfig, table};
use crate::calendar::vietnam;
use crate::kernel::TaggedDeserialize;
use crate::kernel::{Instance, Lang, Rejection, Snapshot};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Utc, Weekday};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Complaints received in the period, by channel.
///
/// ```
/// assert_eq!(quytrinh::workflows::complaint::ByChannel::default().walk_in, 0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ByChannel {
    /// Qua điện thoại.
    pub phone: u32,
    /// Qua email.
    pub email: u32,
    /// Trực tiếp.
    pub walk_in: u32,
}

/// Findings recorded in the period, by party at fault.
///
/// ```
/// assert_eq!(quytrinh::workflows::complaint::ByParty::default().agent, 0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ByParty {
    /// Khách hàng.
    pub customer: u32,
    /// Nhà cung cấp.
    pub supplier: u32,
    /// Đại lý.
    pub agent: u32,
    /// No party.
    pub none: u32,
}

/// An agent whose token admin accounts are locked at the end of the period.
///
/// ```
/// use quytrinh::workflows::complaint::LockedAgent;
/// let a = LockedAgent { agent_id: "DL-2".into(), complaint_ids: vec!["KN-3".into()] };
/// assert_eq!(serde_json::to_value(&a).unwrap()["agent_id"], "DL-2");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LockedAgent {
    /// The agent.
    pub agent_id: String,
    /// The complaints holding the lock, sorted.
    pub complaint_ids: Vec<String>,
}

/// An unresolved case to propose to management ("Đề xuất cán bộ quản lý phương án chưa
/// được giải quyết"): open at the end of the period, and past its SLA, holding a lock on
/// its agent's tokens, or escalated by its officer because agent and customer did not agree
/// and no deposit applies (status `escalated`). See `weekly_report`'s tests in `core/tests/complaint_report.rs`.
///
/// ```
/// use quytrinh::workflows::complaint::EscalationLine;
/// fn overdue(line: &EscalationLine) -> bool { line.sla_breached }
/// # let _ = overdue;
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct EscalationLine {
    /// The complaint.
    pub complaint_id: String,
    /// Its status at the end of the period.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub status: Option<CaseStatus>,
    /// How it came in.
    pub channel: ComplaintChannel,
    /// When it was received.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub received_at: DateTime<Utc>,
    /// The agent, if named.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub agent_id: Option<String>,
    /// The officer in charge, if any.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub officer_id: Option<String>,
    /// Working hours from receipt to the end of the period, on the calendar (whole hours).
    pub working_hours_elapsed: i64,
    /// Whether its SLA was breached by the end of the period.
    pub sla_breached: bool,
    /// Whether its agent's tokens were locked at the end of the period.
    pub agent_locked: bool,
    /// Whether it awaits management's decision at the end of the period (no agreement, no
    /// damages: status `escalated`).
    pub unresolved: bool,
}

/// Why the report's Thursday is not a working day.
///
/// ```
/// use chrono::NaiveDate;
/// use quytrinh::workflows::complaint::weekly_report;
/// let tet = NaiveDate::from_ymd_opt(2026, 2, 19).unwrap();
/// let h = weekly_report(&[], tet, &Default::default()).unwrap().holiday.unwrap();
/// assert_eq!(h.date, tet);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReportHoliday {
    /// The report's day.
    pub date: NaiveDate,
    /// Its name in Vietnamese.
    pub name_vi: String,
    /// Its name in English.
    pub name_en: String,
}

/// The weekly report for the period `[period_start, period_end)`, seven days ending on the
/// report's weekday at the report's time (Thursday 09:00, UTC+07:00, by default). Made by
/// [`weekly_report`]; serializes as JSON for hosts, renders as text with
/// [`render`](Self::render).
///
/// ```
/// use chrono::NaiveDate;
/// use quytrinh::workflows::complaint::weekly_report;
/// let r = weekly_report(&[], NaiveDate::from_ymd_opt(2026, 3, 12).unwrap(), &Default::default()).unwrap();
/// assert_eq!(serde_json::to_value(&r).unwrap()["received"], 0);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WeeklyReport {
    /// The report's day (a Thursday by default).
    pub week_ending: NaiveDate,
    /// The start of the period (included).
    #[serde(with = "crate::kernel::Rfc3339")]
    pub period_start: DateTime<Utc>,
    /// The end of the period (excluded).
    #[serde(with = "crate::kernel::Rfc3339")]
    pub period_end: DateTime<Utc>,
    /// When the report is presented: the end of the period, or, when that day is a day off,
    /// the same time on the next working day **\[decision\]**.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub due_at: DateTime<Utc>,
    /// Set when the report's day is a day off.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub holiday: Option<ReportHoliday>,
    /// Complaints received in the period.
    pub received: u32,
    /// Complaints resolved in the period.
    pub resolved: u32,
    /// Complaints received before the end and not resolved by it.
    pub open: u32,
    /// Complaints whose SLA was breached in the period.
    pub sla_breached: u32,
    /// Received in the period, by channel.
    pub by_channel: ByChannel,
    /// Findings recorded in the period, by party at fault.
    pub by_party_at_fault: ByParty,
    /// Agents whose token admin accounts are locked at the end of the period.
    pub agents_locked: Vec<LockedAgent>,
    /// Unresolved cases to propose to management, oldest first.
    pub escalations: Vec<EscalationLine>,
}

/// The reports over many complaints (JSON tagged by `type`).
///
/// ```
/// use quytrinh::workflows::complaint::ComplaintReport;
/// let r: ComplaintReport = serde_json::from_str(r#"{"type":"weekly_report","week_ending":"2026-03-12"}"#).unwrap();
/// assert!(matches!(r, ComplaintReport::WeeklyReport { .. }));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TaggedDeserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ComplaintReport {
    /// The weekly report to the head of operations, for the period ending on `week_ending`
    /// (see [`weekly_report`]).
    WeeklyReport {
        /// The report's day (the configuration's report weekday, Thursday by default).
        week_ending: NaiveDate,
    },
}

/// What a [`ComplaintReport`] gives (JSON tagged by `type`, beside the report's fields).
///
/// ```
/// use chrono::NaiveDate;
/// use quytrinh::workflows::complaint::{ComplaintReportAnswer, weekly_report};
/// let r = weekly_report(&[], NaiveDate::from_ymd_opt(2026, 3, 12).unwrap(), &Default::default()).unwrap();
/// let json = serde_json::to_value(ComplaintReportAnswer::WeeklyReport(r)).unwrap();
/// assert_eq!((json["type"].as_str(), json["received"].as_u64()), (Some("weekly_report"), Some(0)));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ComplaintReportAnswer {
    /// The weekly report.
    WeeklyReport(#[cfg_attr(feature = "uniffi", uniffi(name = "weekly_report"))] WeeklyReport),
}

/// Runs a [`ComplaintReport`] over complaint snapshots.
pub(super) fn run(
    snapshots: &[Snapshot<Complaint>],
    report: &ComplaintReport,
    config: &ComplaintConfig,
) -> Result<ComplaintReportAnswer, Rejection> {
    match report {
        ComplaintReport::WeeklyReport { week_ending } => Ok(ComplaintReportAnswer::WeeklyReport(
            weekly_report(snapshots, *week_ending, config)?,
        )),
    }
}

fn local_instant(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    date.and_time(time)
        .and_local_timezone(vietnam())
        .single()
        .map_or_else(|| date.and_time(time).and_utc(), |t| t.with_timezone(&Utc))
}

/// The weekly report for the period ending on `week_ending` (which must fall on
/// `config.report_weekday`) at `config.report_time`, over complaint snapshots.
///
/// Everything is computed *as of the end of the period*, whatever the snapshots' age: events
/// after it are left out by their instants, and deadlines due before it that a snapshot has
/// not fired yet are fired (on a copy) first. The same complaint given twice counts once, from
/// its snapshot with the highest version.
///
/// **When the report's day is a day off \[decision\]**: the period still ends on that day at
/// the report's time, so consecutive reports cover every instant exactly once; the report is
/// presented at the same time on the next working day (`due_at`), and says why (`holiday`).
/// Counts in it never depend on when it is presented.
///
/// ```
/// use chrono::NaiveDate;
/// use quytrinh::kernel::{Actor, Command, Instance, Settings};
/// use quytrinh::workflows::complaint::{Complaint, ComplaintCommand, ComplaintInit, weekly_report};
///
/// let mut c = Instance::<Complaint>::create("KN-1", Default::default(), Settings::default(),
///     ComplaintInit::new("KN-1")).unwrap();
/// let at = "2026-04-27T10:00:00+07:00".parse().unwrap();
/// c.handle(&Command::new("c1", Actor::new("intake", "hotline"), at,
///     ComplaintCommand::receive_phone("KH-1", "0901234567", "Token lỗi"))).unwrap();
/// // Thursday 30 April 2026 is Ngày Giải phóng miền Nam and Friday 1 May is Quốc tế Lao động.
/// let thursday = NaiveDate::from_ymd_opt(2026, 4, 30).unwrap();
/// let report = weekly_report(&[c.snapshot().clone()], thursday, &Default::default()).unwrap();
/// assert_eq!((report.received, report.open), (1, 1));
/// assert_eq!(report.due_at, "2026-05-04T09:00:00+07:00".parse::<chrono::DateTime<chrono::Utc>>().unwrap());
/// assert!(report.holiday.is_some());
/// assert!(weekly_report(&[], NaiveDate::from_ymd_opt(2026, 4, 29).unwrap(), &Default::default()).is_err());
/// ```
pub fn weekly_report(
    snapshots: &[Snapshot<Complaint>],
    week_ending: NaiveDate,
    config: &ComplaintConfig,
) -> Result<WeeklyReport, Rejection> {
    if week_ending.weekday() != config.report_weekday {
        return Err(Rejection::invalid_field(
            "week_ending",
            format!(
                "Ngày báo cáo {week_ending} không phải {}.",
                weekday_vi(config.report_weekday)
            ),
            format!(
                "The report day {week_ending} is not a {}.",
                weekday_en(config.report_weekday)
            ),
        ));
    }
    let time = NaiveTime::from_num_seconds_from_midnight_opt(config.report_time.seconds(), 0)
        .unwrap_or_default();
    let period_end = local_instant(week_ending, time);
    let period_start = period_end - TimeDelta::days(7);
    let calendar = &config.calendar;
    let (holiday, due_at) = if calendar.is_day_off(week_ending) {
        let next = week_ending
            .iter_days()
            .skip(1)
            .take(366)
            .find(|d| !calendar.is_day_off(*d))
            .unwrap_or(week_ending);
        (
            Some(holiday_of(config, week_ending)),
            local_instant(next, time),
        )
    } else {
        (None, period_end)
    };
    let mut report = WeeklyReport {
        week_ending,
        period_start,
        period_end,
        due_at,
        holiday,
        received: 0,
        resolved: 0,
        open: 0,
        sla_breached: 0,
        by_channel: ByChannel::default(),
        by_party_at_fault: ByParty::default(),
        agents_locked: Vec::new(),
        escalations: Vec::new(),
    };
    let mut locked: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for state in latest(snapshots).into_iter().map(|s| as_of(s, period_end)) {
        report.count(&state, config, &mut locked);
    }
    report.agents_locked = locked
        .into_iter()
        .map(|(agent_id, mut complaint_ids)| {
            complaint_ids.sort();
            LockedAgent {
                agent_id,
                complaint_ids,
            }
        })
        .collect();
    report
        .escalations
        .sort_by(|a, b| (a.received_at, &a.complaint_id).cmp(&(b.received_at, &b.complaint_id)));
    Ok(report)
}

impl WeeklyReport {
    /// Counts one complaint, as of the end of the period.
    fn count(
        &mut self,
        state: &ComplaintState,
        config: &ComplaintConfig,
        locked: &mut BTreeMap<String, Vec<String>>,
    ) {
        let (start, end) = (self.period_start, self.period_end);
        let in_period = |t: DateTime<Utc>| start <= t && t < end;
        let Some(intake) = state.intake.as_ref().filter(|i| i.received_at < end) else {
            return;
        };
        if in_period(intake.received_at) {
            self.received += 1;
            match intake.channel {
                ComplaintChannel::Phone => self.by_channel.phone += 1,
                ComplaintChannel::Email => self.by_channel.email += 1,
                ComplaintChannel::WalkIn => self.by_channel.walk_in += 1,
            }
        }
        if state.resolved_at.is_some_and(in_period) {
            self.resolved += 1;
        }
        if let Some(finding) = state.finding.as_ref().filter(|f| in_period(f.recorded_at)) {
            let by = &mut self.by_party_at_fault;
            match finding.at_fault {
                AtFault::Customer => by.customer += 1,
                AtFault::Supplier => by.supplier += 1,
                AtFault::Agent => by.agent += 1,
                AtFault::None => by.none += 1,
            }
        }
        let sla_due = state.sla.as_ref().map(|s| s.due);
        let breached = state.sla_breached && sla_due.is_some_and(|d| d < end);
        if state.sla_breached && sla_due.is_some_and(in_period) {
            self.sla_breached += 1;
        }
        let agent_locked = state
            .token_lock
            .as_ref()
            .is_some_and(|l| l.locked_at < end && l.unlocked_at.is_none_or(|u| u >= end));
        if agent_locked {
            locked
                .entry(state.agent_id.clone().unwrap_or_default())
                .or_default()
                .push(state.complaint_id.clone());
        }
        if state.resolved_at.is_some_and(|r| r < end) {
            return;
        }
        self.open += 1;
        let status = state.status_at(end);
        let unresolved = status == Some(CaseStatus::Escalated);
        if breached || agent_locked || unresolved {
            self.escalations.push(EscalationLine {
                complaint_id: state.complaint_id.clone(),
                status,
                channel: intake.channel,
                received_at: intake.received_at,
                agent_id: state.agent_id.clone(),
                officer_id: state.officer_id.clone(),
                working_hours_elapsed: config.calendar.between(intake.received_at, end).num_hours(),
                sla_breached: breached,
                agent_locked,
                unresolved,
            });
        }
    }
}

/// One snapshot per complaint: the one with the highest version.
fn latest(snapshots: &[Snapshot<Complaint>]) -> Vec<&Snapshot<Complaint>> {
    let mut by_id: BTreeMap<&str, &Snapshot<Complaint>> = BTreeMap::new();
    for s in snapshots {
        let entry = by_id.entry(s.state.complaint_id.as_str()).or_insert(s);
        if s.version > entry.version {
            *entry = s;
        }
    }
    by_id.into_values().collect()
}

/// The state with every deadline due before `end` fired, as a host ticking on time would
/// have it (on a copy; the snapshot is not changed).
fn as_of(snapshot: &Snapshot<Complaint>, end: DateTime<Utc>) -> ComplaintState {
    let just_before = end - TimeDelta::nanoseconds(1);
    if snapshot.last_at.is_some_and(|last| last > just_before) {
        return snapshot.state.clone();
    }
    Instance::<Complaint>::restore(snapshot.clone())
        .and_then(|mut i| {
            i.tick(just_before)?;
            Ok(i.state().clone())
        })
        .unwrap_or_else(|_| snapshot.state.clone())
}

fn holiday_of(config: &ComplaintConfig, date: NaiveDate) -> ReportHoliday {
    let named = config
        .calendar
        .holidays(date.year())
        .ok()
        .and_then(|days| days.into_iter().find(|h| h.date == date));
    let (name_vi, name_en) = named.map_or_else(
        || {
            (
                "Ngày nghỉ hằng tuần".to_owned(),
                "Weekly day off".to_owned(),
            )
        },
        |h| (h.name_vi, h.name_en),
    );
    ReportHoliday {
        date,
        name_vi,
        name_en,
    }
}

const fn weekday_vi(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
        Weekday::Sun => "Chủ Nhật",
    }
}

const fn weekday_en(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

impl WeeklyReport {
    /// The report as text for the head of operations, in Vietnamese or English (times in
    /// UTC+07:00).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use quytrinh::kernel::Lang;
    /// use quytrinh::workflows::complaint::weekly_report;
    /// let thursday = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
    /// let report = weekly_report(&[], thursday, &Default::default()).unwrap();
    /// assert!(report.render(Lang::Vi).contains("Tiếp nhận: 0"));
    /// assert!(report.render(Lang::En).contains("Received: 0"));
    /// ```
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        self.render_header(&mut out, lang);
        self.render_counts(&mut out, lang);
        self.render_lists(&mut out, lang);
        out
    }

    fn render_header(&self, out: &mut String, lang: Lang) {
        let t = |v: &'static str, e: &'static str| if lang == Lang::Vi { v } else { e };
        let _ = writeln!(
            out,
            "{}",
            t(
                "BÁO CÁO KHIẾU NẠI HẰNG TUẦN — gửi TP.NV",
                "WEEKLY COMPLAINT REPORT — for the head of operations",
            )
        );
        let _ = writeln!(
            out,
            "{}: {} → {} (UTC+07:00)",
            t("Kỳ báo cáo", "Period"),
            when(self.period_start, lang),
            when(self.period_end, lang)
        );
        let Some(h) = &self.holiday else {
            return;
        };
        let date = h.date.format("%d/%m/%Y");
        let due = when(self.due_at, lang);
        let _ = match lang {
            Lang::Vi => writeln!(
                out,
                "{date} là ngày nghỉ ({}): báo cáo được nộp vào {due}, ngày làm việc kế tiếp; kỳ báo cáo không đổi.",
                h.name_vi
            ),
            Lang::En => writeln!(
                out,
                "{date} is a day off ({}): the report is presented at {due}, the next working day; the period is unchanged.",
                h.name_en
            ),
        };
    }

    fn render_counts(&self, out: &mut String, lang: Lang) {
        let t = |v: &'static str, e: &'static str| if lang == Lang::Vi { v } else { e };
        let _ = writeln!(
            out,
            "{} {}   {} {}   {} {}   {} {}",
            t("Tiếp nhận:", "Received:"),
            self.received,
            t("Đã giải quyết:", "Resolved:"),
            self.resolved,
            t("Đang mở:", "Open:"),
            self.open,
            t("Quá hạn 72h làm việc:", "SLA breached:"),
            self.sla_breached
        );
        let channels = ComplaintChannel::ALL
            .iter()
            .zip([
                self.by_channel.phone,
                self.by_channel.email,
                self.by_channel.walk_in,
            ])
            .map(|(c, n)| format!("{} {n}", c.label().get(lang)))
            .collect::<Vec<_>>()
            .join(" · ");
        let _ = writeln!(
            out,
            "{}: {channels}",
            t("Theo hình thức tiếp nhận", "By channel")
        );
        let by = &self.by_party_at_fault;
        let parties = AtFault::ALL
            .iter()
            .zip([by.customer, by.supplier, by.agent, by.none])
            .map(|(p, n)| format!("{} {n}", p.label().get(lang)))
            .collect::<Vec<_>>()
            .join(" · ");
        let _ = writeln!(
            out,
            "{}: {parties}",
            t(
                "Theo bên có lỗi (kết luận trong kỳ)",
                "By party at fault (findings in the period)"
            )
        );
    }

    fn render_lists(&self, out: &mut String, lang: Lang) {
        let t = |v: &'static str, e: &'static str| if lang == Lang::Vi { v } else { e };
        let _ = write!(
            out,
            "{}:",
            t(
                "Đại lý bị tạm khóa Token Admin",
                "Agents with locked token admin accounts"
            )
        );
        if self.agents_locked.is_empty() {
            let _ = writeln!(out, " {}", t("không có", "none"));
        } else {
            let _ = writeln!(out);
            for a in &self.agents_locked {
                let _ = writeln!(out, "  {} ({})", a.agent_id, a.complaint_ids.join(", "));
            }
        }
        let _ = write!(
            out,
            "{}:",
            t(
                "Vụ việc chưa giải quyết cần đề xuất cán bộ quản lý",
                "Unresolved cases to escalate to management",
            )
        );
        if self.escalations.is_empty() {
            let _ = writeln!(out, " {}", t("không có", "none"));
            return;
        }
        let _ = writeln!(out);
        for e in &self.escalations {
            let status = e.status.map_or("", |s| state_label(s, lang));
            let mut flags = Vec::new();
            if e.sla_breached {
                flags.push(t("quá hạn", "SLA breached"));
            }
            if e.agent_locked {
                flags.push(t("đã khóa token Đại lý", "agent locked"));
            }
            if e.unresolved {
                flags.push(t(
                    "không thống nhất, chờ cán bộ quản lý quyết định",
                    "no agreement, awaiting management's decision",
                ));
            }
            let _ = writeln!(
                out,
                "  {} — {status} — {} {} — {} {} — {} {} — {} {} — {}",
                e.complaint_id,
                t("tiếp nhận", "received"),
                when(e.received_at, lang),
                t("Đại lý", "agent"),
                e.agent_id.as_deref().unwrap_or("—"),
                t("chuyên viên", "officer"),
                e.officer_id.as_deref().unwrap_or("—"),
                e.working_hours_elapsed,
                t("giờ làm việc", "working hours"),
                flags.join(", ")
            );
        }
    }
}

/// An instant as `HH:MM Weekday DD/MM/YYYY` in UTC+07:00.
fn when(t: DateTime<Utc>, lang: Lang) -> String {
    let local = t.with_timezone(&vietnam());
    let day = match lang {
        Lang::Vi => weekday_vi(local.weekday()),
        Lang::En => weekday_en(local.weekday()),
    };
    format!(
        "{} {day} {}",
        local.format("%H:%M"),
        local.format("%d/%m/%Y")
    )
}

fn state_label(status: CaseStatus, lang: Lang) -> &'static str {
    table::REGIONS
        .iter()
        .flat_map(|r| r.states.iter())
        .find(|s| s.id == status.id())
        .map_or(status.id(), |s| s.label.get(lang))
}

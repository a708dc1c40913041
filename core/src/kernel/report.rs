//! Reports over many instances: each instance gives its *row* (what the workflow's reports
//! read of it: a compact summary a host can also keep in database columns, or the whole
//! snapshot where a report needs the history), and a report is a pure function of many rows,
//! asked by an actor at an instant, like a query of one instance.

use super::{Actor, Context, Error, Rejection, RejectionCode, TypeName, Workflow};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The reports of a workflow that has none: no value of this type exists, so every report
/// JSON is refused.
///
/// ```
/// use quytrinh::kernel::{NoReport, TypeName};
/// assert!(NoReport::NAMES.is_empty());
/// assert!(serde_json::from_str::<NoReport>(r#"{"type":"weekly_report"}"#).is_err());
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::VariantNames,
)]
pub enum NoReport {}

/// The items of [`Workflow`] for a workflow without reports over many instances, written
/// once: inside `impl Workflow for …`, `quytrinh::no_reports!();` declares no reports, an
/// empty row (`()`, `null` in JSON) and [`NoReport`].
///
/// ```
/// use quytrinh::kernel::{TypeName, Workflow};
/// use quytrinh::workflows::companion::Companion;
/// // companion's impl says `crate::no_reports!();`
/// assert!(<Companion as Workflow>::REPORTS.is_empty());
/// assert!(<<Companion as Workflow>::Report as TypeName>::NAMES.is_empty());
/// ```
#[macro_export]
macro_rules! no_reports {
    () => {
        const REPORTS: &'static [$crate::kernel::CommandSpec] = &[];
        type Row = ();
        type Report = $crate::kernel::NoReport;
        type ReportAnswer = $crate::kernel::NoReport;

        fn row(_: &$crate::kernel::Snapshot<Self>) {}

        fn report(
            _: &[()],
            report: &$crate::kernel::NoReport,
            _: &$crate::kernel::Context<'_, Self>,
        ) -> Result<$crate::kernel::NoReport, $crate::kernel::Rejection> {
            match *report {}
        }
    };
}

/// Runs report `report` of workflow `W` over `rows` for `actor` at `at`, under `config`:
/// the role must be one the report's definition ([`Workflow::REPORTS`]) allows and the
/// configuration valid. The context's `instance_id` is empty: a report concerns many.
///
/// ```
/// use chrono::NaiveDate;
/// use quytrinh::kernel::{Actor, Instance, Settings, report};
/// use quytrinh::workflows::complaint::{Complaint, ComplaintInit, ComplaintReport, ComplaintReportAnswer};
/// let case = Instance::<Complaint>::create("KN-1", Default::default(), Settings::default(),
///     ComplaintInit::new("KN-1")).unwrap();
/// let weekly = ComplaintReport::WeeklyReport { week_ending: NaiveDate::from_ymd_opt(2026, 3, 12).unwrap() };
/// let at = "2026-03-12T09:00:00+07:00".parse().unwrap();
/// let ComplaintReportAnswer::WeeklyReport(r) = report::<Complaint>(&Default::default(),
///     &Actor::new("head_of_ops", "TP-01"), at, &weekly, &[case.row()]).unwrap();
/// assert_eq!(r.received, 0);
/// let refused = report::<Complaint>(&Default::default(), &Actor::new("agent", "DL-1"), at, &weekly, &[]);
/// assert_eq!(refused.unwrap_err().code(), "not_permitted");
/// ```
pub fn report<W: Workflow>(
    config: &W::Config,
    actor: &Actor,
    at: DateTime<Utc>,
    report: &W::Report,
    rows: &[W::Row],
) -> Result<W::ReportAnswer, Error> {
    let name = report.name();
    let allowed = W::REPORTS
        .iter()
        .find(|r| r.name == name)
        .is_some_and(|r| r.roles.contains(&actor.role.as_str()));
    if !allowed || actor.is_system() {
        return Err(Rejection::new(
            RejectionCode::NotPermitted,
            "role",
            format!("Vai trò `{}` không được xem báo cáo `{name}`.", actor.role),
            format!("Role `{}` may not run the report `{name}`.", actor.role),
        )
        .into());
    }
    W::validate_config(config).map_err(Error::InvalidConfig)?;
    Ok(W::report(
        rows,
        report,
        &Context::new("", at, actor, config),
    )?)
}

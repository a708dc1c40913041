//! `complaint` (khiếu nại: receipt, analysis, response, follow-up, deposit, closing, on
//! the business calendar) for Kotlin and Swift.

use super::QuytrinhError;
use super::workflow::workflow_api;
use quytrinh::kernel::{Instance, Settings};
use quytrinh::workflows::complaint::{
    Complaint, ComplaintCommand, ComplaintConfig, ComplaintEffect, ComplaintEvent, ComplaintInit,
    ComplaintState,
};
use std::sync::Arc;

workflow_api! {
    workflow: Complaint,
    command: ComplaintCommand,
    event: ComplaintEvent,
    effect: ComplaintEffect,
    state: ComplaintState,
    query: quytrinh::workflows::complaint::ComplaintQuery,
    answer: quytrinh::workflows::complaint::ComplaintAnswer,
    instance: ComplaintInstance
        #[doc = "One customer complaint (khiếu nại), from receipt to closing, with its SLA counted on the business calendar."],
    outcome: ComplaintOutcome,
    record: ComplaintRecord,
    keyed: ComplaintKeyedEffect,
    available: ComplaintAvailable,
    input: ComplaintInput,
    from_json: complaint_command_from_json,
    to_json: complaint_command_to_json,
}

#[uniffi::export]
impl ComplaintInstance {
    /// A new complaint at version 0. `config_json` is the configuration's JSON (SLA hours,
    /// deposit rules, mailboxes, and the business calendar with its holiday rules and
    /// host days off, e.g. `{"calendar": {"extra_days_off": ["2026-03-06"]}}`); `null`
    /// for SPEC.md's defaults. `settings` default to 64 remembered command ids.
    #[uniffi::constructor(default(config_json = None, settings = None))]
    pub fn create(
        instance_id: String,
        init: ComplaintInit,
        config_json: Option<String>,
        settings: Option<Settings>,
    ) -> Result<Arc<Self>, QuytrinhError> {
        let config: ComplaintConfig = match config_json.as_deref() {
            None => ComplaintConfig::default(),
            Some(json) => serde_json::from_str(json)?,
        };
        Ok(Self::wrap(Instance::<Complaint>::create(
            instance_id,
            config,
            settings.unwrap_or_default(),
            init,
        )?))
    }

    /// The configuration as JSON.
    ///
    /// # Panics
    ///
    /// Never: a configuration always serializes.
    pub fn config_json(&self) -> String {
        self.read(|i| serde_json::to_string(i.config()).expect("a configuration serializes"))
    }
}

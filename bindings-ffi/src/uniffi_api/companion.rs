//! `companion` (đồng hành: linking and unlinking a SACO and a customer's account) for
//! Kotlin and Swift.

use super::QuytrinhError;
use super::workflow::workflow_api;
use quytrinh::kernel::{Instance, Settings};
use quytrinh::workflows::companion::{
    Companion, CompanionCommand, CompanionConfig, CompanionEffect, CompanionEvent, CompanionInit,
    CompanionState,
};
use std::sync::Arc;

workflow_api! {
    workflow: Companion,
    command: CompanionCommand,
    event: CompanionEvent,
    effect: CompanionEffect,
    state: CompanionState,
    query: quytrinh::workflows::companion::CompanionQuery,
    answer: quytrinh::workflows::companion::CompanionAnswer,
    instance: CompanionInstance
        #[doc = "One companion relationship (SACO, customer, account): link and unlink requests, OTP challenges, the 24 h auto-confirmation."],
    outcome: CompanionOutcome,
    record: CompanionRecord,
    keyed: CompanionKeyedEffect,
    available: CompanionAvailable,
    input: CompanionInput,
    from_json: companion_command_from_json,
    to_json: companion_command_to_json,
}

#[uniffi::export]
impl CompanionInstance {
    /// A new relationship at version 0. `config` and `settings` default to SPEC.md's values
    /// (OTP 5 minutes and 5 failures, 24 h auto-confirm and link expiry; 64 remembered
    /// command ids).
    #[uniffi::constructor(default(config = None, settings = None))]
    pub fn create(
        instance_id: String,
        init: CompanionInit,
        config: Option<CompanionConfig>,
        settings: Option<Settings>,
    ) -> Result<Arc<Self>, QuytrinhError> {
        Ok(Self::wrap(Instance::<Companion>::create(
            instance_id,
            config.unwrap_or_default(),
            settings.unwrap_or_default(),
            init,
        )?))
    }

    /// The configuration.
    pub fn config(&self) -> CompanionConfig {
        self.read(|i| i.config().clone())
    }
}

/// The default configuration of `companion` (SPEC.md), to change a field or two.
#[uniffi::export]
pub fn companion_default_config() -> CompanionConfig {
    CompanionConfig::default()
}

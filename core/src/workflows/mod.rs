//! The workflows, each a decider plugged into the kernel.
//!
//! | workflow | seed | what it is |
//! |---|---|---|
//! | [`companion`] | DNSE Entrade X | ending (and starting) an investment-companion relationship |
//! | [`lead_care`] | TheBank partner CRM | lead status updates, contact history, compensation ("bù") requests, batch review |
//! | [`store_subscription`] | KiotViet "Hồ sơ gian hàng" | subscription renewal, new purchase and upgrade, VietQR payment outcomes, expiry notice |
//! | [`renewal_billing`] | MISA Auto Billing | renewal payment requests (YCTT) managed by customer-success staff |
//! | [`complaint`] | FastCA | complaint handling with 48 h / 72 h deadlines and a 72 working-hour SLA |

pub mod companion;
pub mod complaint;
pub mod lead_care;
pub mod renewal_billing;
pub mod store_subscription;

//! The workflows, each a decider plugged into the kernel.
//!
//! | workflow | seed | what it is |
//! |---|---|---|
//! | [`companion`] | DNSE Entrade X | ending (and starting) an investment-companion relationship |

pub mod companion;

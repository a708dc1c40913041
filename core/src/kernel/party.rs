//! The ownership rule every workflow shares: an actor acts on what belongs to a party only as
//! that party (a relationship's SACO or customer, a case's officer, a package's consultant).

use super::{Actor, Rejection, RejectionCode};

/// `Ok` when `actor` is the party `owner_id`, else `not_permitted` with `rule` and the
/// messages `(vi, en)` made only then.
///
/// ```
/// use quytrinh::kernel::{Actor, RejectionCode, require_party};
/// let owner = Actor::new("consultant", "TV-01");
/// assert!(require_party(&owner, "TV-01", "owning_consultant", || ("".into(), "".into())).is_ok());
/// let other = Actor::new("consultant", "TV-99");
/// let err = require_party(&other, "TV-01", "owning_consultant",
///     || ("Gói của đối tác khác.".into(), "Another consultant's package.".into())).unwrap_err();
/// assert_eq!((err.code, err.rule.as_ref()), (RejectionCode::NotPermitted, "owning_consultant"));
/// ```
pub fn require_party(
    actor: &Actor,
    owner_id: &str,
    rule: &'static str,
    messages: impl FnOnce() -> (String, String),
) -> Result<(), Rejection> {
    if actor.id == owner_id {
        Ok(())
    } else {
        let (vi, en) = messages();
        Err(Rejection::new(RejectionCode::NotPermitted, rule, vi, en))
    }
}

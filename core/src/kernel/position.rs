//! Where an instance stands: the state of each region, of the instance as a whole and of
//! each entity it holds.

use serde::Serialize;
use serde_json::Value;

/// The state of one region, of the instance as a whole (`entity` is `None`) or of one of
/// its entities (a lead, a batch, an order).
///
/// ```
/// use quytrinh::kernel::Position;
/// let p = Position { region: "lead", entity: Some("L7".into()), state: "contacted" };
/// assert_eq!(p.key(), "lead:L7");
/// assert_eq!(Position { region: "batch", entity: None, state: "idle" }.key(), "batch");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Position {
    /// The region's id.
    pub region: &'static str,
    /// The entity, for a region that is per entity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// The state's id in that region.
    pub state: &'static str,
}

impl Position {
    /// `region`, or `region:entity`: the key of this position in JSON objects.
    ///
    /// ```
    /// # use quytrinh::kernel::Position;
    /// assert_eq!(Position { region: "request", entity: None, state: "pending" }.key(), "request");
    /// ```
    pub fn key(&self) -> String {
        match &self.entity {
            Some(entity) => format!("{}:{entity}", self.region),
            None => self.region.to_owned(),
        }
    }
}

/// Positions as one JSON object, `{"region": state, "region:entity": state}`: the form of
/// `position` in the conformance vectors and in every binding.
///
/// ```
/// use quytrinh::kernel::{Position, positions_json};
/// let p = [Position { region: "lead", entity: Some("L1".into()), state: "new" }];
/// assert_eq!(positions_json(&p), serde_json::json!({"lead:L1": "new"}));
/// ```
///
/// # Panics
///
/// Never: region keys and state ids are strings.
pub fn positions_json(positions: &[Position]) -> Value {
    serde_json::to_value(PositionsObject(positions)).expect("positions always serialize")
}

/// Positions written as one JSON object (see [`positions_json`]), straight to any
/// serializer: what an outcome's `position` is.
pub(crate) struct PositionsObject<'a>(pub(crate) &'a [Position]);

impl Serialize for PositionsObject<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|p| (p.key(), p.state)))
    }
}

/// The `(region, state)` pairs of some positions, once each: what a diagram highlights.
///
/// ```
/// use quytrinh::kernel::{Position, highlights};
/// let p = |e: &str, s| Position { region: "lead", entity: Some(e.into()), state: s };
/// assert_eq!(highlights(&[p("L1", "new"), p("L2", "new"), p("L3", "contacted")]), [("lead", "new"), ("lead", "contacted")]);
/// ```
pub fn highlights(positions: &[Position]) -> Vec<(&'static str, &'static str)> {
    let mut pairs: Vec<(&'static str, &'static str)> = Vec::new();
    for p in positions {
        if !pairs.contains(&(p.region, p.state)) {
            pairs.push((p.region, p.state));
        }
    }
    pairs
}

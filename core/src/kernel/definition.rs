//! A workflow's definition as data — states, commands, transitions, deadlines, templates —
//! and the Mermaid and Graphviz diagrams rendered from it (SPEC §1.10).

use super::{Basis, Channel, Label, Lang, Workflow};
use serde::Serialize;
use std::fmt::Write as _;

/// The pseudo-state a transition starts from when it creates the region's first state.
pub const INITIAL: &str = "[*]";

/// A role that may issue commands.
///
/// ```
/// use quytrinh::kernel::RoleSpec;
/// const OPS: RoleSpec = RoleSpec::new("ops", "Phòng Nghiệp vụ", "Operations");
/// assert_eq!(OPS.label.en, "Operations");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RoleSpec {
    /// The role's snake_case id, as in [`Actor::role`](super::Actor::role).
    pub id: &'static str,
    /// Its label.
    pub label: Label,
}

impl RoleSpec {
    /// A role from its id and labels.
    ///
    /// ```
    /// use quytrinh::kernel::RoleSpec;
    /// assert_eq!(RoleSpec::new("ops", "Phòng Nghiệp vụ", "Operations").id, "ops");
    /// ```
    pub const fn new(id: &'static str, vi: &'static str, en: &'static str) -> Self {
        Self {
            id,
            label: Label::new(vi, en),
        }
    }
}

/// One state of a region.
///
/// ```
/// use quytrinh::kernel::StateSpec;
/// const PENDING: StateSpec = StateSpec::inner("pending", "Đang xác nhận", "Awaiting confirmation");
/// assert!(!PENDING.initial && !PENDING.terminal);
/// assert!(StateSpec::terminal("closed", "Đã đóng", "Closed").terminal);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StateSpec {
    /// The state's snake_case id.
    pub id: &'static str,
    /// Its label.
    pub label: Label,
    /// Whether an instance may start in it.
    pub initial: bool,
    /// Whether no transition leaves it.
    pub terminal: bool,
}

impl StateSpec {
    /// A state an instance may start in.
    ///
    /// ```
    /// use quytrinh::kernel::StateSpec;
    /// assert!(StateSpec::initial("active", "Đang đồng hành", "Active").initial);
    /// ```
    pub const fn initial(id: &'static str, vi: &'static str, en: &'static str) -> Self {
        Self {
            id,
            label: Label::new(vi, en),
            initial: true,
            terminal: false,
        }
    }

    /// A state with transitions in and out.
    ///
    /// ```
    /// use quytrinh::kernel::StateSpec;
    /// let s = StateSpec::inner("pending", "Đang xác nhận", "Awaiting confirmation");
    /// assert!(!s.initial && !s.terminal);
    /// ```
    pub const fn inner(id: &'static str, vi: &'static str, en: &'static str) -> Self {
        Self {
            id,
            label: Label::new(vi, en),
            initial: false,
            terminal: false,
        }
    }

    /// A state no transition leaves.
    ///
    /// ```
    /// use quytrinh::kernel::StateSpec;
    /// assert!(StateSpec::terminal("closed", "Đã đóng", "Closed").terminal);
    /// ```
    pub const fn terminal(id: &'static str, vi: &'static str, en: &'static str) -> Self {
        Self {
            id,
            label: Label::new(vi, en),
            initial: false,
            terminal: true,
        }
    }
}

/// An orthogonal part of the state (e.g. the relationship, and the request in it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RegionSpec {
    /// The region's snake_case id.
    pub id: &'static str,
    /// Its label.
    pub label: Label,
    /// Its states.
    pub states: &'static [StateSpec],
    /// Whether each entity of the instance (a lead, a batch) has its own state in this
    /// region, rather than the instance as a whole.
    pub per_entity: bool,
}

impl RegionSpec {
    /// A region of the instance as a whole.
    ///
    /// ```
    /// use quytrinh::kernel::{RegionSpec, StateSpec};
    /// const CASE: RegionSpec = RegionSpec::new("case", "Hồ sơ", "Case", &[StateSpec::initial("received", "Đã tiếp nhận", "Received")]);
    /// assert!(!CASE.per_entity);
    /// ```
    pub const fn new(
        id: &'static str,
        vi: &'static str,
        en: &'static str,
        states: &'static [StateSpec],
    ) -> Self {
        Self {
            id,
            label: Label::new(vi, en),
            states,
            per_entity: false,
        }
    }

    /// A region in which each entity has its own state.
    ///
    /// ```
    /// use quytrinh::kernel::{RegionSpec, StateSpec};
    /// const LEAD: RegionSpec = RegionSpec::per_entity("lead", "Khách hàng", "Lead", &[StateSpec::initial("new", "Mới", "New")]);
    /// assert!(LEAD.per_entity);
    /// ```
    pub const fn per_entity(
        id: &'static str,
        vi: &'static str,
        en: &'static str,
        states: &'static [StateSpec],
    ) -> Self {
        Self {
            per_entity: true,
            ..Self::new(id, vi, en, states)
        }
    }
}

/// A command and the roles that may issue it.
///
/// ```
/// use quytrinh::kernel::CommandSpec;
/// const WITHDRAW: CommandSpec = CommandSpec::new("withdraw", "Hủy yêu cầu", "Withdraw request", &["saco", "customer"]);
/// assert_eq!(WITHDRAW.roles, ["saco", "customer"]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CommandSpec {
    /// The command's `type`.
    pub name: &'static str,
    /// Its label (what a button says).
    pub label: Label,
    /// The roles that may issue it; the relationship rules are in the workflow's `decide`.
    pub roles: &'static [&'static str],
}

impl CommandSpec {
    /// A command from its `type`, labels and allowed roles.
    ///
    /// ```
    /// use quytrinh::kernel::CommandSpec;
    /// assert_eq!(CommandSpec::new("close", "Đóng", "Close", &["ops"]).roles, ["ops"]);
    /// ```
    pub const fn new(
        name: &'static str,
        vi: &'static str,
        en: &'static str,
        roles: &'static [&'static str],
    ) -> Self {
        Self {
            name,
            label: Label::new(vi, en),
            roles,
        }
    }
}

/// One transition of a region: `from` → `to` on `trigger` (a command `type` or a deadline
/// `kind`), when `guard` (in words) holds.
///
/// ```
/// use quytrinh::kernel::TransitionSpec;
/// const T: TransitionSpec = TransitionSpec::new("request", "pending", "withdrawn", "withdraw", "the requester");
/// assert_eq!((T.from, T.to), ("pending", "withdrawn"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TransitionSpec {
    /// The region.
    pub region: &'static str,
    /// The source state, or [`INITIAL`].
    pub from: &'static str,
    /// The target state.
    pub to: &'static str,
    /// The command `type` or deadline `kind`.
    pub trigger: &'static str,
    /// The condition, in words; empty when there is none.
    pub guard: &'static str,
}

impl TransitionSpec {
    /// A transition of `region` from `from` to `to` on `trigger`, when `guard` holds.
    ///
    /// ```
    /// use quytrinh::kernel::TransitionSpec;
    /// assert_eq!(TransitionSpec::new("case", "resolved", "closed", "close", "").to, "closed");
    /// ```
    pub const fn new(
        region: &'static str,
        from: &'static str,
        to: &'static str,
        trigger: &'static str,
        guard: &'static str,
    ) -> Self {
        Self {
            region,
            from,
            to,
            trigger,
            guard,
        }
    }
}

/// A notification template id, with what it is for.
///
/// ```
/// use quytrinh::kernel::{Channel, TemplateSpec};
/// const T: TemplateSpec = TemplateSpec::new("x.done", Channel::Email, "Xong", "Done");
/// assert_eq!(T.channel, Channel::Email);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TemplateSpec {
    /// The template id carried by `notify` effects.
    pub id: &'static str,
    /// The channel it is sent on.
    pub channel: Channel,
    /// What the message says, in short.
    pub label: Label,
}

impl TemplateSpec {
    /// A template from its id, channel and labels.
    ///
    /// ```
    /// use quytrinh::kernel::{Channel, TemplateSpec};
    /// assert_eq!(TemplateSpec::new("t", Channel::Sms, "v", "e").id, "t");
    /// ```
    pub const fn new(
        id: &'static str,
        channel: Channel,
        vi: &'static str,
        en: &'static str,
    ) -> Self {
        Self {
            id,
            channel,
            label: Label::new(vi, en),
        }
    }
}

/// A deadline kind with its configured duration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DeadlineSpec {
    /// The deadline's kind.
    pub kind: &'static str,
    /// Its label.
    pub label: Label,
    /// Its duration in seconds, under the instance's configuration.
    pub seconds: u64,
    /// How the duration is counted.
    pub basis: Basis,
}

/// A workflow's definition, as data: what hosts and diagrams read.
///
/// ```
/// use quytrinh::kernel::{Definition, Lang};
/// use quytrinh::workflows::companion::Companion;
/// let def = Definition::of::<Companion>(&Default::default());
/// assert_eq!(def.workflow, "companion");
/// assert!(def.to_mermaid(Lang::En, &[]).starts_with("stateDiagram-v2"));
/// assert!(def.to_dot(Lang::Vi, &[]).starts_with("digraph companion"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Definition {
    /// The workflow's name.
    pub workflow: &'static str,
    /// Its label.
    pub label: Label,
    /// The roles.
    pub roles: &'static [RoleSpec],
    /// The state regions and their states.
    pub regions: &'static [RegionSpec],
    /// The commands and who may issue them.
    pub commands: &'static [CommandSpec],
    /// The queries and who may ask them.
    pub queries: &'static [CommandSpec],
    /// The reports over many instances and who may run them.
    pub reports: &'static [CommandSpec],
    /// The transitions.
    pub transitions: &'static [TransitionSpec],
    /// The deadlines and their durations.
    pub deadlines: Vec<DeadlineSpec>,
    /// The notification templates.
    pub templates: &'static [TemplateSpec],
}

impl Definition {
    /// The definition of workflow `W` under `config`.
    ///
    /// ```
    /// use quytrinh::kernel::{Definition, Lang};
    /// use quytrinh::workflows::companion::{Companion, CompanionConfig};
    /// let def = Definition::of::<Companion>(&CompanionConfig::default());
    /// assert_eq!(def.commands.len(), 9);
    /// ```
    pub fn of<W: Workflow>(config: &W::Config) -> Self {
        Self {
            workflow: W::NAME,
            label: W::LABEL,
            roles: W::ROLES,
            regions: W::REGIONS,
            commands: W::COMMANDS,
            queries: W::QUERIES,
            reports: W::REPORTS,
            transitions: W::TRANSITIONS,
            deadlines: W::deadline_specs(config),
            templates: W::TEMPLATES,
        }
    }

    /// The label of a trigger (a command or a deadline), or the trigger itself.
    ///
    /// ```
    /// use quytrinh::kernel::{Definition, Lang};
    /// use quytrinh::workflows::companion::{Companion, CompanionConfig};
    /// let def = Definition::of::<Companion>(&CompanionConfig::default());
    /// assert_eq!(def.trigger_label("auto_confirm", Lang::En), "Automatic unlink after 24 h");
    /// assert_eq!(def.trigger_label("no_such", Lang::En), "no_such");
    /// ```
    pub fn trigger_label<'a>(&'a self, trigger: &'a str, lang: Lang) -> &'a str {
        self.commands
            .iter()
            .find(|c| c.name == trigger)
            .map(|c| c.label.get(lang))
            .or_else(|| {
                self.deadlines
                    .iter()
                    .find(|d| d.kind == trigger)
                    .map(|d| d.label.get(lang))
            })
            .unwrap_or(trigger)
    }

    /// The label of a state of a region, or the id itself.
    ///
    /// ```
    /// use quytrinh::kernel::{Definition, Lang};
    /// use quytrinh::workflows::companion::{Companion, CompanionConfig};
    /// let def = Definition::of::<Companion>(&CompanionConfig::default());
    /// assert_eq!(def.state_label("request", "pending", Lang::Vi), "Đang xác nhận");
    /// ```
    pub fn state_label<'a>(&'a self, region: &str, state: &'a str, lang: Lang) -> &'a str {
        self.regions
            .iter()
            .find(|r| r.id == region)
            .and_then(|r| r.states.iter().find(|s| s.id == state))
            .map_or(state, |s| s.label.get(lang))
    }

    /// A Mermaid `stateDiagram-v2`, one composite state per region; the states in
    /// `current` (region, state) are highlighted.
    ///
    /// ```
    /// use quytrinh::kernel::{Definition, Lang};
    /// use quytrinh::workflows::companion::{Companion, CompanionConfig};
    /// let def = Definition::of::<Companion>(&CompanionConfig::default());
    /// let m = def.to_mermaid(Lang::En, &[("request", "pending")]);
    /// assert!(m.contains("request__pending --> request__withdrawn : Withdraw request"));
    /// assert!(m.contains("class request__pending current"));
    /// ```
    pub fn to_mermaid(&self, lang: Lang, current: &[(&str, &str)]) -> String {
        let mut out = String::from("stateDiagram-v2\n    direction LR\n");
        for region in self.regions {
            let _ = writeln!(
                out,
                "    state \"{}\" as {} {{",
                mermaid_text(region.label.get(lang)),
                region.id
            );
            for state in region.states {
                let _ = writeln!(
                    out,
                    "        state \"{}\" as {}",
                    mermaid_text(state.label.get(lang)),
                    node_id(region.id, state.id)
                );
            }
            for state in region.states.iter().filter(|s| s.initial) {
                let _ = writeln!(out, "        [*] --> {}", node_id(region.id, state.id));
            }
            for t in self.transitions.iter().filter(|t| t.region == region.id) {
                let from = if t.from == INITIAL {
                    INITIAL.to_owned()
                } else {
                    node_id(region.id, t.from)
                };
                let _ = writeln!(
                    out,
                    "        {from} --> {} : {}",
                    node_id(region.id, t.to),
                    mermaid_text(self.trigger_label(t.trigger, lang))
                );
            }
            for state in region.states.iter().filter(|s| s.terminal) {
                let _ = writeln!(out, "        {} --> [*]", node_id(region.id, state.id));
            }
            out.push_str("    }\n");
        }
        if !current.is_empty() {
            out.push_str("    classDef current fill:#fde68a,stroke:#b45309,stroke-width:2px\n");
            for (region, state) in current {
                let _ = writeln!(out, "    class {} current", node_id(region, state));
            }
        }
        out
    }

    /// A Graphviz DOT digraph, one cluster per region; the states in `current` are filled.
    ///
    /// ```
    /// use quytrinh::kernel::{Definition, Lang};
    /// use quytrinh::workflows::companion::{Companion, CompanionConfig};
    /// let def = Definition::of::<Companion>(&CompanionConfig::default());
    /// let d = def.to_dot(Lang::En, &[]);
    /// assert!(d.contains("subgraph cluster_request"));
    /// ```
    pub fn to_dot(&self, lang: Lang, current: &[(&str, &str)]) -> String {
        let mut out = format!(
            "digraph {} {{\n  rankdir=LR;\n  label=\"{}\";\n  node [shape=box, style=rounded];\n",
            self.workflow,
            dot_text(self.label.get(lang))
        );
        for region in self.regions {
            let _ = writeln!(
                out,
                "  subgraph cluster_{} {{\n    label=\"{}\";",
                region.id,
                dot_text(region.label.get(lang))
            );
            let _ = writeln!(
                out,
                "    \"{}\" [shape=point];",
                node_id(region.id, "initial")
            );
            for state in region.states {
                let highlighted = current.contains(&(region.id, state.id));
                let _ = writeln!(
                    out,
                    "    \"{}\" [label=\"{}\"{}{}];",
                    node_id(region.id, state.id),
                    dot_text(state.label.get(lang)),
                    if state.terminal {
                        ", peripheries=2"
                    } else {
                        ""
                    },
                    if highlighted {
                        ", style=\"rounded,filled\", fillcolor=\"#fde68a\""
                    } else {
                        ""
                    }
                );
            }
            out.push_str("  }\n");
            for state in region.states.iter().filter(|s| s.initial) {
                let _ = writeln!(
                    out,
                    "  \"{}\" -> \"{}\";",
                    node_id(region.id, "initial"),
                    node_id(region.id, state.id)
                );
            }
        }
        for t in self.transitions {
            let from = if t.from == INITIAL { "initial" } else { t.from };
            let _ = writeln!(
                out,
                "  \"{}\" -> \"{}\" [label=\"{}\"{}];",
                node_id(t.region, from),
                node_id(t.region, t.to),
                dot_text(self.trigger_label(t.trigger, lang)),
                if t.guard.is_empty() {
                    String::new()
                } else {
                    format!(", tooltip=\"{}\"", dot_text(t.guard))
                }
            );
        }
        out.push_str("}\n");
        out
    }
}

fn node_id(region: &str, state: &str) -> String {
    format!("{region}__{state}")
}

fn mermaid_text(s: &str) -> String {
    s.replace('"', "'").replace([':', ';'], ",")
}

fn dot_text(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

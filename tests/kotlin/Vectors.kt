// Plays the conformance vectors (tests/vectors/*/*.json) through the typed Kotlin API, with
// the matching rules of the Rust player (core/src/conformance.rs), mirrored exactly.
//
// Commands: the vector's JSON command is decoded into the typed command by the library's
// exported `companionCommandFromJson` / `complaintCommandFromJson` (the same serde rules as
// every binding, so `invalid_json` vectors hold), then sent with the typed `handle`.
package quytrinh.tests

import java.io.File
import java.time.Instant
import java.time.OffsetDateTime
import uniffi.quytrinh.*
import uniffi.quytrinh_ffi.*

/** What an accepted input gave, read from the typed outcome. */
class Observed(
    val duplicate: Boolean,
    val version: Long,
    val events: List<String>,
    val effects: List<String>,
    val nextDeadline: Deadline?,
    val state: Any?,
    val position: Map<String, String>,
)

/** One workflow instance behind the typed API of its workflow. */
interface Player {
    fun command(json: String): Observed
    fun tick(at: Instant): Observed
}

/** `notify:<template>` for notifications, the effect's kind otherwise (typed). */
fun effectName(effect: CompanionEffect): String = when (effect) {
    is CompanionEffect.SendOtp -> "send_otp"
    is CompanionEffect.Notify -> "notify:${effect.v1.template}"
    is CompanionEffect.SuspendTradingRights -> "suspend_trading_rights"
    is CompanionEffect.RestoreTradingRights -> "restore_trading_rights"
    is CompanionEffect.RemoveFromSacoList -> "remove_from_saco_list"
    is CompanionEffect.RevokeCompanionAccess -> "revoke_companion_access"
    is CompanionEffect.AddToSacoList -> "add_to_saco_list"
    is CompanionEffect.GrantCompanionAccess -> "grant_companion_access"
}

fun effectName(effect: ComplaintEffect): String = when (effect) {
    is ComplaintEffect.Notify -> "notify:${effect.v1.template}"
    is ComplaintEffect.LockAgentTokens -> "lock_agent_tokens"
    is ComplaintEffect.UnlockAgentTokens -> "unlock_agent_tokens"
    is ComplaintEffect.CompensateCustomer -> "compensate_customer"
    is ComplaintEffect.Escalate -> "escalate"
    is ComplaintEffect.ArchiveReport -> "archive_report"
}

private fun stateOf(snapshotJson: String): Any? = (Json.parse(snapshotJson) as Map<*, *>)["state"]

private fun positionOf(position: List<RegionState>) =
    position.associate { (if (it.entity != null) "${it.region}:${it.entity}" else it.region) to it.state }

/** The workflows with a typed Kotlin API (and player); every workflow plays through `WorkflowInstance`. */
val TYPED_WORKFLOWS = setOf("companion", "complaint")

/** The workflow a vector file is for. */
fun workflowOf(file: File): String = (Json.parse(file.readText()) as Map<*, *>)["workflow"] as String

/** What a typed outcome shows; `effects` pairs the name derived from the typed effect with Rust's. */
private fun observed(
    duplicate: Boolean,
    version: Long,
    events: List<String>,
    effects: List<Pair<String, String>>,
    nextDeadline: Deadline?,
    snapshot: String,
    position: List<RegionState>,
): Observed {
    effects.forEach { (typed, rust) -> check(typed == rust) { "typed effect name $typed != $rust" } }
    return Observed(duplicate, version, events, effects.map { it.first }, nextDeadline, stateOf(snapshot), positionOf(position))
}

class CompanionPlayer(val instance: CompanionInstance) : Player {
    private fun observe(o: CompanionOutcome) = observed(
        o.duplicate, o.version.toLong(), o.events.map { it.eventName },
        o.events.flatMap { r -> r.effects.map { effectName(it.effect) to it.name } },
        o.nextDeadline, instance.snapshot(), instance.position(),
    )

    override fun command(json: String): Observed {
        val input = companionCommandFromJson(json)
        return observe(instance.handle(input.envelope, input.command))
    }

    override fun tick(at: Instant) = observe(instance.tick(at))

    companion object {
        fun create(instanceId: String, settings: Settings?, config: Map<*, *>?, init: Map<*, *>): CompanionPlayer {
            var c = companionDefaultConfig()
            config?.forEach { (k, v) ->
                val n = (v as Long)
                c = when (k) {
                    "otp_lifetime_seconds" -> c.copy(otpLifetimeSeconds = n.toUInt())
                    "otp_max_failures" -> c.copy(otpMaxFailures = n.toInt().toUByte())
                    "auto_confirm_after_seconds" -> c.copy(autoConfirmAfterSeconds = n.toUInt())
                    "link_request_ttl_seconds" -> c.copy(linkRequestTtlSeconds = n.toUInt())
                    "max_closed_requests" -> c.copy(maxClosedRequests = n.toUInt())
                    else -> error("unknown companion config field $k")
                }
            }
            val relationship = when (init["relationship"] ?: "active") {
                "active" -> Relationship.ACTIVE
                "none" -> Relationship.NONE
                "unlink_pending" -> Relationship.UNLINK_PENDING
                "ended" -> Relationship.ENDED
                else -> error("unknown relationship ${init["relationship"]}")
            }
            val typedInit = CompanionInit(
                init["saco_id"] as String, init["customer_id"] as String, init["account"] as String, relationship,
            )
            return CompanionPlayer(CompanionInstance.create(instanceId, typedInit, c, settings))
        }
    }
}

/** Any workflow of the registry through the one JSON object `WorkflowInstance`: no code per workflow. */
class JsonPlayer(val instance: WorkflowInstance) : Player {
    private fun observe(outcomeJson: String): Observed {
        val o = Json.parse(outcomeJson) as Map<*, *>
        val events = (o["events"] as List<*>).map { ((it as Map<*, *>)["event"] as Map<*, *>)["type"] as String }
        val effects = (o["effects"] as List<*>).map {
            val e = it as Map<*, *>
            if (e["kind"] == "notify") "notify:${e["template"]}" else e["kind"] as String
        }
        // Outcomes carry what changed: the state and the whole position are read after the step.
        return Observed(
            o["duplicate"] as Boolean, o["version"] as Long, events, effects,
            instance.nextDeadline(), Json.parse(instance.state()), positionOf(instance.position()),
        )
    }

    override fun command(json: String) = observe(instance.handle(json))
    override fun tick(at: Instant) = observe(instance.tick(at))

    companion object {
        fun create(workflow: String, instanceId: String, settings: Settings?, config: Map<*, *>?, init: Map<*, *>) =
            JsonPlayer(WorkflowInstance.create(workflow, instanceId, Json.write(init), config?.let { Json.write(it) }, settings))
    }
}

class ComplaintPlayer(val instance: ComplaintInstance) : Player {
    private fun observe(o: ComplaintOutcome) = observed(
        o.duplicate, o.version.toLong(), o.events.map { it.eventName },
        o.events.flatMap { r -> r.effects.map { effectName(it.effect) to it.name } },
        o.nextDeadline, instance.snapshot(), instance.position(),
    )

    override fun command(json: String): Observed {
        val input = complaintCommandFromJson(json)
        return observe(instance.handle(input.envelope, input.command))
    }

    override fun tick(at: Instant) = observe(instance.tick(at))

    companion object {
        fun create(instanceId: String, settings: Settings?, config: Map<*, *>?, init: Map<*, *>): ComplaintPlayer {
            val typedInit = ComplaintInit(init["complaint_id"] as String)
            return ComplaintPlayer(ComplaintInstance.create(instanceId, typedInit, config?.let { Json.write(it) }, settings))
        }
    }
}

fun instant(text: String): Instant = OffsetDateTime.parse(text).toInstant()

/** Two RFC 3339 texts naming the same instant. */
private fun sameInstant(a: String, b: String): Boolean = try {
    instant(a) == instant(b)
} catch (e: Exception) {
    false
}

/** `null` on a match, else the path and the first difference (conformance.rs `matches`). */
fun matches(pattern: Any?, actual: Any?, path: String): String? {
    if (pattern is Map<*, *> && actual is Map<*, *>) {
        for ((k, v) in pattern) matches(v, actual[k], "$path.$k")?.let { return it }
        return null
    }
    if (pattern is List<*> && actual is List<*> && pattern.size == actual.size) {
        for (i in pattern.indices) matches(pattern[i], actual[i], "$path[$i]")?.let { return it }
        return null
    }
    if (pattern is String && actual is String && sameInstant(pattern, actual)) return null
    if (pattern == actual) return null
    return "$path: expected ${Json.write(pattern)}, got ${Json.write(actual)}"
}

/** The typed deadline as the JSON value the Rust player compares with. */
fun deadlineValue(d: Deadline?): Any? = d?.let {
    linkedMapOf("kind" to it.kind, "due" to it.due.toString(), "basis" to it.basis.name.lowercase())
        .also { m -> it.target?.let { t -> m["target"] = t } }
}

/** Compares a step's result with its expectations (conformance.rs `check`). */
fun check(expect: Map<*, *>, result: Result<Observed>): List<String> {
    val failures = mutableListOf<String>()
    val rejected = expect["rejected"] as String?
    val outcome = result.getOrNull()
    if (outcome == null) {
        val e = result.exceptionOrNull()!!
        if (e !is QuytrinhException) return listOf("unexpected ${e::class.simpleName}: ${e.message}")
        val code = errorCode(e)
        if (rejected == null) return listOf("expected acceptance, but got `$code`: $e")
        if (code != rejected) failures.add("expected rejection `$rejected`, got `$code`")
        val rule = expect["rule"] as String?
        if (rule != null && e is QuytrinhException.Rejected && e.rule != rule) {
            failures.add("expected rule `$rule`, got `${e.rule}`")
        }
        return failures
    }
    if (rejected != null) return listOf("expected rejection `$rejected`, but the input was accepted")
    fun compare(what: String, expected: Any?, actual: Any?) {
        if (expected != actual) failures.add("$what: expected ${Json.write(expected)}, got ${Json.write(actual)}")
    }
    expect["duplicate"]?.let { compare("duplicate", it, outcome.duplicate) }
    expect["version"]?.let { compare("version", it, outcome.version) }
    expect["events"]?.let { compare("events", it, outcome.events) }
    expect["effects"]?.let { compare("effects", it, outcome.effects) }
    expect["state"]?.let { p -> matches(p, outcome.state, "state")?.let { failures.add(it) } }
    (expect["position"] as Map<*, *>?)?.forEach { (region, state) ->
        compare("position.$region", state, outcome.position[region])
    }
    if (expect.containsKey("next_deadline")) {
        matches(expect["next_deadline"], deadlineValue(outcome.nextDeadline), "next_deadline")?.let { failures.add(it) }
    }
    return failures
}

/** Plays one vector file, through the typed API of its workflow when `typed`, else through
 * `WorkflowInstance`; the failures, as `step N: …`. */
fun playVector(file: File, typed: Boolean = true): List<String> {
    val v = Json.parse(file.readText()) as Map<*, *>
    val instanceId = v["instance_id"] as String? ?: "vector"
    val settings = (v["settings"] as Map<*, *>?)?.let { s ->
        Settings(((s["remembered_commands"] as Long?) ?: 64L).toUInt())
    }
    val config = v["config"] as Map<*, *>?
    val init = v["init"] as Map<*, *>
    val workflow = v["workflow"] as String
    val player: Player = when {
        !typed -> JsonPlayer.create(workflow, instanceId, settings, config, init)
        workflow == "companion" -> CompanionPlayer.create(instanceId, settings, config, init)
        workflow == "complaint" -> ComplaintPlayer.create(instanceId, settings, config, init)
        else -> return listOf("workflow `$workflow` has no typed Kotlin API")
    }
    val failures = mutableListOf<String>()
    (v["steps"] as List<*>).forEachIndexed { index, s ->
        val step = s as Map<*, *>
        val command = step["command"] as Map<*, *>?
        val tick = step["tick"] as Map<*, *>?
        val result = runCatching {
            when {
                command != null && tick == null -> player.command(Json.write(command))
                tick != null && command == null -> player.tick(instant(tick["at"] as String))
                else -> error("step $index must have exactly one of `command` and `tick`")
            }
        }
        check((step["expect"] as Map<*, *>?) ?: emptyMap<String, Any?>(), result).forEach { failures.add("step $index: $it") }
    }
    return failures
}

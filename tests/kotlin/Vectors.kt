// Plays the conformance vectors (tests/vectors/*/*.json) through the typed Kotlin API of
// every workflow, and through the JSON object `WorkflowInstance`, with the matching rules of
// the Rust player (core/src/conformance.rs), mirrored exactly.
//
// The typed API is generated from the core's registry (`{Workflow}Instance`,
// `{workflow}CommandFromJson`, …), so the typed player finds it by name: no code per workflow.
// Commands: the vector's JSON command is decoded into the typed command by the library's
// exported `{workflow}CommandFromJson` (the same serde rules as every binding, so
// `invalid_json` vectors hold), then sent with the typed `handle`; init and configuration
// likewise with `{workflow}InitFromJson` / `{workflow}ConfigFromJson`.
package quytrinh.tests

import java.io.File
import java.lang.reflect.InvocationTargetException
import java.lang.reflect.Method
import java.time.Instant
import kotlin.reflect.full.companionObjectInstance
import kotlin.reflect.full.memberFunctions
import kotlin.reflect.full.memberProperties
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

private fun stateOf(snapshotJson: String): Any? = (Json.parse(snapshotJson) as Map<*, *>)["state"]

private fun positionOf(position: List<RegionState>) =
    position.associate { (if (it.entity != null) "${it.region}:${it.entity}" else it.region) to it.state }

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

/** `companion` → `Companion`, `lead_care` → `LeadCare`: the prefix of the generated types. */
fun pascal(workflow: String) = workflow.split('_').joinToString("") { it.replaceFirstChar(Char::uppercase) }

/** Calls a function or method found by reflection, throwing what it throws (not a wrapper). */
private fun <T> unwrapped(call: () -> T): T = try {
    call()
} catch (e: InvocationTargetException) {
    throw e.targetException
}

/** A property of a generated record, by its Kotlin name. */
private fun prop(record: Any, name: String): Any? =
    record::class.memberProperties.single { it.name == name }.getter.call(record)

/** `notify:<template>` for a typed notification, else the typed effect's kind (its class name in snake_case). */
fun typedEffectName(effect: Any): String {
    val kind = effect::class.simpleName!!.replace(Regex("([a-z0-9])([A-Z])"), "$1_$2").lowercase()
    return if (kind == "notify") "notify:${prop(prop(effect, "notification")!!, "template")}" else kind
}

/** Any workflow of the registry through its generated typed object `{Workflow}Instance`. */
class TypedPlayer(private val workflow: String, private val instance: Any) : Player {
    private fun method(name: String) = instance::class.memberFunctions.single { it.name == name }

    private fun observe(outcome: Any): Observed {
        val records = prop(outcome, "events") as List<*>
        val effects = records.flatMap { r -> (prop(r!!, "effects") as List<*>).map { k ->
            typedEffectName(prop(k!!, "effect")!!) to prop(k, "name") as String
        } }
        @Suppress("UNCHECKED_CAST")
        return observed(
            prop(outcome, "duplicate") as Boolean, prop(outcome, "version") as Long,
            records.map { prop(it!!, "eventName") as String }, effects, prop(outcome, "nextDeadline") as Deadline?,
            unwrapped { method("snapshot").call(instance) } as String,
            unwrapped { method("position").call(instance) } as List<RegionState>,
        )
    }

    override fun command(json: String): Observed {
        val input = unwrapped { api("CommandFromJson", workflow).invoke(null, json) }!!
        return observe(unwrapped { method("handle").call(instance, prop(input, "envelope"), prop(input, "command")) }!!)
    }

    override fun tick(at: Instant) = observe(unwrapped { method("tick").call(instance, at) }!!)

    companion object {
        private val functions = Class.forName("uniffi.quytrinh_ffi.Quytrinh_ffiKt")

        /** The generated top-level function `{workflow}{suffix}`, e.g. `leadCareCommandFromJson`. */
        fun api(suffix: String, workflow: String): Method {
            val name = pascal(workflow).replaceFirstChar(Char::lowercase) + suffix
            return functions.methods.singleOrNull { it.name == name } ?: error("no generated function $name")
        }

        fun create(workflow: String, instanceId: String, settings: Settings?, config: Map<*, *>?, init: Map<*, *>): TypedPlayer {
            val typedInit = unwrapped { api("InitFromJson", workflow).invoke(null, Json.write(init)) }
            val typedConfig = config?.let { c -> unwrapped { api("ConfigFromJson", workflow).invoke(null, Json.write(c)) } }
            val companion = Class.forName("uniffi.quytrinh_ffi.${pascal(workflow)}Instance").kotlin.companionObjectInstance!!
            val create = companion::class.memberFunctions.single { it.name == "create" }
            return TypedPlayer(workflow, unwrapped { create.call(companion, instanceId, typedInit, typedConfig, settings) }!!)
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
    val player: Player = if (typed) {
        TypedPlayer.create(workflow, instanceId, settings, config, init)
    } else {
        JsonPlayer.create(workflow, instanceId, settings, config, init)
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

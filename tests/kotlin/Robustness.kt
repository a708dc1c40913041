// Robustness through UniFFI: the differential run of the random vectors of the property
// tests (scripts/differential.sh writes them), limits on untrusted input (docs/limits.md)
// and a stress test of JVM threads on shared and separate instances.
package quytrinh.tests

import java.io.File
import java.time.Instant
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import uniffi.quytrinh.*
import uniffi.quytrinh_ffi.*

/**
 * Plays every vector of `dir/vectors` through the typed API (outcomes against the native
 * expectations) and through `WorkflowInstance`, whose final snapshot must be the native one
 * byte for byte; restores every other binding's fixture of it (text given back) and writes
 * the Kotlin fixture to `dir/kotlin/`. The failures, one per line.
 */
fun differentialRun(dir: File): List<String> {
    val files = File(dir, "vectors").listFiles { f -> f.isDirectory }.orEmpty().sorted()
        .flatMap { d -> d.listFiles { f -> f.name.endsWith(".json") }.orEmpty().sorted() }
    if (files.isEmpty()) return listOf("no vectors in ${File(dir, "vectors")}")
    val out = File(dir, "kotlin").apply { mkdirs() }
    val others = dir.listFiles { f -> f.isDirectory && f.name !in setOf("vectors", "kotlin") }.orEmpty()
    val failures = mutableListOf<String>()
    for (file in files) {
        val workflow = file.parentFile.name
        val name = "${workflow}__${file.name}"
        playVector(file).forEach { failures.add("$name (typed): $it") }
        val v = Json.parse(file.readText()) as Map<*, *>
        val settings = (v["settings"] as Map<*, *>?)?.let { Settings((it["remembered_commands"] as Long).toUInt()) }
        val player = JsonPlayer.create(workflow, v["instance_id"] as String, settings, v["config"] as Map<*, *>?, v["init"] as Map<*, *>)
        (v["steps"] as List<*>).forEachIndexed { i, s ->
            val step = s as Map<*, *>
            val result = runCatching {
                val command = step["command"] as Map<*, *>?
                if (command != null) player.command(Json.write(command)) else player.tick(instant((step["tick"] as Map<*, *>)["at"] as String))
            }
            check(step["expect"] as Map<*, *>, result).forEach { failures.add("$name step $i: $it") }
        }
        val snapshot = player.instance.snapshot()
        for (binding in others) {
            val fixtureFile = File(binding, name)
            if (!fixtureFile.exists()) {
                if (binding.name == "native") failures.add("$name: no native fixture")
                continue
            }
            val theirs = (Json.parse(fixtureFile.readText()) as Map<*, *>)["snapshot"] as String
            if (binding.name == "native" && theirs != snapshot) failures.add("$name: the snapshot differs from native")
            val restored = runCatching { WorkflowInstance.restore(theirs).snapshot() }
            if (restored.getOrNull() != theirs) failures.add("$name: ${binding.name}'s snapshot does not restore identically: $restored")
        }
        File(out, name).writeText(Json.write(mapOf("workflow" to workflow, "snapshot" to snapshot, "event_log" to player.instance.eventLog())))
    }
    return failures
}

private const val INIT = """{"saco_id":"SACO-01","customer_id":"KH-01","account":"0001234567"}"""

private fun command(id: String, at: Instant, extra: String = "") =
    """{"command_id":"$id","actor":{"role":"saco","id":"SACO-01"},"at":"$at","type":"request_unlink"$extra}"""

/** The code and rule of what `body` throws, or what it returned. */
private fun refusal(body: () -> Any?): String = try {
    "accepted: ${body()}"
} catch (e: QuytrinhException.Rejected) {
    "${errorCode(e)}/${e.rule}"
} catch (e: QuytrinhException) {
    errorCode(e)
}

/** A 100 MB string and a 10,000-deep JSON, as a command, a snapshot, a log and an init. */
fun limitFailures(): List<String> {
    val rel = WorkflowInstance.create("companion", "rel-01", INIT, null, null)
    val before = rel.snapshot()
    val at = Instant.parse("2026-11-23T02:00:00Z")
    val huge = "x".repeat(100_000_000)
    val deep = "[".repeat(10_000) + "]".repeat(10_000)
    val got = listOf(
        "command_bytes" to refusal { rel.handle(command("c1", at, ""","note":"$huge"""")) },
        // Before the `type`, the field is read whole and reaches the parser's limit.
        "json_depth" to refusal { rel.handle("""{"note":$deep,""" + command("c1", at).removePrefix("{")) },
        "document_bytes" to refusal { WorkflowInstance.restore("""{"workflow":"companion","state":"$huge"}""") },
        "document_bytes" to refusal { WorkflowInstance.replay("""{"workflow":"companion","records":"$huge"}""") },
        "json_depth" to refusal { WorkflowInstance.create("companion", "x", """{"saco_id":$deep}""", null, null) },
        "command_bytes" to refusal { companionCommandFromJson(command("c1", at, ""","note":"$huge"""")) },
    )
    val failures = got.filter { (rule, result) -> result != "limit_reached/$rule" }
        .map { (rule, result) -> "expected limit_reached/$rule, got $result" }.toMutableList()
    // After the `type`, the unknown field is refused by its name before its value nests.
    val afterType = refusal { rel.handle(command("c1", at, ""","note":$deep""")) }
    if (afterType != "invalid_json") failures.add("a deep unknown field after the type: expected invalid_json, got $afterType")
    if (rel.snapshot() != before) failures.add("a refused input changed the instance")
    return failures
}

/**
 * 16 JVM threads: each drives its own instance (commands, ticks, snapshots restored) and all
 * hammer one shared typed instance and one shared `WorkflowInstance` at once (the objects
 * serialize their calls). Nothing fails but the domain's rejections; every accepted command
 * of the shared instances is recorded.
 */
fun threadFailures(): List<String> {
    val threads = 16
    val rounds = 50
    val shared = WorkflowInstance.create("companion", "shared", INIT, null, null)
    val typed = CompanionInstance.create("typed", CompanionInit("SACO-01", "KH-01", "0001234567", Relationship.ACTIVE))
    val clock = AtomicInteger()
    val accepted = AtomicInteger()
    val start = CountDownLatch(1)
    val t0 = Instant.parse("2026-11-23T02:00:00Z")
    val pool = Executors.newFixedThreadPool(threads)
    val results = (0 until threads).map { t ->
        pool.submit<List<String>> {
            start.await()
            val own = WorkflowInstance.create("companion", "own-$t", INIT, null, null)
            val failures = mutableListOf<String>()
            for (i in 0 until rounds) {
                fun domainOnly(what: String, body: () -> Unit) = try {
                    body()
                } catch (e: QuytrinhException.Rejected) {
                    // A rejection of the domain (a second unlink while one is pending, a late clock).
                } catch (e: Throwable) {
                    failures.add("$what: ${e::class.simpleName}: ${e.message}")
                }
                domainOnly("own handle") { own.handle(command("own-$i", t0.plusSeconds(60L * i))) }
                domainOnly("own tick") { own.tick(t0.plusSeconds(60L * i + 30)) }
                domainOnly("own restore") {
                    val s = own.snapshot()
                    if (WorkflowInstance.restore(s).snapshot() != s) failures.add("own snapshot round trip")
                }
                domainOnly("shared handle") {
                    // The instant may be behind another thread's: clock_went_backwards is a rejection.
                    shared.handle(command("t$t-$i", t0.plusSeconds(clock.incrementAndGet().toLong())))
                    accepted.incrementAndGet()
                }
                domainOnly("shared reads") { shared.state(); shared.position(); shared.snapshot() }
                domainOnly("typed shared") {
                    typed.availableCommands(Actor("customer", "KH-01"), t0)
                    typed.snapshot()
                }
            }
            failures
        }
    }
    start.countDown()
    val failures = results.flatMap { it.get(120, TimeUnit.SECONDS) }.toMutableList()
    pool.shutdown()
    if (!pool.awaitTermination(10, TimeUnit.SECONDS)) failures.add("threads did not end")
    if (shared.version() < accepted.get().toLong()) failures.add("shared version ${shared.version()} < ${accepted.get()} accepted")
    if (WorkflowInstance.restore(shared.snapshot()).snapshot() != shared.snapshot()) failures.add("shared snapshot round trip")
    return failures
}

// The cost of one companion command through UniFFI on the JVM (Kotlin, JNA): the typed API
// (`CompanionInstance.handle(Envelope, CompanionCommand)` → `CompanionOutcome`), on the cycle
// the peer benchmark (bench/js) and the C bench (examples/c/bench.c) time: SACO asks to
// unlink, passes the OTP, the customer rejects. Each instance gets one untimed cycle (one
// past request), then CYCLES timed ones; the envelopes and commands are made before the
// clock starts. A warm-up round for the JIT, then ROUNDS rounds of INSTANCES instances; the
// median round is printed (wall clock and this thread's CPU time), with create + close.
//
// Built and run by scripts/bench.sh jvm:
//   java -Djna.library.path=<target>/release -cp bench.jar:bindings.jar:jna.jar:kotlin-stdlib.jar CompanionBenchKt [INSTANCES [ROUNDS]]
// The last line is machine-readable: jvm_uniffi command_ns=… command_cpu_ns=… create_free_ns=…
import java.lang.management.ManagementFactory
import java.time.Instant
import uniffi.quytrinh.*
import uniffi.quytrinh_ffi.*

const val CYCLES = 10

/** One input of the cycle, ready to send. */
class Step(val envelope: Envelope, val command: CompanionCommand)

/** The (CYCLES + 1) × 3 inputs of one instance, a minute apart from 09:00 in Hà Nội. */
fun steps(): List<Step> {
    val saco = Actor("saco", "S1")
    val customer = Actor("customer", "K1")
    val start = Instant.parse("2026-11-23T02:00:00Z")
    return (0 until (CYCLES + 1) * 3).map { i ->
        val request = "R${i / 3 + 1}"
        val (actor, command) = when (i % 3) {
            0 -> saco to CompanionCommand.RequestUnlink
            1 -> saco to CompanionCommand.OtpVerified("$request-otp1")
            else -> customer to CompanionCommand.Reject(request)
        }
        Step(Envelope("c${i + 1}", actor, start.plusSeconds(60L * i), null), command)
    }
}

/** What one round measured, in nanoseconds: per command (wall clock, CPU time of this
 * thread), per create + close. */
class Round(val command: Double, val commandCpu: Double, val lifecycle: Double)

fun round(instances: Int, steps: List<Step>): Round {
    val threads = ManagementFactory.getThreadMXBean()
    var handling = 0L
    var handlingCpu = 0L
    var lifecycle = 0L
    var versions = 0L
    repeat(instances) { n ->
        var t = System.nanoTime()
        val instance = CompanionInstance.create("rel-$n", CompanionInit("S1", "K1", "A1", Relationship.ACTIVE))
        lifecycle += System.nanoTime() - t
        for (step in steps.subList(0, 3)) instance.handle(step.envelope, step.command)
        val cpu = threads.currentThreadCpuTime
        t = System.nanoTime()
        for (step in steps.subList(3, steps.size)) versions += instance.handle(step.envelope, step.command).version.toLong()
        handling += System.nanoTime() - t
        handlingCpu += threads.currentThreadCpuTime - cpu
        t = System.nanoTime()
        instance.close()
        lifecycle += System.nanoTime() - t
    }
    check(versions > 0)
    val commands = (instances.toLong() * CYCLES * 3).toDouble()
    return Round(handling / commands, handlingCpu / commands, lifecycle.toDouble() / instances)
}

fun main(args: Array<String>) {
    val instances = args.getOrNull(0)?.toInt() ?: 2000
    val rounds = args.getOrNull(1)?.toInt() ?: 7
    require(instances >= 1 && rounds >= 1) { "usage: CompanionBenchKt [INSTANCES >= 1 [ROUNDS >= 1]]" }
    val steps = steps()
    round(instances, steps) // warm-up
    val results = (1..rounds).map { round(instances, steps) }
    fun median(of: (Round) -> Double) = results.map(of).sorted()[rounds / 2]
    val command = median { it.command }
    val commandCpu = median { it.commandCpu }
    val lifecycle = median { it.lifecycle }
    println(
        ("%d rounds of %d instances x %d commands (request_unlink, otp_verified, reject): median %.2f us per command " +
            "(typed, through UniFFI and JNA; CPU time %.2f us), %.2f us per create + close")
            .format(rounds, instances, CYCLES * 3, command / 1e3, commandCpu / 1e3, lifecycle / 1e3),
    )
    println("jvm_uniffi command_ns=%.0f command_cpu_ns=%.0f create_free_ns=%.0f".format(command, commandCpu, lifecycle))
}

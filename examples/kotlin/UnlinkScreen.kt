// An advisor app's "hủy đồng hành" (unlink) screen logic over the typed Kotlin API:
// the SACO requests the unlink, enters the OTP, and the screen shows the 24 h countdown
// from the instance's next deadline; the snapshot is what the app stores.
//
// Built and run by scripts/test-kotlin.sh:
//   java -Djna.library.path=target/release -cp example.jar:bindings.jar:jna.jar:kotlin-stdlib.jar UnlinkScreenKt
import java.time.Duration
import java.time.Instant
import uniffi.quytrinh.*
import uniffi.quytrinh_ffi.*

/** What the screen shows. */
data class ScreenState(val title: String, val countdown: String?, val buttons: List<String>)

class UnlinkScreen(private val relationship: CompanionInstance, private val me: Actor) {
    private var sequence = 0

    private fun send(at: Instant, command: CompanionCommand): CompanionOutcome =
        relationship.handle(Envelope("${me.id}-${++sequence}", me, at, relationship.version()), command)

    /** "Hủy đồng hành" pressed: stage the request; the OTP is sent by the effect. */
    fun requestUnlink(at: Instant): String {
        val outcome = send(at, CompanionCommand.RequestUnlink)
        val otp = outcome.events.flatMap { it.effects }.map { it.effect }
            .filterIsInstance<CompanionEffect.SendOtp>().single()
        println("  effect: send an OTP for ${otp.challengeId} to ${otp.to.role} ${otp.to.id}, valid until ${otp.expiresAt}")
        return otp.challengeId
    }

    /** The OTP service said the code was right. */
    fun otpVerified(at: Instant, challengeId: String) {
        val outcome = send(at, CompanionCommand.OtpVerified(challengeId))
        outcome.events.flatMap { it.effects }.forEach { println("  effect: ${it.name} (key ${it.key})") }
    }

    fun render(now: Instant): ScreenState {
        val state = relationship.state()
        val title = when (state.relationship) {
            Relationship.ACTIVE -> "Đang đồng hành"
            Relationship.UNLINK_PENDING -> "Đang xác nhận hủy đồng hành"
            Relationship.ENDED -> "Đã hủy đồng hành"
            Relationship.NONE -> "Chưa kết nối"
        }
        val countdown = relationship.nextDeadline()?.takeIf { it.kind == "auto_confirm" }?.let { d ->
            val left = Duration.between(now, d.due).coerceAtLeast(Duration.ZERO)
            "Tự động xác nhận sau %02d:%02d:%02d".format(left.toHours(), left.toMinutesPart(), left.toSecondsPart())
        }
        val buttons = relationship.availableCommands(me, now).map { it.label.vi }
        return ScreenState(title, countdown, buttons)
    }
}

fun main() {
    val saco = Actor("saco", "SACO-01")
    val start = Instant.parse("2026-11-23T02:00:00Z") // 09:00 in Hà Nội
    val relationship = CompanionInstance.create("rel-01", CompanionInit("SACO-01", "KH-01", "0001234567", Relationship.ACTIVE))
    val screen = UnlinkScreen(relationship, saco)

    println("09:00 ${screen.render(start)}")
    val challenge = screen.requestUnlink(start)
    screen.otpVerified(start.plusSeconds(40), challenge)
    val later = start.plus(Duration.ofHours(3)).plusSeconds(40)
    val view = screen.render(later)
    println("12:00 $view")
    check(view.countdown == "Tự động xác nhận sau 21:00:00") { "countdown: ${view.countdown}" }

    // The app stores the snapshot; a day later it restores it and catches up.
    val stored = relationship.snapshot()
    val restored = CompanionInstance.restore(stored)
    val nextDay = start.plus(Duration.ofHours(25))
    val caughtUp = restored.tick(nextDay)
    println("next day: ${caughtUp.events.map { it.eventName }}; ${UnlinkScreen(restored, saco).render(nextDay)}")
    check(restored.state().relationship == Relationship.ENDED)

    try {
        restored.handle(Envelope("late", saco, nextDay), CompanionCommand.Withdraw("R1"))
    } catch (e: QuytrinhException.Rejected) {
        println("refused: ${rejectionCodeName(e.code)} — ${e.messageVi} (${e.message})")
    }
    println("example passed")
}

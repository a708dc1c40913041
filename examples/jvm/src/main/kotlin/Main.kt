// A JVM program outside the quytrinh repository that uses the installed artifact
// vn.quytrinh:quytrinh-jvm (Kotlin bindings + the linux-x86_64 library inside the jar, which
// JNA loads from the class path: no -Djna.library.path, no LD_LIBRARY_PATH).
//
// One companion cycle (SPEC.md, workflow A, "hủy đồng hành"): the SACO asks to end the
// relationship, the host's OTP check passes, the request is pending with the 24 h
// auto-confirm deadline, and a tick 24 h later ends the relationship. examples/jvm/run.sh
// copies this directory to a temporary one and builds it there against ~/.m2.
import java.time.Duration
import java.time.Instant
import uniffi.quytrinh.*
import uniffi.quytrinh_ffi.*

fun check(condition: Boolean, what: String) {
    if (!condition) throw IllegalStateException("example failed: $what")
}

fun main() {
    val saco = Actor("saco", "SACO-01")
    val start = Instant.parse("2026-11-23T02:00:00Z") // 09:00 in Hà Nội
    val rel = CompanionInstance.create("rel-jvm-01", CompanionInit("SACO-01", "KH-01", "0001234567", Relationship.ACTIVE))

    // "Hủy đồng hành": the envelope's expected version has a default (null); versions are Long.
    val asked = rel.handle(Envelope("unlink-1", saco, start), CompanionCommand.RequestUnlink)
    val version: Long = asked.version
    val otp = asked.events.flatMap { it.effects }.map { it.effect }.filterIsInstance<CompanionEffect.SendOtp>().single()
    println("asked (version $version): OTP ${otp.challengeId} for ${otp.to.role} ${otp.to.id}")

    // The host's OTP service says the code was right: pending, trading suspended, 24 h to auto-confirm.
    val verified = rel.handle(Envelope("unlink-2", saco, start.plusSeconds(40), version), CompanionCommand.OtpVerified(otp.challengeId))
    val effects = verified.events.flatMap { it.effects }
    val notified = effects.map { it.effect }.filterIsInstance<CompanionEffect.Notify>().map { it.notification.template }
    val suspended = effects.map { it.effect }.filterIsInstance<CompanionEffect.SuspendTradingRights>().single().parties
    println("verified: ${effects.map { it.name }}; notify $notified; suspended ${suspended.sacoId} on ${suspended.account}")
    check(rel.state().relationship == Relationship.UNLINK_PENDING, "unlink_pending after the OTP")
    val deadline = rel.nextDeadline()
    check(deadline?.kind == "auto_confirm", "the auto_confirm deadline is next")
    check(Duration.between(start.plusSeconds(40), deadline!!.due) == Duration.ofHours(24), "auto_confirm 24 h after the OTP")

    // A day later the app ticks: auto-confirmed, the relationship has ended.
    val later = rel.tick(deadline.due)
    println("tick at ${deadline.due}: ${later.events.map { it.eventName }}")
    check(rel.state().relationship == Relationship.ENDED, "ended after auto_confirm")

    // A refusal: the message reads as the human message; code and rule stay fields.
    try {
        rel.handle(Envelope("unlink-3", saco, deadline.due), CompanionCommand.Withdraw("R1"))
        check(false, "a withdraw after the end is refused")
    } catch (e: QuytrinhException.Rejected) {
        println("refused: ${e.message} (${rejectionCodeName(e.code)}, ${e.rule}; vi: ${e.messageVi})")
        check(e.message == e.messageEn, "message is the English message")
    }

    // A negative version is refused with a clear, typed error, and nothing changes.
    try {
        rel.handle(Envelope("unlink-4", saco, deadline.due, -1L), CompanionCommand.RequestLink)
        check(false, "a negative version is refused")
    } catch (e: QuytrinhException.InvalidArgument) {
        println("refused: ${e.message}")
    }
    check(rel.version() == later.version, "nothing changed")
    println("jvm example passed")
}

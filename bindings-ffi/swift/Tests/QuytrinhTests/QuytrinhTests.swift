// The Swift suite: the typed API (records, enums, errors, Date instants, Int64 đồng), snapshot
// round trips and every conformance vector of tests/vectors/, played like the Rust player
// (core/src/conformance.rs). Run on a Mac: `cd bindings-ffi/swift && swift test` after
// `cargo build -p quytrinh-ffi --release`.
import Foundation
import XCTest
@testable import Quytrinh

final class QuytrinhTests: XCTestCase {
    let saco = Actor(role: "saco", id: "SACO-1")
    let customer = Actor(role: "customer", id: "KH-1")
    let t0 = Date(timeIntervalSince1970: 1_795_399_200) // 2026-11-23T02:00:00Z, 09:00 in Hà Nội

    func relationship() throws -> CompanionInstance {
        try CompanionInstance.create(
            instanceId: "rel-1",
            init: CompanionInit(sacoId: "SACO-1", customerId: "KH-1", account: "0001234567", relationship: .active))
    }

    func pendingUnlink(_ rel: CompanionInstance) throws {
        _ = try rel.handle(envelope: Envelope(commandId: "c1", actor: saco, at: t0, expectedVersion: nil), command: .requestUnlink)
        _ = try rel.handle(
            envelope: Envelope(commandId: "c2", actor: saco, at: t0.addingTimeInterval(30), expectedVersion: nil),
            command: .otpVerified(challengeId: "R1-otp1"))
    }

    func testTypedOutcomeAndState() throws {
        let rel = try relationship()
        let staged = try rel.handle(envelope: Envelope(commandId: "c1", actor: saco, at: t0, expectedVersion: nil), command: .requestUnlink)
        XCTAssertEqual(staged.events.map(\.eventName), ["request_staged"])
        XCTAssertEqual(staged.events[0].effects[0].key, "rel-1:1:0")
        XCTAssertEqual(staged.nextDeadline, Deadline(kind: "otp_expiry", target: "R1", id: "otp_expiry:R1", due: t0.addingTimeInterval(300), basis: .clock))
        _ = try rel.handle(
            envelope: Envelope(commandId: "c2", actor: saco, at: t0.addingTimeInterval(30), expectedVersion: nil),
            command: .otpVerified(challengeId: "R1-otp1"))
        XCTAssertEqual(rel.state().relationship, .unlinkPending)
        XCTAssertEqual(rel.state().requests.first?.status, .pending)
        XCTAssertEqual(rel.nextDeadline()?.kind, "auto_confirm")
    }

    func testRejectionIsAnError() throws {
        let rel = try relationship()
        try pendingUnlink(rel)
        do {
            _ = try rel.handle(
                envelope: Envelope(commandId: "c3", actor: customer, at: t0.addingTimeInterval(60), expectedVersion: nil),
                command: .withdraw(requestId: "R1"))
            XCTFail("expected a rejection")
        } catch let QuytrinhError.Rejected(code, rule, messageVi, messageEn) {
            XCTAssertEqual(code, .notPermitted)
            XCTAssertEqual(rule, "requester_only")
            XCTAssertFalse(messageVi.isEmpty)
            XCTAssertFalse(messageEn.isEmpty)
        }
        XCTAssertEqual(rel.version(), 2)
    }

    func testSnapshotRoundTrip() throws {
        let a = try relationship()
        try pendingUnlink(a)
        let b = try CompanionInstance.restore(snapshotJson: a.snapshot())
        XCTAssertEqual(a.state(), b.state())
        XCTAssertEqual(a.snapshot(), b.snapshot())
        let later = t0.addingTimeInterval(25 * 3600)
        XCTAssertEqual(try a.tick(at: later), try b.tick(at: later))
        XCTAssertEqual(try CompanionInstance.replay(eventLogJson: a.eventLog()).snapshot(), a.snapshot())
    }

    func testComplaintMoneyAndCalendar() throws {
        let c = try ComplaintInstance.create(instanceId: "KN-1", init: ComplaintInit(complaintId: "KN-1"))
        let at = Date(timeIntervalSince1970: 1_774_231_200) // 2026-03-23T02:00:00Z
        _ = try c.handle(
            envelope: Envelope(commandId: "c1", actor: Actor(role: "intake", id: "quay-HN"), at: at, expectedVersion: nil),
            command: .receive(channel: .phone, customerId: "KH-3", contact: Contact(name: nil, phone: "0912345678", email: nil),
                              description: "Token không nhận", agentId: "DL-11"))
        let ops = Actor(role: "ops", id: "NV-05")
        _ = try c.handle(envelope: Envelope(commandId: "c2", actor: ops, at: at.addingTimeInterval(600), expectedVersion: nil), command: .startAnalysis)
        _ = try c.handle(
            envelope: Envelope(commandId: "c3", actor: ops, at: at.addingTimeInterval(1200), expectedVersion: nil),
            command: .recordFinding(rootCause: "Đại lý cấp sai gói", atFault: .agent, damagesVnd: 3_000_000, agentId: nil))
        XCTAssertEqual(c.state().finding?.damagesVnd, 3_000_000)
        XCTAssertEqual(try tet(year: 2026), CalendarDate(year: 2026, month: 2, day: 17))
        XCTAssertEqual(try toLunar(date: CalendarDate(year: 2026, month: 2, day: 17)), LunarDate(year: 2026, month: 1, day: 1, leap: false))
        XCTAssertTrue(try BusinessCalendar().isDayOff(date: CalendarDate(year: 2026, month: 2, day: 17)))
    }

    // MARK: - Conformance vectors

    func testEveryVector() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../../tests/vectors").standardized
        let dirs = try FileManager.default.contentsOfDirectory(at: root, includingPropertiesForKeys: nil).sorted { $0.path < $1.path }
        var played = 0
        for dir in dirs where dir.hasDirectoryPath {
            for file in try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            where file.pathExtension == "json" {
                let failures = try play(file)
                XCTAssertTrue(failures.isEmpty, "\(dir.lastPathComponent)/\(file.lastPathComponent): \(failures)")
                played += 1
            }
        }
        XCTAssertGreaterThan(played, 0)
    }

    struct Observed {
        let duplicate: Bool, version: Int64, events: [String], effects: [String]
        let nextDeadline: Deadline?, state: Any?, position: [String: String]
    }

    func play(_ file: URL) throws -> [String] {
        let v = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
        let id = v["instance_id"] as? String ?? "vector"
        let settings = (v["settings"] as? [String: Any]).map { Settings(rememberedCommands: ($0["remembered_commands"] as? UInt32) ?? 64) }
        let config = v["config"] as? [String: Any]
        let initData = v["init"] as! [String: Any]
        let command: (String) throws -> Observed
        let tick: (Date) throws -> Observed
        func stateOf(_ snapshot: String) -> Any? {
            (try? JSONSerialization.jsonObject(with: Data(snapshot.utf8)) as? [String: Any])?["state"] ?? nil
        }
        switch v["workflow"] as? String {
        case "companion":
            var c = companionDefaultConfig()
            if let n = config?["otp_lifetime_seconds"] as? NSNumber { c.otpLifetimeSeconds = n.uint32Value }
            if let n = config?["otp_max_failures"] as? NSNumber { c.otpMaxFailures = n.uint8Value }
            if let n = config?["auto_confirm_after_seconds"] as? NSNumber { c.autoConfirmAfterSeconds = n.uint32Value }
            if let n = config?["link_request_ttl_seconds"] as? NSNumber { c.linkRequestTtlSeconds = n.uint32Value }
            if let n = config?["max_closed_requests"] as? NSNumber { c.maxClosedRequests = n.uint32Value }
            let relationship: Relationship = (initData["relationship"] as? String) == "none" ? .none : .active
            let i = try CompanionInstance.create(
                instanceId: id,
                init: CompanionInit(sacoId: initData["saco_id"] as! String, customerId: initData["customer_id"] as! String,
                                    account: initData["account"] as! String, relationship: relationship),
                config: c, settings: settings)
            let observe = { (o: CompanionOutcome) in
                Observed(duplicate: o.duplicate, version: o.version, events: o.events.map(\.eventName),
                         effects: o.events.flatMap { $0.effects.map(\.name) }, nextDeadline: o.nextDeadline,
                         state: stateOf(i.snapshot()),
                         position: Dictionary(uniqueKeysWithValues: i.position().map { p in (p.entity.map { "\(p.region):\($0)" } ?? p.region, p.state) }))
            }
            command = { json in let input = try companionCommandFromJson(json: json); return observe(try i.handle(envelope: input.envelope, command: input.command)) }
            tick = { at in observe(try i.tick(at: at)) }
        case "complaint":
            let typedConfig = try config.map {
                try complaintConfigFromJson(json: String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self))
            }
            let i = try ComplaintInstance.create(instanceId: id, init: ComplaintInit(complaintId: initData["complaint_id"] as! String),
                                                 config: typedConfig, settings: settings)
            let observe = { (o: ComplaintOutcome) in
                Observed(duplicate: o.duplicate, version: o.version, events: o.events.map(\.eventName),
                         effects: o.events.flatMap { $0.effects.map(\.name) }, nextDeadline: o.nextDeadline,
                         state: stateOf(i.snapshot()),
                         position: Dictionary(uniqueKeysWithValues: i.position().map { p in (p.entity.map { "\(p.region):\($0)" } ?? p.region, p.state) }))
            }
            command = { json in let input = try complaintCommandFromJson(json: json); return observe(try i.handle(envelope: input.envelope, command: input.command)) }
            tick = { at in observe(try i.tick(at: at)) }
        default:
            // Any other workflow of the registry, through the one JSON object: no code per workflow.
            let configJson = try config.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
            let initJson = String(decoding: try JSONSerialization.data(withJSONObject: initData), as: UTF8.self)
            let i = try WorkflowInstance.create(workflow: v["workflow"] as! String, instanceId: id, initJson: initJson,
                                                configJson: configJson, settings: settings)
            let observe = { (text: String) -> Observed in
                let o = try! JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
                let events = (o["events"] as! [[String: Any]]).map { ($0["event"] as! [String: Any])["type"] as! String }
                let effects = (o["effects"] as! [[String: Any]]).map { e -> String in
                    (e["kind"] as? String) == "notify" ? "notify:\(e["template"] as! String)" : e["kind"] as! String
                }
                return Observed(duplicate: o["duplicate"] as! Bool, version: (o["version"] as! NSNumber).int64Value,
                                events: events, effects: effects, nextDeadline: i.nextDeadline(),
                                state: try? JSONSerialization.jsonObject(with: Data(i.state().utf8)),
                                position: Dictionary(uniqueKeysWithValues: i.position().map { p in (p.entity.map { "\(p.region):\($0)" } ?? p.region, p.state) }))
            }
            command = { json in observe(try i.handle(commandJson: json)) }
            tick = { at in observe(try i.tick(at: at)) }
        }
        var failures: [String] = []
        for (index, s) in (v["steps"] as! [[String: Any]]).enumerated() {
            let expect = s["expect"] as? [String: Any] ?? [:]
            let result: Result<Observed, Error>
            if let c = s["command"] {
                let json = String(decoding: try JSONSerialization.data(withJSONObject: c), as: UTF8.self)
                result = Result { try command(json) }
            } else {
                let at = parseInstant((s["tick"] as! [String: Any])["at"] as! String)!
                result = Result { try tick(at) }
            }
            failures += check(expect, result).map { "step \(index): \($0)" }
        }
        return failures
    }

    func check(_ expect: [String: Any], _ result: Result<Observed, Error>) -> [String] {
        let rejected = expect["rejected"] as? String
        switch result {
        case .failure(let e):
            guard let e = e as? QuytrinhError else { return ["unexpected \(e)"] }
            let code = errorCode(error: e)
            guard let rejected else { return ["expected acceptance, got \(code)"] }
            var f: [String] = code == rejected ? [] : ["expected \(rejected), got \(code)"]
            if let rule = expect["rule"] as? String, case let .Rejected(_, actual, _, _) = e, actual != rule {
                f.append("expected rule \(rule), got \(actual)")
            }
            return f
        case .success(let o):
            if let rejected { return ["expected rejection \(rejected), but accepted"] }
            var f: [String] = []
            if let d = expect["duplicate"] as? Bool, d != o.duplicate { f.append("duplicate") }
            if let n = expect["version"] as? NSNumber, n.int64Value != o.version { f.append("version \(o.version)") }
            if let e = expect["events"] as? [String], e != o.events { f.append("events \(o.events)") }
            if let e = expect["effects"] as? [String], e != o.effects { f.append("effects \(o.effects)") }
            if let p = expect["state"], let m = matches(p, o.state, "state") { f.append(m) }
            if let p = expect["position"] as? [String: String] {
                for (region, state) in p where o.position[region] != state { f.append("position.\(region)") }
            }
            if expect.keys.contains("next_deadline") {
                let actual: Any = o.nextDeadline.map {
                    ["kind": $0.kind, "due": ISO8601DateFormatter().string(from: $0.due), "basis": $0.basis == .clock ? "clock" : "business"] as [String: Any]
                } ?? NSNull()
                if let m = matches(expect["next_deadline"]!, actual, "next_deadline") { f.append(m) }
            }
            return f
        }
    }

    func parseInstant(_ s: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return ISO8601DateFormatter().date(from: s) ?? f.date(from: s)
    }

    /// conformance.rs `matches`: objects by the keys given, arrays element-wise with equal
    /// length, instants compared as instants, `null` matching null or absent.
    func matches(_ pattern: Any, _ actual: Any?, _ path: String) -> String? {
        let actual = actual ?? NSNull()
        if let p = pattern as? [String: Any], let a = actual as? [String: Any] {
            for (k, v) in p { if let m = matches(v, a[k], "\(path).\(k)") { return m } }
            return nil
        }
        if let p = pattern as? [Any], let a = actual as? [Any], p.count == a.count {
            for i in p.indices { if let m = matches(p[i], a[i], "\(path)[\(i)]") { return m } }
            return nil
        }
        if let p = pattern as? String, let a = actual as? String, let pd = parseInstant(p), let ad = parseInstant(a), pd == ad { return nil }
        if (pattern as AnyObject).isEqual(actual) { return nil }
        return "\(path): expected \(pattern), got \(actual)"
    }
}

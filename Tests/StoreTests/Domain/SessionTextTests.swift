import Coffee
import Foundation
import Testing
@testable import Store

/// ``SessionText``: a session's opt-ins and opt-outs read from their byte ranges decode
/// to what `JSONDecoder` gives for the whole text, and anything unexpected falls back to it.
@Suite("SessionText — a stored session with its opt-ins read apart, as JSONDecoder reads it")
struct SessionTextTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000.5)  // exact in binary: reads back equal

    static func program() throws -> Program {
        let draft = ProgramDraft(name: "Coffee", schedule: .once(at: start.addingTimeInterval(86_400 * 30), optInOpensAt: nil))
        return try ProgramTransition.create(id: ProgramID("p1"), tenantID: TenantID("t1"), draft: draft, at: start)
    }

    /// Ids that a scanner could trip on: quotes, backslashes, braces and brackets, the keys
    /// themselves, non-ASCII, an empty one.
    static let awkward = [#"a"b"#, #"back\slash"#, "{[}]", #""optedIn":["#, #""optedOut":[{"rawValue":"x"}]"#,
                          "é\u{301}ß🙂", "", "tab\there", "\u{0}nul"]

    static func sessions() throws -> [Session] {
        let program = try program()
        let base = Session.scheduled(for: program, matchAt: start.addingTimeInterval(86_400), at: start)
        func with(_ optedIn: [String], _ optedOut: [String], state: SessionState = .open) -> Session {
            Session(id: base.id, programID: base.programID, tenantID: base.tenantID, state: state, opensAt: base.opensAt,
                    matchAt: base.matchAt, optedIn: Set(optedIn.map(MemberID.init)), optedOut: Set(optedOut.map(MemberID.init)),
                    createdAt: start, updatedAt: start.addingTimeInterval(5), version: 7)
        }
        let people = (0..<6).map { Participant(id: ParticipantID("m\($0)")) }
        let result = MatchingEngine.run(MatchingInput(participants: people, configuration: program.matching,
                                                      history: MatchHistory(), priority: [], seed: UInt64.max))
        let opened = try SessionTransition.open(with((0..<6).map { "m\($0)" }, ["x"], state: .scheduled), at: start)
        let matched = try SessionTransition.match(opened, result: result, audienceSize: 6, at: start.addingTimeInterval(60))
        let cancelled = try SessionTransition.cancel(with(["a"], [], state: .scheduled), reason: .byAdmin, at: start)
        return [
            base, with([], []), with(["m1"], []), with([], ["m1"]),
            with((0..<2_000).map { UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", $0))?.uuidString.lowercased() ?? "" },
                 (0..<300).map { "out-\($0)" }),
            with(awkward, awkward.map { $0 + "!" }), matched, cancelled,
        ]
    }

    @Test("every kind of session reads back as JSONDecoder reads its text, and as it was")
    func agreesWithJSONDecoder() throws {
        for session in try Self.sessions() {
            let text = try JSONText.encode(session)
            #expect(SessionText.split(text)?.optedIn == session.optedIn, "read apart, not through JSONDecoder")
            let fast = try SessionText.decode(text)
            #expect(fast == (try JSONText.decode(text, as: Session.self)))
            #expect(fast == session, "\(text.prefix(200))")
            let viaOverload: Session = try JSONText.decode(text)
            #expect(viaOverload == session)
        }
    }

    @Test("texts it does not expect are decoded whole by JSONDecoder: the same answer or the same error")
    func fallsBack() throws {
        let session = try Self.sessions()[2]
        let text = try JSONText.encode(session)
        let variants = [
            text.replacingOccurrences(of: #"[{"rawValue":"m1"}]"#, with: #"[{"rawValue":"m1","extra":1}]"#),
            text.replacingOccurrences(of: #""optedIn":"#, with: #" "optedIn" : "#),
            // optedOut written before optedIn.
            text.replacingOccurrences(of: #""optedIn":[{"rawValue":"m1"}],"optedOut":[]"#,
                                      with: #""optedOut":[],"optedIn":[{"rawValue":"m1"}]"#),
        ]
        for variant in variants {
            #expect(variant != text && SessionText.split(variant) == nil)
            #expect(try SessionText.decode(variant) == (try JSONText.decode(variant, as: Session.self)), "\(variant)")
        }
        let broken = [
            text.replacingOccurrences(of: #","optedOut":[]"#, with: ""),
            text.replacingOccurrences(of: #"[{"rawValue":"m1"}]"#, with: #"[{"rawValue":1}]"#),
            text.replacingOccurrences(of: #"[{"rawValue":"m1"}]"#, with: #"[{"rawValue":"m1"}"#),
            String(text.dropLast()),
        ]
        for variant in broken {
            #expect(throws: StoreError.self) { try SessionText.decode(variant) }
        }
    }
}

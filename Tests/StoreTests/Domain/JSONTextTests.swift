import Coffee
import Foundation
import Testing
@testable import Store

@Suite("JSONText — the member row's JSON columns without JSONEncoder")
struct JSONTextTests {
    /// What `JSONEncoder` with the house options writes.
    static func foundation<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static let strings = ["ada@example.com", "", "quote \" backslash \\ slash / tab \t line\nbreak", "Zoé 東京 🎉", "\u{1}"]

    @Test("a list of strings is written as JSONEncoder writes it, and read back")
    func strings() throws {
        let text = try JSONText.encode(Self.strings)
        #expect(text == (try Self.foundation(Self.strings)))
        #expect(try JSONText.decode(text) == Self.strings)
        #expect(try JSONText.encode([String]()) == "[]")
    }

    @Test("lists by key are written with sorted keys as JSONEncoder writes them, and read back")
    func lists() throws {
        let lists = ["team": ["R&D", "Navy"], "city": ["Paris, France"], "bio": Self.strings, "empty": []]
        let text = try JSONText.encode(lists)
        #expect(text == (try Self.foundation(lists)))
        #expect(try JSONText.decode(text) == lists)
    }

    @Test("keys differing only in case, which the SCIM parser refuses, still decode")
    func caseDuplicateKeys() throws {
        let lists: [String: [String]] = try JSONText.decode(#"{"Team":["a"],"team":["b"]}"#)
        #expect(lists == ["Team": ["a"], "team": ["b"]])
    }

    @Test("a column that is not the expected shape is storage corruption")
    func corrupt() {
        #expect(throws: StoreError.self) { let _: [String] = try JSONText.decode(#"{"a":1}"#) }
        #expect(throws: StoreError.self) { let _: [String: [String]] = try JSONText.decode("[1]") }
    }
}

@Suite("OutboxPayload.jsonText — the outbox column without JSONEncoder")
struct OutboxPayloadJSONTests {
    static func payloads() -> [OutboxPayload] {
        var full = OutboxPayload(sequence: 7)
        full.email = "zoé@example.com"
        full.givenName = "Zoé \"Z\""
        full.locale = "fr-FR"
        full.source = "csv"
        full.idpActive = false
        full.changedFields = ["familyName", "givenName"]
        full.changedCategories = ["city"]
        full.added = ["a", "b/c"]
        full.removed = []
        full.expiresAt = Date(timeIntervalSince1970: 1_800_000_000.25)
        full.details = ["session": "s1", "program": "p\n1"]
        full.introduction = OutboxIntroduction(session: "s1", group: 3, members: [
            .init(id: "m1", givenName: "Zoë \"Z\"", familyName: "L\r\nx", email: "zoë@exämple.com"),
            .init(id: "m2", givenName: "", familyName: "", email: nil),
        ])
        var introduced = OutboxPayload(sequence: 4)
        introduced.introduction = OutboxIntroduction(session: "s2", group: 0, members: [
            .init(id: "m1", givenName: "Ada", familyName: "L", email: "ada@example.com",
                  categories: [IntroducedCategory(label: "Départ\"ement", values: ["R&D", "Sales\n"])], timeZone: "Europe/Paris"),
            .init(id: "m2", givenName: "Bo", familyName: "K", email: nil, categories: [], timeZone: nil),
        ], meeting: MeetingProposal(slot: MeetingSlot(start: Date(timeIntervalSince1970: 1_796_911_200),
                                                      end: Date(timeIntervalSince1970: 1_796_913_000)),
                                    windowStart: Date(timeIntervalSince1970: 1_796_623_200),
                                    windowEnd: Date(timeIntervalSince1970: 1_797_228_000)))
        var noSlot = OutboxPayload(sequence: 2)
        noSlot.introduction = OutboxIntroduction(session: "s3", group: 1, members: [],
                                                    meeting: MeetingProposal(slot: nil, windowStart: Date(timeIntervalSince1970: 0),
                                                                             windowEnd: Date(timeIntervalSince1970: 604_800)))
        var welcome = OutboxPayload(sequence: 1)
        welcome.email = "ada@example.com"
        welcome.givenName = "Ada"
        return [OutboxPayload(sequence: 1), full, welcome, introduced, noSlot] + compactIntroductions()
    }

    /// Compact introductions (issue 16), written straight as text when their ids need no
    /// escape: ids plain, with an escape, non-ASCII, a slash; one to three members.
    static func compactIntroductions() -> [OutboxPayload] {
        [(["01a2-m1", "01a2-m2"], "01a24370-ec34@1796600603"), (["m1"], "s1"), (["a", "b", "c"], "s/2"),
         (["m\"1", "m2"], "s3"), (["zoé"], "s4"), ([], "s5")].enumerated().map { index, group in
            var payload = OutboxPayload(sequence: 10 + index)
            payload.introduction = OutboxIntroduction(session: group.1, group: index * 1_000, members: group.0.map {
                .init(id: $0, givenName: "", familyName: "", email: nil)
            }, compact: true)
            return payload
        }
    }

    @Test("a compact introduction is written straight as text when its ids need no escape, as the JSON tree writes it")
    func compactIntroductionText() throws {
        let fast = Self.compactIntroductions().map { $0.compactIntroductionText != nil }
        #expect(fast == [true, true, false, false, false, true])
        for payload in Self.compactIntroductions() + Self.payloads() {
            #expect(payload.jsonText == payload.treeText)
        }
        var named = try #require(Self.compactIntroductions().first)
        named.introduction?.members[0].givenName = "Ada"
        #expect(named.compactIntroductionText == nil, "filled in: through the tree")
    }

    @Test("every field, present or absent, is written as JSONEncoder writes it, and decodes back")
    func sameAsFoundation() throws {
        for payload in Self.payloads() {
            let text = try JSONText.encode(payload)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            // An invitation's expiry in ISO 8601 without fractions; a meeting's instants as Timestamps.
            encoder.dateEncodingStrategy = payload.introduction?.meeting == nil ? .iso8601 : .custom { date, encoder in
                var container = encoder.singleValueContainer()
                try container.encode(Timestamp.string(from: date))
            }
            #expect(text == String(decoding: try encoder.encode(payload), as: UTF8.self), "\(text)")
            let decoded: OutboxPayload = try JSONText.decode(text)
            var expected = payload
            expected.expiresAt = payload.expiresAt.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) }
            #expect(decoded == expected)
        }
    }
}

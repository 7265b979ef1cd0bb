import Foundation
import SCIM
import Testing
import TestSupport
@testable import Percolator

/// `GET /api/v1/programs/{id}/sessions` a page at a time: every session carries its
/// opt-ins and opt-outs, so years of a weekly opt-in program were once one answer of
/// megabytes.
@Suite("Admin API — a program's sessions, paged by match time")
struct ProgramSessionPagesTests {
    @Test("pages of `limit` sessions by match time, each once, `next` absent on the last; a bad cursor or limit is a 400")
    func pages() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let base = Date().addingTimeInterval(86_400).timeIntervalSince1970.rounded(.down)
            let created = try await admin.post("/api/v1/programs", ["name": "Hourly",
                "schedule": ["type": "once", "at": .string(ProgramSessionTests.iso(Date(timeIntervalSince1970: base + 100 * 3_600)))]])
            let id = try #require(created[attribute: "id"]?.stringValue)
            // Seven one-off sessions, created out of order, one at 250 ms past its second.
            for hours in [5.0, 1, 3, 2, 7, 4, 6] {
                let matchAt = base + hours * 3_600 + (hours == 3 ? 0.25 : 0)
                let text = Date(timeIntervalSince1970: matchAt).formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
                let response = try await admin.post("/api/v1/programs/\(id)/sessions", ["matchAt": .string(text)])
                #expect(response.status == 201, "\(text): \(response.text)")
            }
            let everything = try await admin.get("/api/v1/programs/\(id)/sessions")
            #expect(everything.status == 200 && everything[attribute: "next"] == nil, "\(everything.text)")
            let all = try #require(everything[attribute: "items"]?.arrayValue).compactMap { $0[attribute: "id"]?.stringValue }
            #expect(all.count == 7, "\(everything.text)")
            let times = try #require(everything[attribute: "items"]?.arrayValue).compactMap { $0[attribute: "matchAt"]?.stringValue }
            #expect(times == times.sorted() && times.count == 7)
            for limit in [1, 2, 3, 7] {
                var seen: [String] = []
                var after: String?
                for _ in 0..<10 {
                    let page = try await admin.get("/api/v1/programs/\(id)/sessions?limit=\(limit)" + (after.map { "&after=\($0)" } ?? ""))
                    #expect(page.status == 200, "\(page.text)")
                    let items = page[attribute: "items"]?.arrayValue ?? []
                    #expect(items.count <= limit)
                    seen += items.compactMap { $0[attribute: "id"]?.stringValue }
                    guard let next = page[attribute: "next"]?.stringValue else { break }
                    #expect(items.count == limit, "a page before the last is full")
                    after = next
                }
                #expect(seen == all, "limit \(limit)")
            }
            // A cursor past any instant the Store writes (31 million years on) is an empty last
            // page; it once stopped the server (schemathesis found it).
            let beyond = try await admin.get("/api/v1/programs/\(id)/sessions?after=999999999999999999")
            #expect(beyond.status == 200 && beyond[attribute: "items"] == [] && beyond[attribute: "next"] == nil, "\(beyond.text)")
            for query in ["after=abc", "after=-1", "limit=0", "limit=x", "limit=9223372036854775808"] {
                let response = try await admin.get("/api/v1/programs/\(id)/sessions?\(query)")
                #expect(response.status == 400 && response[attribute: "detail"]?.stringValue?.isEmpty == false, "\(query): \(response.text)")
            }
        }
    }

    @Test("a cursor is the last session's match time in milliseconds, read back to the same instant the Store keeps", arguments: [
        1_800_000_000.2136, 1_800_000_000.999_9, 1_800_000_000.0, 1_800_000_000.001, 2_000_000_000.25,
    ])
    func cursorInstants(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let milliseconds = AdminJSON.milliseconds(date)
        #expect(AdminJSON.milliseconds(AdminJSON.instant(milliseconds: milliseconds)) == milliseconds)
        #expect(AdminJSON.date(AdminJSON.instant(milliseconds: milliseconds)) == AdminJSON.date(date))
    }
}

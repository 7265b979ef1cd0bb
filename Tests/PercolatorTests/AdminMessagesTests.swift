import Foundation
import SCIM
import Testing
import TestSupport
@testable import Percolator

/// The smaller defects of issue 16 (defect 6): what the admin API and the command line
/// say must be exact and readable.
@Suite("Admin API and CLI messages say what is meant")
struct AdminMessagesTests {
    @Test("createdAt keeps its milliseconds after an update; retentionDays is a whole number")
    func timestampsAndNumbers() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let future = JSONValue.string(ProgramSessionTests.iso(Date().addingTimeInterval(3_600)))
            let created = try await admin.post("/api/v1/programs", ["name": "Ms", "schedule": ["type": "once", "at": future]])
            let id = try #require(created[attribute: "id"]?.stringValue)
            let createdAt = try #require(created[attribute: "createdAt"]?.stringValue)
            let patched = try await admin.patch("/api/v1/programs/\(id)", ["name": "Ms renamed"])
            #expect(patched.status == 200, "\(patched.text)")
            #expect(patched[attribute: "createdAt"]?.stringValue == createdAt)
            #expect(try await admin.get("/api/v1/programs/\(id)")[attribute: "createdAt"]?.stringValue == createdAt)

            let settings = try await admin.get("/api/v1/settings")
            #expect(settings[attribute: "retentionDays"] == .integer(30), "\(settings.text)")
            #expect(!settings.text.contains("30.0"))
            let half = try await admin.patch("/api/v1/settings", ["retentionDays": .decimal(1.5)])
            #expect(half[attribute: "retentionDays"] == .decimal(1.5), "\(half.text)")
        }
    }

    @Test("a program's name is one line of at most 100 characters, on create and on rename; nothing is stored otherwise")
    func programNames() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let future = JSONValue.string(ProgramSessionTests.iso(Date().addingTimeInterval(3_600)))
            for name in ["Coffee\r\nBcc: x@example.com", "Café \u{202E}iduL", String(repeating: "x", count: 5_000)] {
                let refused = try await admin.post("/api/v1/programs", ["name": .string(name), "schedule": ["type": "once", "at": future]])
                #expect(refused.status == 400, "\(refused.text)")
                #expect(refused[attribute: "detail"]?.stringValue?.contains("the program's name") == true, "\(refused.text)")
            }
            #expect(try await admin.get("/api/v1/programs")[attribute: "items"]?.arrayValue?.isEmpty == true, "nothing stored")
            let created = try await admin.post("/api/v1/programs", ["name": "Café du lundi", "schedule": ["type": "once", "at": future]])
            let id = try #require(created[attribute: "id"]?.stringValue)
            let renamed = try await admin.patch("/api/v1/programs/\(id)", ["name": "Café\ndu mardi"])
            #expect(renamed.status == 400, "\(renamed.text)")
            #expect(try await admin.get("/api/v1/programs/\(id)")[attribute: "name"] == "Café du lundi")
        }
    }

    @Test("instants are shown truncated to the millisecond, as stored, never rounded up", arguments: [
        (1_800_000_000.2136, "2027-01-15T08:00:00.213Z"), (1_800_000_000.999_9, "2027-01-15T08:00:00.999Z"),
        (1_800_000_000.0, "2027-01-15T08:00:00.000Z"), (1_800_000_000.001, "2027-01-15T08:00:00.001Z"),
    ])
    func instants(seconds: Double, text: String) {
        #expect(AdminJSON.date(Date(timeIntervalSince1970: seconds)) == .string(text))
    }

    @Test("a client's instant is one of years 0000–9999 in UTC, whatever its offset", arguments: [
        ("9999-12-31T23:59:59.999Z", true), ("9999-12-31T23:59:59-14:00", false), ("9999-12-31T09:59:59-14:00", true),
        ("0000-01-01T00:00:00Z", true), ("0000-01-01T00:00:00+00:01", false), ("0000-01-01T23:00:00+14:00", true),
    ])
    func instantRange(text: String, accepted: Bool) {
        #expect((AdminJSON.parseDate(text) != nil) == accepted)
    }

    @Test("an unparseable matchAt is called unparseable, not missing", arguments: [
        (JSONValue.string("next tuesday"), "not an ISO 8601 instant"),
        (.string("2026-12-01T09:30:00"), "not an ISO 8601 instant"),
        (.integer(1_764_581_400), "not an ISO 8601 instant"),
        (.string("9999-12-31T23:59:59-14:00"), "not an ISO 8601 instant"),
        (.null, "'matchAt' is required"),
    ])
    func unparseableMatchAt(value: JSONValue, message: String) async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let future = JSONValue.string(ProgramSessionTests.iso(Date().addingTimeInterval(3_600)))
            let created = try await admin.post("/api/v1/programs", ["name": "At", "schedule": ["type": "once", "at": future]])
            let id = try #require(created[attribute: "id"]?.stringValue)
            let response = try await admin.post("/api/v1/programs/\(id)/sessions", ["matchAt": value])
            #expect(response.status == 400)
            #expect(response[attribute: "detail"]?.stringValue?.contains(message) == true, "\(response.text)")
        }
    }

    @Test("a token of the other kind is refused naming the API it belongs to; an unknown one is just not valid")
    func wrongKindOfToken() async throws {
        try await LiveServer.with { live in
            let scimWithAdmin = try live.client(token: live.adminToken)
            let refusedSCIM = try await scimWithAdmin.get("/scim/v2/Users")
            #expect(refusedSCIM.status == 401)
            #expect(refusedSCIM[attribute: "detail"]?.stringValue?.contains("This is an admin token") == true, "\(refusedSCIM.text)")
            let adminWithSCIM = try live.client(token: live.scimToken)
            let refusedAdmin = try await adminWithSCIM.get("/api/v1/members")
            #expect(refusedAdmin.status == 401)
            #expect(refusedAdmin[attribute: "detail"]?.stringValue?.contains("This is a SCIM provisioning token") == true,
                    "\(refusedAdmin.text)")
            let unknown = try live.client(token: "pct_" + String(repeating: "A", count: 43))
            #expect(try await unknown.get("/api/v1/members")[attribute: "detail"] == "The bearer token is not valid.")
        }
    }

    @Test("command-line errors print the sentence, never a Swift type")
    func commandLineMessages() {
        let message = CommandLineError.message(for: SCIMError.invalidValue("Column 'Ville' maps to nothing."))
        #expect(message == "Column 'Ville' maps to nothing.")
        #expect(!CommandLineError.message(for: SCIMError.notFound("x")).contains("SCIMError"))
    }
}

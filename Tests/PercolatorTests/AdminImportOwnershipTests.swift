import Foundation
import SCIM
import Testing
import TestSupport
@testable import Percolator

/// CSV columns are never dropped silently (issue 16, defect 4): on a fresh tenant a
/// `Department` column fills the identity provider's department category for the members
/// the file creates; a member the IdP provisioned keeps its value, with a warning; the
/// dry run lists every ignored column and why.
@Suite("CSV import end to end — category ownership per member")
struct AdminImportOwnershipTests {
    @Test("a Department column fills CSV members, not the IdP's; ignored columns are listed")
    func departmentColumn() async throws {
        try await LiveServer.with { live in
            let scim = try live.client()
            _ = try await ProgramSessionTests.provision(scim, 1, prefix: "idp", departments: ["Legal"])
            let csv = Array("""
                First name,Last name,Email,Department,Notes
                Ada,Lovelace,ada@example.com,R&D,likes tea
                Idp,Member,idp0@example.com,Sales,
                """.utf8)
            let dryRun = try await CSVUpload.post(port: live.port, token: live.adminToken, query: "column.Notes=ignore", body: csv)
            #expect(dryRun.status == 200, "\(String(describing: dryRun.json))")
            #expect(dryRun.report?[attribute: "applicable"] == true)
            #expect(dryRun.report?[attribute: "fileErrors"] == [])
            let ignored = dryRun.report?[attribute: "ignoredColumns"]?.arrayValue ?? []
            #expect(ignored.count == 1)
            #expect(ignored.first?[attribute: "column"] == "Notes" && ignored.first?[attribute: "reason"] == "chosen")
            let ada = dryRun.rows.first { $0[attribute: "email"] == "ada@example.com" }
            #expect(ada?[attribute: "categories"]?[attribute: "department"] == ["R&D"], "\(String(describing: ada))")
            let idp = dryRun.rows.first { $0[attribute: "email"] == "idp0@example.com" }
            let warnings = idp?[attribute: "warnings"]?.arrayValue?.compactMap { $0[attribute: "code"]?.stringValue } ?? []
            #expect(warnings.contains("categoryOwnedByIdentityProvider"), "\(String(describing: idp))")

            let applied = try await CSVUpload.post(port: live.port, token: live.adminToken,
                                                   query: "dryRun=false&column.Notes=ignore", body: csv)
            #expect(applied.status == 200, "\(String(describing: applied.json))")
            let admin = try live.client(token: live.adminToken)
            let members = try await admin.get("/api/v1/members").json?[attribute: "items"]?.arrayValue ?? []
            func department(_ email: String) -> JSONValue? {
                members.first { $0[attribute: "emails"]?.arrayValue?.contains(.string(email)) == true
                    || $0[attribute: "email"] == .string(email) || $0[attribute: "userName"] == .string(email) }?[attribute: "categories"]?[attribute: "department"]
            }
            #expect(department("ada@example.com") == ["R&D"], "\(members)")
            #expect(department("idp0@example.com") == ["Legal"], "the IdP's value stays: \(members)")
        }
    }
}

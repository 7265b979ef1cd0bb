import Coffee
import FoundationEssentials
import Glibc
import SCIM
import Store

/// `percolator members list|import` and `percolator session run|show`: the admin API's
/// code, run against the database file (WAL lets them run beside a live server). Output
/// is a table for people; `--json` gives the admin API's representation for scripts.
enum DomainCommands {
    static func listMembers(storage: any StorageBackend, tenant: Store.TenantID, arguments: ParsedArguments,
                            invocation: String) async throws -> Int32 {
        var query = MemberQuery()
        if let text = arguments.options["lifecycle"] {
            guard let lifecycle = Lifecycle(rawValue: text) else {
                ConsoleOutput.standardError("\(invocation): --lifecycle must be live, deprovisioned or purged.\n")
                return 64
            }
            query.lifecycle = lifecycle
        }
        if let text = arguments.options["status"] {
            guard ["pending", "active", "inactive"].contains(text) else {
                ConsoleOutput.standardError("\(invocation): --status must be pending, active or inactive.\n")
                return 64
            }
            query.localStatus = text
        }
        query.text = arguments.options["q"]
        let filter = query
        var after: Int64 = 0
        let now = Date()
        var table = TextTable(header: ["NAME", "EMAIL", "STATUS", "SOURCE", "CATEGORIES"])
        var json: [JSONValue] = []
        while true {
            let cursor = after
            let page = try await storage.persistence().read { db in
                try db.members.page(tenant: tenant, matching: filter, after: cursor, limit: 1_000)
            }
            for (_, member) in page {
                if arguments.flags.contains("json") {
                    json.append(MemberRepresentation.json(member, at: now))
                    continue
                }
                table.rows.append([name(of: member), member.primaryEmail?.rawValue ?? member.userName, status(of: member, at: now),
                                   member.source.rawValue, categories(member.categoryValues)])
            }
            guard page.count == 1_000, let last = page.last else { break }
            after = last.seq
        }
        if arguments.flags.contains("json") {
            ConsoleOutput.standardOutput(JSONValue.array(json).encodedString(layout: .prettyPrinted) + "\n")
        } else if table.rows.isEmpty {
            ConsoleOutput.standardError("\(invocation): no member matches.\n")
        } else {
            ConsoleOutput.standardOutput(table.rendered)
        }
        return 0
    }

    /// The name to show: the display name, else given and family names, else the user name.
    static func name(of member: Member) -> String {
        if let display = member.displayName, !display.isEmpty { return display }
        let full = "\(member.givenName) \(member.familyName)".trimmingCharacters(in: .whitespaces)
        return full.isEmpty ? member.userName : full
    }

    /// One word or two for the member's state: lifecycle first, then the identity
    /// provider's flag, then the platform's status; `(not eligible: snoozed)` when an
    /// active member still cannot be matched.
    static func status(of member: Member, at date: Date) -> String {
        if member.lifecycle != .live { return member.lifecycle.rawValue }
        if !member.idpActive { return "deactivated by IdP" }
        switch member.localStatus {
        case .pending: return "pending"
        case .inactive(let reason): return "inactive (\(reason.rawValue))"
        case .active:
            let reasons = MemberRepresentation.reasons(Eligibility.of(member, at: date))
            return reasons.isEmpty ? "active" : "active (not eligible: \(reasons.joined(separator: ", ")))"
        }
    }

    /// `city=Paris; department=R&D|Sales`.
    static func categories(_ values: CategoryValues) -> String {
        values.keys.map { "\($0.rawValue)=\(values[$0].joined(separator: "|"))" }.joined(separator: "; ")
    }
}

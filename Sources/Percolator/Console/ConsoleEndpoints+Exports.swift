import Coffee
import FoundationEssentials
import HTTP
import Store
import Web

/// CSV exports (issue 13, items 3 and 7), as ``SpreadsheetCSV`` downloads: the members
/// list with the list's filters (administrators only), and a matched session's groups
/// (whoever may see the session: administrators, and the program's owners).
extension ConsoleEndpoints {
    /// The most members one export holds.
    static let exportLimit = 200_000
    /// Members read per transaction by an export.
    static let exportPage = 1_000

    func registerExports(on router: inout Router) {
        router.add(.get, ConsolePaths.membersExport) { request in
            await handle(request, access: .administrator) { visit in
                let query = Self.membersQuery(text: request.query(ConsoleField.query), status: request.query(ConsoleField.status))
                let catalog = try await services.categories.catalog(tenant: visit.tenant)
                let t = ConsoleLocalizer(visit.language)
                var file = SpreadsheetCSV(header: ["Email", "First name", "Last name", "Status", "Source"]
                                          + catalog.categories.map(\.label))
                var after: Int64 = 0
                while file.rows.count < Self.exportLimit {
                    let page = try await services.members.page(tenant: visit.tenant, matching: query, after: after, limit: Self.exportPage)
                    for (_, member) in page {
                        let row = Self.row(member)
                        file.rows.append([row.email, member.givenName, member.familyName, t(ConsoleMembersPage.label(ofStatus: row.status)),
                                          row.source] + catalog.categories.map { member.categoryValues[$0.key].joined(separator: "|") })
                    }
                    guard page.count == Self.exportPage, let last = page.last else { break }
                    after = last.seq
                }
                return Self.download(file, filename: "members-\(Self.day(visit.now)).csv")
            }
        }
        router.add(.get, "/admin/sessions/{id}/groups.csv") { request in
            await handle(request, access: .signedIn) { visit in
                let id = SessionID(request.pathParameters["id"] ?? "")
                let session = try await services.sessions.session(id, tenant: visit.tenant, visibleTo: visit.programViewer)
                guard session.state == .matched || session.state == .closed else { return visit.message(.notFound) }
                let program = try await services.programs.program(session.programID, tenant: visit.tenant, visibleTo: visit.programViewer)
                let matches = try await services.sessions.matches(of: id, tenant: visit.tenant, visibleTo: visit.programViewer)
                var file = SpreadsheetCSV(header: ["Program", "Session", "Group", "Email", "First name", "Last name"])
                for (number, group) in matches.result.groups[matches.page].enumerated() {
                    for participant in group.members {
                        let member = matches.members[participant.rawValue]
                        file.rows.append([program.name, Self.format(session.matchAt), String(number + 1),
                                          member?.primaryEmail?.rawValue ?? "", member?.givenName ?? participant.rawValue,
                                          member?.familyName ?? ""])
                    }
                }
                return Self.download(file, filename: "session-\(Self.day(session.matchAt))-groups.csv")
            }
        }
    }

    /// The members list's query for its `q` and `status` parameters.
    static func membersQuery(text: String?, status: String?) -> MemberQuery {
        var query = MemberQuery()
        let text = text?.trimmingCharacters(in: .whitespaces) ?? ""
        if !text.isEmpty { query.text = String(text.prefix(200)) }
        if let status, ConsoleMembersPage.statuses.contains(status) {
            if status == "deprovisioned" {
                query.lifecycle = .deprovisioned
            } else {
                query.lifecycle = .live
                query.localStatus = status
            }
        }
        return query
    }

    /// `file` as a download named `filename` (never cached: it holds members' data).
    static func download(_ file: SpreadsheetCSV, filename: String) -> HTTPResponse {
        var headers = HTTPFields([("Content-Type", SpreadsheetCSV.contentType),
                                  ("Content-Disposition", SpreadsheetCSV.contentDisposition(filename: filename))]
                                 + SecurityHeaders.page.map { ($0.name, $0.value) })
        headers.append(name: "X-Download-Options", value: "noopen")
        return HTTPResponse(status: 200, headers: headers, body: file.bytes())
    }

    /// `date`'s day, `yyyy-mm-dd` (UTC).
    static func day(_ date: Date) -> String { String(format(date).prefix(10)) }
}

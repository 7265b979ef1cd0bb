import Coffee
import FoundationEssentials
import HTTP
import Store
import Web

/// The members pages: the list (search, status filter, pages), a member's page, and the
/// add-a-member form, all through ``MemberService``.
extension ConsoleEndpoints {
    /// Rows per page of the members list.
    static let membersPerPage = 50

    func registerMembers(on router: inout Router) {
        router.add(.get, ConsolePaths.members) { request in
            await handle(request, access: .administrator) { visit in
                let text = request.query(ConsoleField.query)?.trimmingCharacters(in: .whitespaces) ?? ""
                let status = request.query(ConsoleField.status).flatMap { ConsoleMembersPage.statuses.contains($0) ? $0 : nil } ?? ""
                let query = Self.membersQuery(text: text, status: status)
                let after = request.query(ConsoleField.after).flatMap { Int64($0) }.map { max(0, $0) } ?? 0
                let page = try await services.members.page(tenant: visit.tenant, matching: query, after: after,
                                                           limit: Self.membersPerPage + 1)
                let rows = page.prefix(Self.membersPerPage).map { Self.row($0.member) }
                let next = page.count > Self.membersPerPage ? page[Self.membersPerPage - 1].seq : nil
                return visit.page(ConsoleMembersPage(query: text, status: status, rows: Array(rows), next: next.map(String.init)),
                                  section: .members)
            }
        }
        router.add(.get, ConsolePaths.newMember) { request in
            await handle(request, access: .administrator) { visit in
                // The welcome email is chosen by default when the tenant sends it by default.
                let sendsWelcome = try await services.tenant.settings(tenant: visit.tenant).sendsWelcomeEmail
                return visit.page(ConsoleAddMemberPage(sendsWelcome: sendsWelcome), section: .members)
            }
        }
        router.add(.post, ConsolePaths.newMember) { request in
            await handle(request, access: .administrator, unsafe: true) { visit in
                let form = visit.form
                let givenName = form?[ConsoleField.givenName]?.trimmingCharacters(in: .whitespaces) ?? ""
                let familyName = form?[ConsoleField.familyName]?.trimmingCharacters(in: .whitespaces) ?? ""
                let email = form?[ConsoleField.email]?.trimmingCharacters(in: .whitespaces) ?? ""
                let sendsWelcome = form?[ConsoleField.welcome] != "no"
                var page = ConsoleAddMemberPage(givenName: givenName, familyName: familyName, email: email, sendsWelcome: sendsWelcome)
                guard !givenName.isEmpty, !familyName.isEmpty, (try? EmailAddress(email)) != nil else {
                    page.problem = .missingFields
                    return visit.page(page, section: .members, status: 400)
                }
                let member: Member
                do {
                    member = try await services.members.add(ManualEntry(givenName: givenName, familyName: familyName, email: email),
                                                            id: MemberID(RandomID.make()), sendsWelcomeEmail: sendsWelcome,
                                                            tenant: visit.tenant, at: visit.now)
                } catch let error as MemberError {
                    page.problem = Self.isDuplicate(error) ? .emailTaken : .missingFields
                    return visit.page(page, section: .members, status: Self.isDuplicate(error) ? 409 : 400)
                }
                return Self.redirect(to: ConsolePaths.member(member.id.rawValue) + "?notice=memberAdded")
            }
        }
        router.add(.get, ConsolePaths.members + "/{id}") { request in
            await handle(request, access: .administrator) { visit in
                let id = MemberID(request.pathParameters["id"] ?? "")
                let (member, events) = try await services.members.memberWithHistory(id, tenant: visit.tenant, limit: 50)
                let catalog = try await services.categories.catalog(tenant: visit.tenant)
                let matches = try await console.matchHistory(of: id, tenant: visit.tenant)
                let t = ConsoleLocalizer(visit.language)
                let row = Self.row(member)
                let facts: [ConsoleMemberPage.Fact] = [
                    .init(label: t(.emailColumn), value: row.email),
                    .init(label: t(.statusColumn), value: t(ConsoleMembersPage.label(ofStatus: row.status))),
                    .init(label: t(.sourceColumn), value: ConsoleMembersPage.label(ofSource: row.source).map { t($0) } ?? row.source),
                ]
                let categories = member.categoryValues.keys.map { key in
                    let category = catalog[key]
                    let owner = category?.source == .identityProvider ? "identityProvider"
                        : (category?.isMemberEditable == true ? "member" : "admin")
                    return (label: category?.label ?? key.rawValue, values: member.categoryValues[key], owner: owner)
                }
                var page = ConsoleMemberPage(
                    name: row.name, facts: facts, categories: categories,
                    matches: matches.map { (date: Self.format($0.group.matchedAt), program: $0.program, partners: $0.partners) },
                    history: events.map { .init(label: Self.format($0.occurredAt), value: Self.eventLabel($0.kind, t)) })
                page.statusControl = Self.statusControl(of: member) // console-b
                let notices: [String: ConsoleMessageKey] = ["memberAdded": .memberAdded, "statusChanged": .statusChanged,
                                                            "snoozeChanged": .snoozeChanged]
                return visit.page(page, section: .members, notice: request.query("notice").flatMap { notices[$0] }.map { t($0) })
            }
        }
    }

    /// A member as a row of the list.
    static func row(_ member: Member) -> ConsoleMembersPage.Row {
        let status: String
        if member.lifecycle != .live {
            status = "deprovisioned"
        } else {
            switch member.localStatus {
            case .pending: status = "pending"
            case .active: status = "active"
            case .inactive: status = "inactive"
            }
        }
        return ConsoleMembersPage.Row(id: member.id.rawValue, name: "\(member.givenName) \(member.familyName)"
                                        .trimmingCharacters(in: .whitespaces),
                                      email: member.primaryEmail?.rawValue ?? "", status: status, source: member.source.rawValue)
    }

    /// Whether `error` says the address is taken.
    static func isDuplicate(_ error: MemberError) -> Bool {
        if case .emailTaken = error { return true }
        return false
    }
}

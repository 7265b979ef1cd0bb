import Coffee
import FoundationEssentials
import HTTP
import Web

extension PortalEndpoints {
    /// `/programs` and `/matches`, and the program choices they post.
    func registerPrograms(on router: inout Router) {
        router.add(.get, paths.programs) { request in
            await handle(request) { visit in
                guard let session = visit.session else { return PortalResponses.redirect(to: paths.signIn) }
                let (member, programs) = try await portal.programs(session, at: visit.now)
                let earliest = Self.day(visit.now.addingTimeInterval(86_400))
                let searched = request.query(PortalField.program)
                let text = request.query(PortalField.query) ?? ""
                let found = searched == nil || text.isEmpty ? [] : try await portal.colleagues(matching: text, for: session)
                let cards = programs.map { entry in
                    let next = entry.nextSession
                    let participation: ProgramCard.NextSession = entry.program.participationMode == .optIn
                        ? .optIn(isOptedIn: next.map { $0.optedIn.contains(member.id) } ?? false)
                        : .automatic(isSkipping: next.map { $0.optedOut.contains(member.id) } ?? false)
                    let snoozed = entry.preference.snoozedUntil.flatMap { $0 > visit.now ? $0 : nil }
                    return ProgramCard(id: entry.program.id.rawValue, name: entry.program.name,
                                       schedule: Self.schedule(entry.program.schedule),
                                       nextSession: next.map { Self.instant($0.matchAt) }, participation: participation,
                                       hasLeft: entry.preference.hasLeft,
                                       snooze: Snooze(until: snoozed.map(Self.day), untilISODate: snoozed.map(Self.day),
                                                      earliestISODate: earliest),
                                       avoided: entry.avoided.map { MemberChoice(id: $0.id.rawValue, name: Self.name(of: $0)) },
                                       search: searched == entry.program.id.rawValue && !text.isEmpty
                                           ? AvoidSearch(query: text, results: found.filter { !entry.preference.avoid.contains($0.id) }
                                               .map { MemberChoice(id: $0.id.rawValue, name: Self.name(of: $0)) })
                                           : nil)
                }
                let snoozed = member.snoozedUntil.flatMap { $0 > visit.now ? $0 : nil }
                let page = ProgramsPage(snooze: Snooze(until: snoozed.map(Self.day), untilISODate: snoozed.map(Self.day),
                                                       earliestISODate: earliest), programs: cards)
                return visit.page(page, at: paths.programs, section: .programs, memberName: Self.name(of: member))
            }
        }
        router.add(.get, paths.matches) { request in
            await handle(request) { visit in
                guard let session = visit.session else { return PortalResponses.redirect(to: paths.signIn) }
                let matches = try await portal.matches(session)
                let cards = matches.map { Self.card($0, answer: nil, rating: nil) }
                let weekAgo = visit.now.addingTimeInterval(-7 * 86_400)
                let current = zip(matches, cards).filter { $0.0.group.matchedAt >= weekAgo }.map(\.1)
                let past = zip(matches, cards).filter { $0.0.group.matchedAt < weekAgo }.map(\.1)
                return visit.page(MatchesPage(current: current, past: past), at: paths.matches, section: .matches)
            }
        }
        router.add(.post, "/programs/{id}/participation") { request in
            await handle(request, unsafe: true) { visit in
                guard let session = visit.session else { return PortalResponses.redirect(to: paths.signIn) }
                let choice = visit.form?[PortalField.choice] ?? ""
                try await portal.setParticipation(in: ProgramID(request.pathParameters["id"] ?? ""),
                                                  takingPart: choice == "opt-in" || choice == "unskip", for: session, at: visit.now)
                return PortalResponses.redirect(to: paths.programs)
            }
        }
        router.add(.post, "/programs/{id}/membership") { request in
            await handle(request, unsafe: true) { visit in
                guard let session = visit.session else { return PortalResponses.redirect(to: paths.signIn) }
                let left = visit.form?[PortalField.choice] == "leave"
                _ = try await programService.changePreference(of: session.memberID, in: ProgramID(request.pathParameters["id"] ?? ""),
                                                              tenant: session.tenantID, PreferenceChange(left: left))
                return PortalResponses.redirect(to: paths.programs)
            }
        }
        router.add(.post, "/programs/{id}/snooze") { request in
            await handle(request, unsafe: true) { visit in
                guard let session = visit.session else { return PortalResponses.redirect(to: paths.signIn) }
                let until = try Self.snoozeDate(visit)
                _ = try await programService.changePreference(of: session.memberID, in: ProgramID(request.pathParameters["id"] ?? ""),
                                                              tenant: session.tenantID, PreferenceChange(snoozedUntil: .some(until)))
                return PortalResponses.redirect(to: paths.programs)
            }
        }
        router.add(.post, "/programs/{id}/avoid") { request in
            await handle(request, unsafe: true) { visit in
                guard let session = visit.session else { return PortalResponses.redirect(to: paths.signIn) }
                let program = ProgramID(request.pathParameters["id"] ?? "")
                guard let other = visit.form?[PortalField.member].map(MemberID.init) else { throw PortalRefusal.badForm }
                var avoid = try await programService.preference(of: session.memberID, in: program, tenant: session.tenantID).avoid
                switch visit.form?[PortalField.choice] {
                case "add": avoid.insert(other)
                case "remove": avoid.remove(other)
                default: throw PortalRefusal.badForm
                }
                _ = try await programService.changePreference(of: session.memberID, in: program, tenant: session.tenantID,
                                                              PreferenceChange(avoid: avoid))
                return PortalResponses.redirect(to: paths.programs)
            }
        }
        router.add(.post, paths.snooze) { request in
            await handle(request, unsafe: true) { visit in
                guard let session = visit.session else { return PortalResponses.redirect(to: paths.signIn) }
                let until = try Self.snoozeDate(visit)
                _ = try await members.apply(to: session.memberID, tenant: session.tenantID, at: visit.now) { member, now throws(MemberError) in
                    try LocalStatusTransition.snooze(member, until: until, at: now)
                }
                return PortalResponses.redirect(to: paths.programs)
            }
        }
    }

    /// The date of a snooze form (`until` = yyyy-mm-dd, the end of that day in UTC), or
    /// `nil` for `choice` = `end`.
    static func snoozeDate(_ visit: PortalVisit) throws -> Date? {
        guard visit.form?[PortalField.choice] != "end" else { return nil }
        guard let text = visit.form?[PortalField.until],
              let day = try? Date(text + "T23:59:59Z", strategy: .iso8601), day > visit.now else {
            throw PortalRefusal.badForm
        }
        return day
    }

    /// How a member is named on a page: its display name, else its first and last names.
    static func name(of member: Member) -> String {
        if let display = member.displayName, !display.isEmpty { return display }
        return [member.givenName, member.familyName].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// A day as `yyyy-mm-dd` (UTC).
    static func day(_ date: Date) -> String {
        String(Timestamp.iso8601(epochSeconds: date.timeIntervalSince1970).prefix(10))
    }

    /// An instant as `yyyy-mm-dd hh:mm UTC`.
    static func instant(_ date: Date) -> String {
        let text = Timestamp.iso8601(epochSeconds: date.timeIntervalSince1970)
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5)) + " UTC"
    }

    /// A schedule in a few words (weekday numbers are ISO: 1 is Monday).
    static func schedule(_ schedule: Schedule) -> String {
        switch schedule {
        case .once(let at, _): return instant(at)
        case .recurring(let everyWeeks, let weekday, let time, let zone, _, _):
            let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            let day = (1...7).contains(weekday) ? days[weekday - 1] : "?"
            let every = everyWeeks == 1 ? "weekly" : "every \(everyWeeks) weeks"
            return "\(every), \(day) \(String(format: "%02d:%02d", time.hour, time.minute)) (\(zone))"
        }
    }
}

import Coffee
import FoundationEssentials
import SCIM

/// Sessions, their matches and program statistics in the admin API's JSON.
enum SessionJSON {
    static func json(_ session: Session) -> JSONValue {
        AdminJSON.object([
            ("id", .string(session.id.rawValue)),
            ("programId", .string(session.programID.rawValue)),
            ("state", .string(session.state.rawValue)),
            ("opensAt", AdminJSON.date(session.opensAt)),
            ("matchAt", AdminJSON.date(session.matchAt)),
            ("optedIn", AdminJSON.strings(session.optedIn.map(\.rawValue).sorted())),
            ("optedOut", AdminJSON.strings(session.optedOut.map(\.rawValue).sorted())),
            ("cancellationReason", session.cancellationReason.map { .string($0.rawValue) }),
            ("match", session.match.map { match in
                AdminJSON.object([
                    // A string: a UInt64 does not fit JSON numbers safely.
                    ("seed", .string(String(match.seed))),
                    ("engineVersion", .string(match.engineVersion)),
                    ("matchedAt", AdminJSON.date(match.matchedAt)),
                    ("audienceSize", .integer(Int64(match.summary.audienceSize))),
                    ("participants", .integer(Int64(match.summary.participants))),
                    ("groups", .integer(Int64(match.summary.groups))),
                    ("pairs", .integer(Int64(match.summary.pairs))),
                    ("repeatPairs", .integer(Int64(match.summary.repeatPairs))),
                    ("unmatched", .integer(Int64(match.summary.unmatched))),
                ])
            }),
            ("createdAt", AdminJSON.date(session.createdAt)),
            ("updatedAt", AdminJSON.date(session.updatedAt)),
            ("version", .integer(Int64(session.version))),
        ])
    }

    /// The groups of a result with their members, the rules each group satisfies, the
    /// unmatched with their reason, the members left out with theirs, and statistics.
    /// A matching run's groups (those of `page`, default all), its unmatched members, its
    /// exclusions and statistics; `next` is the `after` of the following page, if any.
    static func matches(_ result: MatchingResult, excluded: [Exclusion]?, members: [String: Member],
                        unavailable: Set<String>, saved: Bool, page: Range<Int>? = nil, next: Int? = nil) -> JSONValue {
        let rules = result.configuration.rules
        let page = page ?? result.groups.indices
        return AdminJSON.object([
            ("saved", .bool(saved)),
            ("seed", .string(String(result.seed))),
            ("engineVersion", .string(result.engineVersion)),
            ("groups", .array(zip(page, result.groups[page]).map { number, group in
                AdminJSON.object([
                    ("number", .integer(Int64(number))),
                    ("score", .integer(Int64(group.score))),
                    ("repeatsInsideWindow", .integer(Int64(group.repeatsInsideWindow))),
                    ("satisfiedRules", .array(group.satisfiedRules.compactMap { index in
                        rules.indices.contains(index) ? ProgramJSON.ruleJSON(rules[index]) : nil
                    })),
                    ("members", .array(group.members.map { id in
                        let member = members[id.rawValue]
                        return AdminJSON.object([
                            ("id", .string(id.rawValue)),
                            ("givenName", AdminJSON.string(member?.givenName)),
                            ("familyName", AdminJSON.string(member?.familyName)),
                            ("email", AdminJSON.string(member?.primaryEmail?.rawValue)),
                            ("unavailable", .bool(unavailable.contains(id.rawValue))),
                        ])
                    })),
                ])
            })),
            ("unmatched", .array(result.unmatched.map { unmatched in
                AdminJSON.object([("id", .string(unmatched.id.rawValue)), ("reason", .string(reason(unmatched.reason)))])
            })),
            ("excluded", excluded.map { list in
                .array(list.map { exclusion in
                    AdminJSON.object([
                        ("id", .string(exclusion.memberID.rawValue)),
                        ("reasons", AdminJSON.strings(exclusion.reasons.map(reason))),
                    ])
                })
            }),
            ("statistics", AdminJSON.object([
                ("repeatsInsideWindow", .integer(Int64(result.statistics.repeatsInsideWindow))),
                ("repeatsOutsideWindow", .integer(Int64(result.statistics.repeatsOutsideWindow))),
                ("totalScore", .integer(Int64(result.statistics.totalScore))),
                ("algorithms", AdminJSON.strings(result.statistics.algorithms.map(\.rawValue))),
                ("repairStoppedByTimeLimit", .bool(result.statistics.repairStoppedByTimeLimit)),
                ("ruleSatisfaction", .array(result.statistics.ruleSatisfaction.map { rate in
                    AdminJSON.object([
                        ("rule", ProgramJSON.ruleJSON(rate.rule)),
                        ("satisfiedPairs", .integer(Int64(rate.satisfiedPairs))),
                        ("applicablePairs", .integer(Int64(rate.applicablePairs))),
                    ])
                })),
            ])),
            ("groupCount", .integer(Int64(result.groups.count))),
            ("next", next.map { .string(String($0)) }),
        ])
    }

    static func reason(_ reason: UnmatchedReason) -> String {
        switch reason {
        case .onlyParticipant: "onlyParticipant"
        case .aloneAfterGrouping: "aloneAfterGrouping"
        case .noCompatiblePartner: "noCompatiblePartner"
        case .noValueForSameValueRule(let category): "noValueForSameValueRule:\(category)"
        case .duplicateParticipant: "duplicateParticipant"
        }
    }

    static func reason(_ reason: ExclusionReason) -> String {
        switch reason {
        case .ineligible(let why): MemberRepresentation.reasons(.ineligible([why])).first ?? "ineligible"
        case .snoozedInProgram: "snoozedInProgram"
        case .optedOutOfSession: "optedOutOfSession"
        case .notOptedIn: "notOptedIn"
        case .outsideAudience: "outsideAudience"
        }
    }

    static func statistics(_ statistics: ProgramStatistics, feedback: MeetingFeedbackStatistics? = nil) -> JSONValue {
        func rate(_ value: Double?) -> JSONValue { value.map { .decimal($0) } ?? .null }
        return AdminJSON.object([
            ("sessions", .integer(Int64(statistics.sessionCount))),
            ("audience", .integer(Int64(statistics.audience))),
            ("participants", .integer(Int64(statistics.participants))),
            ("pairs", .integer(Int64(statistics.pairs))),
            ("repeatPairs", .integer(Int64(statistics.repeatPairs))),
            ("unmatched", .integer(Int64(statistics.unmatched))),
            ("participationRate", rate(statistics.participationRate)),
            ("repeatRate", rate(statistics.repeatRate)),
            ("unmatchedRate", rate(statistics.unmatchedRate)),
            ("ruleSatisfaction", .array(statistics.ruleSatisfaction.map { item in
                AdminJSON.object([("rule", ProgramJSON.ruleJSON(item.rule)), ("rate", rate(item.rate)),
                                  ("satisfiedPairs", .integer(Int64(item.satisfiedPairs))),
                                  ("applicablePairs", .integer(Int64(item.applicablePairs)))])
            })),
            ("feedback", feedback.map { feedback in
                AdminJSON.object([
                    ("answers", .integer(Int64(feedback.answers))), ("met", .integer(Int64(feedback.met))),
                    ("notMet", .integer(Int64(feedback.notMet))), ("notYet", .integer(Int64(feedback.notYet))),
                    ("meetingRate", rate(feedback.meetingRate)), ("ratings", .integer(Int64(feedback.ratings))),
                    ("averageRating", rate(feedback.averageRating)),
                ])
            }),
        ])
    }
}

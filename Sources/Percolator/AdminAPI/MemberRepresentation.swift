import Coffee
import FoundationEssentials
import SCIM

/// A member as the admin API shows it: identity, the three status fields kept apart
/// (domain.md), eligibility with its reasons, category values, and timestamps.
enum MemberRepresentation {
    static func json(_ member: Member, at date: Date, portal: MemberPortalProgress? = nil) -> JSONValue {
        let status: (String, String?) = switch member.localStatus {
        case .pending: ("pending", nil)
        case .active: ("active", nil)
        case .inactive(let reason): ("inactive", reason.rawValue)
        }
        let eligibility = Eligibility.of(member, at: date)
        return AdminJSON.object([
            ("id", .string(member.id.rawValue)),
            ("externalId", AdminJSON.string(member.externalID)),
            ("userName", .string(member.userName)),
            ("givenName", .string(member.givenName)),
            ("familyName", .string(member.familyName)),
            ("displayName", AdminJSON.string(member.displayName)),
            ("emails", AdminJSON.strings(member.emails.map(\.rawValue))),
            ("locale", AdminJSON.string(member.locale)),
            ("timezone", AdminJSON.string(member.timeZoneIdentifier)),
            ("source", .string(member.source.rawValue)),
            ("idpActive", .bool(member.idpActive)),
            ("localStatus", .string(status.0)),
            ("inactiveReason", AdminJSON.string(status.1)),
            ("lifecycle", .string(member.lifecycle.rawValue)),
            ("eligible", .bool(eligibility.isEligible)),
            // `JSONValue` is nil-literal convertible: without `as JSONValue?` the nil would be sent as null.
            ("ineligibleBecause", eligibility.isEligible ? nil as JSONValue? : AdminJSON.strings(reasons(eligibility))),
            ("categories", categories(member.categoryValues)),
            ("snoozedUntil", AdminJSON.date(member.snoozedUntil)),
            ("welcomeEmailRequestedAt", AdminJSON.date(member.welcomeEmailRequestedAt)),
            ("createdAt", AdminJSON.date(member.createdAt)),
            ("updatedAt", AdminJSON.date(member.updatedAt)),
            ("deprovisionedAt", AdminJSON.date(member.deprovisionedAt)),
            ("version", .integer(Int64(member.version))),
            // Issue 12: whether the member signed in to the portal and completed its categories.
            ("portal", portal.map { portal in
                AdminJSON.object([
                    ("signedIn", .bool(portal.firstSignInAt != nil)),
                    ("firstSignInAt", AdminJSON.date(portal.firstSignInAt)),
                    ("lastSignInAt", AdminJSON.date(portal.lastSignInAt)),
                    ("categoriesComplete", .bool(portal.hasCompletedCategories)),
                ])
            }),
        ])
    }

    /// Category values as `{key: [values]}`.
    static func categories(_ values: CategoryValues) -> JSONValue {
        .object(JSONObject(values.keys.map { JSONObject.Member(key: $0.rawValue, value: AdminJSON.strings(values[$0])) }))
    }

    /// Eligibility reasons as stable words.
    static func reasons(_ eligibility: Eligibility) -> [String] {
        guard case .ineligible(let reasons) = eligibility else { return [] }
        return reasons.map { reason in
            switch reason {
            case .notLive(let lifecycle): lifecycle.rawValue
            case .deactivatedByIdentityProvider: "deactivatedByIdentityProvider"
            case .notActive(.pending): "pending"
            case .notActive: "inactive"
            case .snoozed: "snoozed"
            case .optedOut: "optedOut"
            }
        }
    }
}

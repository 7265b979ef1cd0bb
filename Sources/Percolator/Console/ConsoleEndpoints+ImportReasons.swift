import Coffee
import Web

/// The import report's reasons in the console's language (issue 13, item 4): a row's
/// issues and an ignored column's reason, through the message tables instead of the
/// domain's English descriptions (which the admin API keeps).
extension ConsoleEndpoints {
    /// What is wrong with a row, or what will happen to it.
    static func describe(_ issue: ImportIssue, _ t: ConsoleLocalizer) -> String {
        switch issue {
        case .invalidEmail(let text): t(.importIssueInvalidEmail, ["text": text])
        case .missingEmail: t(.importIssueMissingEmail)
        case .missingFirstName: t(.importIssueMissingFirstName)
        case .missingLastName: t(.importIssueMissingLastName)
        case .duplicateEmail(let line): t(.importIssueDuplicateEmail, ["line": String(line)])
        case .wrongFieldCount(let expected, let found):
            t(.importIssueWrongFieldCount, ["expected": String(expected), "found": String(found)])
        case .memberDeprovisioned: t(.importIssueMemberDeprovisioned)
        case .staysInactive(let reason):
            switch reason {
            case .admin: t(.importIssueInactiveByAdmin)
            case .unsubscribed: t(.importIssueInactiveUnsubscribed)
            case .bounced: t(.importIssueInactiveBounced)
            }
        case .staysPending: t(.importIssueStaysPending)
        case .deactivatedByIdentityProvider: t(.importIssueDeactivatedByIdP)
        case .namesOwnedByIdentityProvider: t(.importIssueNamesOwnedByIdP)
        case .categoryOwnedByIdentityProvider(let key): t(.importIssueCategoryOwnedByIdP, ["category": key.rawValue])
        }
    }

    /// Why a column is not imported.
    static func describe(_ reason: IgnoredColumn.Reason, _ t: ConsoleLocalizer) -> String {
        switch reason {
        case .chosen: t(.importIgnoredChosen)
        case .unnamed: t(.importIgnoredUnnamed)
        case .noDecision: t(.importIgnoredNoDecision)
        case .invalidMapping: t(.importIgnoredInvalidMapping)
        }
    }
}

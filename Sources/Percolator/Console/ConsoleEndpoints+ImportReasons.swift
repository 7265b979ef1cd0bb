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

    /// What is wrong with the whole file, its header or the column choices.
    static func describe(_ error: ImportError, _ t: ConsoleLocalizer) -> String {
        switch error {
        case .csv(let error): describe(error, t)
        case .emptyFile: t(.importFileEmpty)
        case .missingColumn(let name): t(.importFileMissingColumn, ["column": describe(name, t)])
        case .duplicateColumn(let name, let columns):
            t(.importFileDuplicateColumn, ["column": describe(name, t), "count": String(columns.count),
                                           "positions": columns.map { String($0 + 1) }.joined(separator: ", ")])
        case .unknownCategory(let column, let key): t(.importFileUnknownCategory, ["column": column, "category": key.rawValue])
        case .categoryKeyTaken(let column, let key): t(.importFileCategoryKeyTaken, ["column": column, "category": key.rawValue])
        case .invalidColumn(let index): t(.importFileInvalidColumn, ["position": String(index + 1)])
        }
    }

    /// What stopped the file from being read.
    static func describe(_ error: CSVError, _ t: ConsoleLocalizer) -> String {
        switch error {
        case .unterminatedQuote(let line): t(.csvUnterminatedQuote, ["line": String(line)])
        case .unexpectedCharacterAfterQuote(let line, let field):
            t(.csvCharacterAfterQuote, ["line": String(line), "field": String(field)])
        case .invalidUTF8(let line, let field): t(.csvInvalidUTF8, ["line": String(line), "field": String(field)])
        case .fieldTooLong(let line, let limit): t(.csvFieldTooLong, ["line": String(line), "limit": String(limit)])
        case .tooManyFields(let line, let limit): t(.csvTooManyFields, ["line": String(line), "limit": String(limit)])
        case .recordTooLong(let line, let limit): t(.csvRecordTooLong, ["line": String(line), "limit": String(limit)])
        }
    }

    /// A mandatory column's name.
    static func describe(_ name: HeaderName, _ t: ConsoleLocalizer) -> String {
        switch name {
        case .firstName: t(.givenNameLabel)
        case .lastName: t(.familyNameLabel)
        case .email: t(.memberEmailLabel)
        }
    }

    /// Why a column is not imported.
    static func describe(_ reason: IgnoredColumn.Reason, _ t: ConsoleLocalizer) -> String {
        switch reason {
        case .chosen: t(.importIgnoredChosen)
        case .unnamed: t(.importIgnoredUnnamed)
        case .noDecision: t(.importIgnoredNoDecision)
        case .invalidMapping: t(.importIgnoredInvalidMapping)
        case .noKey: t(.importIgnoredNoKey)
        }
    }
}

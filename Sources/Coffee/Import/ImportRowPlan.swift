/// What the import would do with one CSV row, and every issue with it.
public struct ImportRowPlan: Sendable, Equatable {
    /// What happens to the row.
    public enum Action: Sendable, Equatable {
        /// A new member, Active.
        case create(ImportedPerson)
        /// The existing member with this id (matched by email) is updated; `changes`
        /// names the fields and category keys that change.
        case update(MemberID, ImportedPerson, changes: [String])
        /// Nothing happens: the member exists and nothing changes.
        case unchanged(MemberID)
        /// Nothing happens: the row has errors.
        case rejected
    }

    /// The 1-based line the row starts on.
    public var line: Int
    /// The email cell as written (for the report; may be invalid).
    public var emailText: String
    /// What happens.
    public var action: Action
    /// Errors and warnings, in the order found.
    public var issues: [ImportIssue]

    /// Creates a row plan.
    public init(line: Int, emailText: String, action: Action, issues: [ImportIssue]) {
        self.line = line
        self.emailText = emailText
        self.action = action
        self.issues = issues
    }

    /// The errors only.
    public var errors: [ImportIssue] { issues.filter(\.isError) }
}

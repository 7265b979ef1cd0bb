/// The URLs of the admin console's pages and forms, all under `/admin`. Ids are
/// percent-encoded into their path segment, so an id can never add a segment or a query.
public enum ConsolePaths {
    /// The console's home.
    public static let home = "/admin"
    /// The sign-in page; POST `token` signs in with an admin token.
    public static let signIn = "/admin/sign-in"
    /// POST `email`: asks for a magic link.
    public static let signInEmail = "/admin/sign-in/email"
    /// The magic link's page (`?token=`): shows a button; POST consumes the token.
    public static let signInLink = "/admin/sign-in/link"
    /// POST: ends the session.
    public static let signOut = "/admin/sign-out"
    /// The members list (`?q=`, `?status=`, `?after=`).
    public static let members = "/admin/members"
    /// The add-a-member form; POST adds.
    public static let newMember = "/admin/members/new"
    /// The CSV import.
    public static let importCSV = "/admin/import"
    /// The invitations.
    public static let invitations = "/admin/invitations"
    /// The programs list; POST creates one.
    public static let programs = "/admin/programs"
    /// The outbox.
    public static let emails = "/admin/emails"
    /// "Connect your identity provider": base URL, SCIM tokens, guides.
    public static let connect = "/admin/connect"
    /// POST: issues a SCIM token.
    public static let tokens = "/admin/connect/tokens"

    /// Member `id`'s page.
    public static func member(_ id: String) -> String { members + "/" + segment(id) }
    /// Program `id`'s page; POST `…/sessions` adds a session.
    public static func program(_ id: String) -> String { programs + "/" + segment(id) }
    /// POST: adds a session to program `id`.
    public static func programSessions(_ id: String) -> String { program(id) + "/sessions" }
    /// POST: activates program `id`.
    public static func programActivation(_ id: String) -> String { program(id) + "/activate" }
    /// Session `id`'s page, with its groups once matched.
    public static func session(_ id: String) -> String { "/admin/sessions/" + segment(id) }
    /// POST: matches session `id` now.
    public static func sessionMatch(_ id: String) -> String { session(id) + "/match" }
    /// POST: revokes SCIM token `id`.
    public static func tokenRevocation(_ id: String) -> String { tokens + "/" + segment(id) + "/revoke" }
    /// A step-by-step guide (`entra`, `okta`).
    public static func guide(_ name: String) -> String { connect + "/" + segment(name) }

    // MARK: console-a: import steps, categories, exports

    /// The CSV import's upload `id`: its preview, mapping and report, or its progress.
    public static func importUpload(_ id: String) -> String { importCSV + "/" + segment(id) }
    /// POST: the column choices of upload `id` (a dry run follows).
    public static func importPlan(_ id: String) -> String { importUpload(id) + "/plan" }
    /// POST: applies upload `id` with the checked choices.
    public static func importApply(_ id: String) -> String { importUpload(id) + "/apply" }
    /// The categories and the IdP attribute mapping; POST creates a category.
    public static let categories = "/admin/categories"
    /// POST: replaces the IdP attribute mapping.
    public static let categoryMapping = "/admin/categories/mapping"
    /// Category `key`'s page; POST edits it.
    public static func category(_ key: String) -> String { categories + "/" + segment(key) }
    /// The members list as CSV (same `?q=` and `?status=` as the list).
    public static let membersExport = "/admin/members.csv"
    /// A matched session's groups as CSV.
    public static func sessionExport(_ id: String) -> String { session(id) + "/groups.csv" }
    // MARK: Statistics, preview, lifecycle (console-b)

    /// Program `id`'s statistics (`?last=`, `?category=`).
    public static func programStatistics(_ id: String) -> String { program(id) + "/statistics" }
    /// POST: pauses, resumes or archives program `id` (`action` is `pause`, `resume`, `archive`).
    public static func programAction(_ id: String, _ action: String) -> String { program(id) + "/" + segment(action) }
    /// Program `id`'s edit form; POST saves it.
    public static func programEdit(_ id: String) -> String { program(id) + "/edit" }
    /// POST: previews session `id`'s matching with a seed (saves nothing).
    public static func sessionPreview(_ id: String) -> String { session(id) + "/preview" }

    /// POST `status` (`active`, `inactive`): sets member `id`'s local status.
    public static func memberStatus(_ id: String) -> String { member(id) + "/status" }
    /// POST `until` (`yyyy-mm-dd`) or `intent=end`: snoozes member `id` or ends its snooze.
    public static func memberSnooze(_ id: String) -> String { member(id) + "/snooze" }

    // MARK: The shareable sign-up link (issue 13, item 5)

    /// POST: creates the tenant's sign-up link, closing the open ones.
    public static let signUpLink = "/admin/invitations/sign-up-link"
    /// POST: closes every open sign-up link.
    public static let signUpLinkClose = "/admin/invitations/sign-up-link/close"
    /// POST `domains`: the email domains a sign-up is allowed from.
    public static let signUpDomains = "/admin/invitations/sign-up-domains"

    // MARK: Resending an invitation (issue 13, item 5; console-a)

    /// POST: sends the pending invitation of member `id` again, with a new link.
    public static func invitationResend(_ id: String) -> String { invitations + "/" + segment(id) + "/resend" }

    // MARK: Retry of a failed email (issue 13, item 9)

    /// POST: puts failed email `seq` of the outbox back to due.
    public static func emailRetry(_ seq: String) -> String { emails + "/" + segment(seq) + "/retry" }

    // MARK: Connections (issue 14)

    /// The connections to Slack, Teams and HR systems; POST creates one.
    public static let connections = "/admin/connections"
    /// Connection `id`'s page.
    public static func connection(_ id: String) -> String { connections + "/" + segment(id) }
    /// POST: reads one page of connection `id`'s source.
    public static func connectionTest(_ id: String) -> String { connection(id) + "/test" }
    /// POST: runs connection `id` now.
    public static func connectionRun(_ id: String) -> String { connection(id) + "/run" }
    /// POST: deletes connection `id` (members stay).
    public static func connectionDelete(_ id: String) -> String { connection(id) + "/delete" }
    // issue 14 (connectors): field choice and schedule
    /// Connection `id`'s source fields and the category each becomes; POST saves the choice.
    public static func connectionFields(_ id: String) -> String { connection(id) + "/fields" }
    /// POST: changes connection `id`'s hours between runs.
    public static func connectionSchedule(_ id: String) -> String { connection(id) + "/schedule" }

    /// `id` percent-encoded as one path segment (the portal's rule).
    static func segment(_ id: String) -> String { PortalPaths.segment(id) }
}

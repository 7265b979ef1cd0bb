/// The names of the console's form fields, shared by the renderers and the handlers.
public enum ConsoleField {
    /// The CSRF token (``CSRFToken/fieldName``).
    public static let csrf = CSRFToken.fieldName
    /// An admin token pasted at sign-in; a magic link's token.
    public static let token = "token"
    /// An email address.
    public static let email = "email"
    /// First and last names.
    public static let givenName = "givenName", familyName = "familyName"
    /// `yes` or `no`: send the welcome email.
    public static let welcome = "welcome"
    /// The members list's search text and status filter.
    public static let query = "q", status = "status"
    /// The members list's cursor.
    public static let after = "after"
    /// A program's name, group size and participation mode.
    public static let name = "name", groupSize = "groupSize", participation = "participation"
    /// A program's rule: `none`, `differentValue` or `sameValue`, and its category.
    public static let rule = "rule", ruleCategory = "ruleCategory"
    /// A session's matching time, `yyyy-mm-ddThh:mm` (UTC).
    public static let matchAt = "matchAt"
    /// The invitations form's addresses (one per line, or separated by commas or spaces).
    public static let addresses = "addresses"
    /// A SCIM token's label.
    public static let label = "label"

    // console-a: import, categories, mapping
    /// The CSV file of an import.
    public static let file = "file"
    /// A category's kind (`singleSelect`, `multiSelect`, `text`), whether members may
    /// edit it (`yes`), and values to add (one per line).
    public static let kind = "kind", memberEditable = "memberEditable", values = "values"
    /// The IdP mapping's rows: a SCIM attribute path and the category it fills (repeated).
    public static let mappingPath = "mappingPath", mappingCategory = "mappingCategory"
    // MARK: Statistics, preview, lifecycle (console-b)

    /// The statistics' number of sessions and the connections matrix's category.
    public static let last = "last", category = "category"
    /// A preview's seed (a whole number; empty: the session's own seed).
    public static let seed = "seed"
    /// A program's repeat window; its audience (`all`, `group`, `categories`), group and expression.
    public static let repeatWindow = "repeatWindow", audience = "audience", audienceGroup = "audienceGroup"
    /// A category audience's expression.
    public static let audienceExpression = "audienceExpression"
    /// Which button sent the form (`count` or `save`).
    public static let intent = "intent"
    /// A program's schedule (`once`, `recurring`) and a recurring one's weeks, weekday, time and time zone.
    public static let schedule = "schedule", everyWeeks = "everyWeeks", weekday = "weekday", time = "time", timeZone = "timeZone"
    /// A program's opt-in period: days before each match.
    public static let optInDays = "optInDays"
    /// A snooze's last day (`yyyy-mm-dd`).
    public static let until = "until"

    /// The sign-up link's allowed email domains, separated by commas or spaces.
    public static let domains = "domains"

    // MARK: Connections (issue 14)

    /// A connection's credential (write-only), team, directory and client ids, HR system,
    /// company subdomain, vendor base URL and hours between runs.
    public static let secret = "secret", teamID = "teamID", directoryID = "directoryID", clientID = "clientID"
    public static let hrisSystem = "hrisSystem", companyDomain = "companyDomain", baseURL = "baseURL", intervalHours = "intervalHours"

    // MARK: Program owners (issue 13, console-b)

    /// A program owner's address (a checkbox, repeated); and the marker an editable owners
    /// block sends, so that no box ticked means "no owners".
    public static let owner = "owner", ownersShown = "ownersShown"
    // issue 14 (connectors): field choice
    /// A selected source field (one value per checked box).
    public static let sourceField = "sourceField"
    /// The category source field `field` becomes.
    public static func category(ofSourceField field: String) -> String { "category:" + field }
}

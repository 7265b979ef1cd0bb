import SCIM

/// Which of a resource's indexed columns and element rows an update changes, so a write
/// sets only those: SQLite rewrites the entries of every index whose column an `UPDATE`
/// names, changed or not, and a User's `scim_emails` rows were deleted and inserted again
/// on every update (issue 10: a PATCH of `title` wrote four index entries and three email
/// rows that did not change, each a page in the WAL).
struct ResourceColumnChanges: Sendable, Equatable {
    var externalID = false
    var userName = false
    var displayName = false
    var active = false
    /// `emails` differs: the `scim_emails` rows are written again.
    var emails = false

    /// Every column and row changes (the safe answer when nothing is known of the stored
    /// resource).
    static let all = ResourceColumnChanges(externalID: true, userName: true, displayName: true, active: true, emails: true)

    /// What writing `columns` changes of a stored resource whose attributes are `stored`:
    /// the same lookups ``ResourceColumns`` makes, on the stored attributes.
    init(from stored: JSONObject, to columns: ResourceColumns) {
        externalID = stored[attribute: "externalId"]?.stringValue != columns.externalID
        userName = stored[attribute: "userName"]?.stringValue != columns.userName
        displayName = stored[attribute: "displayName"]?.stringValue != columns.displayName
        active = stored[attribute: "active"].flatMap(ResourceColumns.boolean) != columns.active
        emails = stored[attribute: "emails"] != columns.attributes[attribute: "emails"]
    }

    init(externalID: Bool, userName: Bool, displayName: Bool, active: Bool, emails: Bool) {
        self.externalID = externalID
        self.userName = userName
        self.displayName = displayName
        self.active = active
        self.emails = emails
    }
}

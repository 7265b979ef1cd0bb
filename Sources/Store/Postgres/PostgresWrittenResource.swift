import SCIM

/// A PostgreSQL write's answer: the resource, and the read of its members (a Group's) or
/// groups (a User's) that went with the transaction's `COMMIT` instead of a round trip of
/// its own (``PostgresResourceTables/answer(_:members:tenant:)``, issue 11). The store
/// hands out ``resolved()`` once the transaction has returned.
struct PostgresWrittenResource: Sendable {
    /// The resource as written, without the references read at the commit.
    var resource: StoredResource
    /// The references read with the `COMMIT`, if the client asked for them.
    var references: PostgresRowsAtCommit<MemberReference>? = nil
    /// A Group's member limit (``MemberInclusion/atMost(_:)``): more members than this
    /// leave `members` out; `nil` for all of them.
    var limit: Int? = nil

    /// The resource with the references the commit read.
    func resolved() throws -> StoredResource {
        guard let references else { return resource }
        var resolved = resource
        let rows = try references.rows()
        switch resolved.kind {
        case .group:
            if let limit, rows.count > limit { resolved.members = nil } else { resolved.members = rows }
        case .user: resolved.groups = rows
        }
        return resolved
    }
}

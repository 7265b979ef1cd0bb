import Coffee
import Synchronization

/// Each tenant's programs as the last read found them, with the stored texts they were
/// decoded from, so that a read which finds the same texts returns the same list without
/// building a string, hashing a document or sorting the rows.
///
/// Every SCIM write that can move a member between audiences reads all of its tenant's
/// programs on the single writer. Reading them as strings, looking each up by its whole
/// text in ``DecodedDocuments`` and sorting the rows in a temporary B-tree took 2.7% of
/// the server's CPU under creates with six programs (issue 10). The rows are still read
/// on every call and compared byte for byte with the texts kept, so a program changed,
/// added or deleted by another process or instance is a miss, never served stale.
/// Bounded: past ``limit`` tenants, each new one replaces one kept.
final class ProgramLists: Sendable {
    /// One tenant's programs.
    struct Entry: Sendable {
        /// The rows' stored texts, in the order the unordered query returns them (the
        /// primary key's).
        let texts: [String]
        /// The programs, oldest first (by creation time, then id).
        let programs: [Program]
    }

    /// The most tenants kept.
    let limit: Int
    private let entries = Mutex<[TenantID: Entry]>([:])

    init(limit: Int) {
        precondition(limit > 0, "room for one tenant at least")
        self.limit = limit
    }

    /// The list kept for `tenant`, if any.
    func entry(for tenant: TenantID) -> Entry? {
        entries.withLock { $0[tenant] }
    }

    /// Keeps `entry` as `tenant`'s list, replacing the one kept before.
    func keep(_ entry: Entry, for tenant: TenantID) {
        entries.withLock { entries in
            if entries[tenant] == nil, entries.count >= limit { entries.remove(at: entries.startIndex) }
            entries[tenant] = entry
        }
    }

    /// The tenants kept now (tests).
    var count: Int { entries.withLock { $0.count } }
}

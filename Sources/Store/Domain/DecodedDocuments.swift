import Synchronization

/// Domain values decoded from the JSON documents they are stored as, kept by the exact
/// stored text, so that a document read on every write is decoded once per version.
///
/// The row is still read each time — another process or instance may have changed it —
/// and a new text (any change) is a miss, so nothing is ever stale. `JSONDecoder` is what
/// this saves: decoding the six programs of a tenant took 46% of the server's CPU under
/// SCIM creates, since every create reads them to log the audiences the member joined
/// (issue 10). Bounded: past ``limit`` documents, each new one replaces one kept
/// (the first in the dictionary's order, which follows the process's randomly seeded
/// hashes, not age or use). When more documents are in use than it keeps, most reads
/// still hit, where clearing the whole cache would make every tenant's next writes
/// decode again.
final class DecodedDocuments<Value: Sendable>: Sendable {
    /// The most documents kept.
    let limit: Int
    private let entries = Mutex<[String: Value]>([:])

    init(limit: Int) {
        precondition(limit > 0, "room for one document at least")
        self.limit = limit
    }

    /// The value `text` decodes to: the one decoded before for that exact text, or
    /// `decode`'s (kept). A document that does not decode is not kept.
    func value(stored text: String, decode: (String) throws -> Value) throws -> Value {
        if let value = entries.withLock({ $0[text] }) { return value }
        let value = try decode(text)
        entries.withLock { entries in
            if entries[text] == nil, entries.count >= limit { entries.remove(at: entries.startIndex) }
            entries[text] = value
        }
        return value
    }

    /// The documents kept now (tests).
    var count: Int { entries.withLock { $0.count } }
}

/// Which statements a ``PostgresConnection`` has prepared, and when to prepare one: at its
/// second run, so SQL built for one request (a filter) is never prepared, and no more than
/// ``capacity`` per connection (each holds a plan in its server process's memory).
struct PreparedStatements {
    /// The most statements prepared on one connection.
    static let capacity = 512
    /// The most statements remembered as seen once; forgotten all together past it.
    static let seenCapacity = 2_048

    /// What to do with a statement about to run.
    enum Decision: Equatable {
        /// Run the statement prepared under this name.
        case prepared(String)
        /// Prepare it under this name, then run it.
        case prepare(String)
        /// Run it unprepared.
        case runUnprepared
    }

    private var names: [String: String] = [:]
    private var seenOnce: Set<String> = []
    private var nextNumber = 0

    /// How many statements are prepared.
    var count: Int { names.count }

    /// What to do with `sql`; remembers it as seen.
    mutating func lookUp(_ sql: String) -> Decision {
        if let name = names[sql] { return .prepared(name) }
        guard names.count < Self.capacity else { return .runUnprepared }
        guard seenOnce.contains(sql) else {
            if seenOnce.count >= Self.seenCapacity { seenOnce.removeAll(keepingCapacity: true) }
            seenOnce.insert(sql)
            return .runUnprepared
        }
        nextNumber += 1
        return .prepare("percolator_\(nextNumber)")
    }

    /// Records that `sql` is prepared as `name`.
    mutating func add(_ sql: String, name: String) {
        seenOnce.remove(sql)
        names[sql] = name
    }

    /// Forgets `sql`'s prepared statement (its plan no longer fits the table); it is
    /// prepared again, under a new name, when it runs twice more.
    mutating func forget(_ sql: String) {
        names[sql] = nil
    }
}

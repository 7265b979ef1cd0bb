/// Where ``Coffee/MemberRepository/memberIDBoundaries(tenant:parts:)`` cuts a tenant's
/// members: the same positions on SQLite and PostgreSQL.
enum MemberIDBoundaries {
    /// The 0-based positions, in id order, of the last member of each range but the last
    /// when `count` members are cut into `parts` nearly equal ranges: ascending, distinct,
    /// none with fewer than one member before it.
    static func offsets(count: Int, parts: Int) -> [Int] {
        guard parts > 1, count > 0 else { return [] }
        var offsets: [Int] = []
        for part in 1..<parts {
            let offset = count * part / parts - 1
            if offset >= 0, offset != offsets.last { offsets.append(offset) }
        }
        return offsets
    }
}

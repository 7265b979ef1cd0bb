/// Sorts a listing's people as its pages arrive (issue 14, "the second, unchanged run
/// must be much faster"): a person whose active link carries their current
/// ``SyncFingerprint`` is unchanged — kept as an ``UnchangedPerson`` (an id and an
/// address), not held whole; everyone else is for the planner, with their fingerprint
/// to record once applied.
///
/// Only the first occurrence of a source id can be unchanged: a repeated id goes to the
/// planner, which skips it as a duplicate as a full plan would.
public final class UnchangedPeopleSieve {
    /// The connection's links by source id.
    public let links: [String: SyncedLink]
    /// The run's connection and ownership rules.
    public let context: SyncContext
    /// Every source id listed so far (trimmed).
    public private(set) var seen: Set<String> = []
    /// The people recognised as unchanged, in listing order.
    public private(set) var unchanged: [UnchangedPerson] = []
    /// The fingerprints of the other people, by source id (first occurrence).
    public private(set) var fingerprints: [String: SyncFingerprint] = [:]

    /// A sieve for a run of `context`'s connection, whose links are `links`.
    public init(links: [SyncedLink], context: SyncContext) {
        var bySource: [String: SyncedLink] = [:]
        for link in links { bySource[link.sourceID] = link }
        self.links = bySource
        self.context = context
    }

    /// Whether `person` is for the planner (`false`: unchanged, recorded here).
    public func admit(_ person: SourcePerson) -> Bool {
        let sourceID = person.sourceID.trimmingWhitespace()
        guard seen.insert(sourceID).inserted else { return true }
        let fingerprint = SyncFingerprint(of: person, context: context)
        if let link = links[sourceID], link.isActive, link.fingerprint == fingerprint {
            unchanged.append(UnchangedPerson(sourceID: sourceID, primaryEmail: person.primaryEmail))
            return false
        }
        fingerprints[sourceID] = fingerprint
        return true
    }

    /// The active links whose person the listing no longer has: the run's leavers.
    public var leavers: [SyncedLink] {
        links.values.filter { $0.isActive && !seen.contains($0.sourceID) }
    }

    /// Whether the planner's people include one this connection is linked to: their
    /// plan needs the members.
    public func hasLinked(among people: [SourcePerson]) -> Bool {
        people.contains { links[$0.sourceID.trimmingWhitespace()] != nil }
    }
}

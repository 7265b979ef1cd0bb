/// What one sync run of one connection would change, computed from the source's
/// complete listing and the tenant's members (``SyncPlanner``), before anything is
/// written. Applying it (``SyncPlan/apply(to:context:at:newID:)`` or the
/// ``SyncTransition`` functions, inside one transaction) and planning again against the
/// result gives an empty plan.
public struct SyncPlan: Sendable, Equatable {
    /// A person new to the tenant: a member to create, then link.
    public struct Creation: Sendable, Equatable {
        /// The person's id in the source.
        public var sourceID: String
        /// The draft, its id still to be chosen (``draft(id:)``).
        public var template: MemberDraft

        /// Creates a creation.
        public init(sourceID: String, template: MemberDraft) {
            self.sourceID = sourceID
            self.template = template
        }

        /// The draft with our id for the new member.
        public func draft(id: MemberID) -> MemberDraft {
            var draft = template
            draft.id = id
            return draft
        }
    }

    /// One value the source changes on a member. Names follow ``MemberUpdated``'s
    /// `changedFields`.
    public enum FieldChange: Sendable, Equatable {
        /// The first name.
        case givenName(String)
        /// The last name.
        case familyName(String)
        /// The display name (nil: none).
        case displayName(String?)
        /// The email addresses, primary first.
        case emails([EmailAddress])
        /// The BCP 47 locale.
        case locale(String?)
        /// The IANA time zone identifier.
        case timeZone(String?)
        /// The values of one category (empty: cleared).
        case category(CategoryKey, [String])
    }

    /// An existing member whose values the source changes.
    public struct Update: Sendable, Equatable {
        /// The member.
        public var memberID: MemberID
        /// The new values, in a fixed order.
        public var changes: [FieldChange]

        /// Creates an update.
        public init(memberID: MemberID, changes: [FieldChange]) {
            self.memberID = memberID
            self.changes = changes
        }
    }

    /// A change to the links between this connection and members.
    public enum LinkChange: Sendable, Equatable {
        /// The member is linked to the listed person with this id (matched by email, or
        /// just created).
        case added(MemberID, sourceID: String)
        /// The linked person is listed again, active: the source keeps the member again.
        case activated(MemberID, sourceID: String)
        /// The linked person left the listing, became inactive or a guest: this source
        /// no longer keeps the member.
        case deactivated(MemberID, sourceID: String)
    }

    /// A listed person left out, with why.
    public struct Skip: Sendable, Equatable {
        /// The person's id in the source (may be empty).
        public var sourceID: String
        /// Why.
        public var reason: SyncSkipReason

        /// Creates a skip.
        public init(sourceID: String, reason: SyncSkipReason) {
            self.sourceID = sourceID
            self.reason = reason
        }
    }

    /// Members to create, in listing order.
    public var creations: [Creation] = []
    /// Members whose values change, in listing order.
    public var updates: [Update] = []
    /// Connector members no source kept active that one now keeps again.
    public var reactivations: [MemberID] = []
    /// Connector members that no source keeps active any more.
    public var deactivations: [MemberID] = []
    /// Link changes, links added in listing order, then the others by member id.
    public var linkChanges: [LinkChange] = []
    /// People left out, in listing order.
    public var skipped: [Skip] = []

    /// Creates a plan.
    public init(creations: [Creation] = [], updates: [Update] = [], reactivations: [MemberID] = [],
                deactivations: [MemberID] = [], linkChanges: [LinkChange] = [], skipped: [Skip] = []) {
        self.creations = creations
        self.updates = updates
        self.reactivations = reactivations
        self.deactivations = deactivations
        self.linkChanges = linkChanges
        self.skipped = skipped
    }

    /// Whether applying the plan changes nothing (skips change nothing).
    public var isEmpty: Bool {
        creations.isEmpty && updates.isEmpty && reactivations.isEmpty && deactivations.isEmpty && linkChanges.isEmpty
    }

    /// The run's counts.
    public var summary: Summary {
        var summary = Summary(created: creations.count, updated: updates.count, reactivated: reactivations.count,
                              deactivated: deactivations.count)
        for change in linkChanges {
            switch change {
            case .added: summary.linked += 1
            case .activated: summary.relinked += 1
            case .deactivated: summary.unlinked += 1
            }
        }
        for skip in skipped { summary.skipped[skip.reason, default: 0] += 1 }
        return summary
    }

    /// How many members and links a run changes, and how many people it skips by reason.
    public struct Summary: Sendable, Equatable {
        /// Members created.
        public var created = 0
        /// Members whose values changed.
        public var updated = 0
        /// Members reactivated.
        public var reactivated = 0
        /// Members deactivated.
        public var deactivated = 0
        /// Links added (existing members matched, and created ones).
        public var linked = 0
        /// Links active again.
        public var relinked = 0
        /// Links no longer active (leavers).
        public var unlinked = 0
        /// People left out, by reason.
        public var skipped: [SyncSkipReason: Int] = [:]

        /// Creates counts.
        public init(created: Int = 0, updated: Int = 0, reactivated: Int = 0, deactivated: Int = 0,
                    linked: Int = 0, relinked: Int = 0, unlinked: Int = 0, skipped: [SyncSkipReason: Int] = [:]) {
            self.created = created
            self.updated = updated
            self.reactivated = reactivated
            self.deactivated = deactivated
            self.linked = linked
            self.relinked = relinked
            self.unlinked = unlinked
            self.skipped = skipped
        }
    }
}

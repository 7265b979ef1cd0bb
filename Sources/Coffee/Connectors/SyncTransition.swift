import Foundation

/// How a ``SyncPlan``'s entries become members and events: through the same transitions
/// as the other doors (``ProvisioningTransition``), so events, audiences and open
/// sessions follow as they do for SCIM and CSV.
public enum SyncTransition {
    /// A ``SyncPlan/Creation``: a new Active member whose source is the connection's
    /// kind; a welcome email if the tenant wants one.
    public static func create(
        _ creation: SyncPlan.Creation, id: MemberID, tenantID: TenantID, context: SyncContext, at date: Date
    ) throws(MemberError) -> TransitionResult {
        try ProvisioningTransition.provision(creation.draft(id: id), tenantID: tenantID, source: context.kind.memberSource,
                                             settings: context.settings, at: date)
    }

    /// A ``SyncPlan/Update``: each change applied to the member as stored now;
    /// ``DomainEvent/memberUpdated(_:)`` naming what actually changed, none if nothing did.
    public static func update(_ member: Member, applying changes: [SyncPlan.FieldChange], at date: Date) throws(MemberError) -> TransitionResult {
        try ProvisioningTransition.requireLive(member)
        var next = member
        var fields: Set<String> = []
        func assign<Value: Equatable>(_ keyPath: WritableKeyPath<Member, Value>, _ value: Value, _ name: String) {
            if next[keyPath: keyPath] != value {
                next[keyPath: keyPath] = value
                fields.insert(name)
            }
        }
        for change in changes {
            switch change {
            case .givenName(let value): assign(\.givenName, MemberName.cleaned(value), "givenName")
            case .familyName(let value): assign(\.familyName, MemberName.cleaned(value), "familyName")
            case .displayName(let value): assign(\.displayName, MemberName.cleaned(value), "displayName")
            case .emails(let value):
                // Emails compare case-insensitively; a change of spelling is still a change.
                if next.emails.map(\.rawValue) != value.map(\.rawValue) {
                    next.emails = value
                    fields.insert("emails")
                }
            case .locale(let value): assign(\.locale, value, "locale")
            case .timeZone(let value): assign(\.timeZoneIdentifier, value, "timezone")
            case .category(let key, let values): next.categoryValues[key] = values
            }
        }
        let categories = next.categoryValues.changedKeys(comparedTo: member.categoryValues)
        guard !fields.isEmpty || !categories.isEmpty else { return TransitionResult(member: member, events: []) }
        ProvisioningTransition.bump(&next, at: date)
        let event = MemberUpdated(header: EventHeader(member: next, at: date), changedFields: fields.sorted(),
                                  changedCategories: categories)
        return TransitionResult(member: next, events: [.memberUpdated(event)])
    }

    /// A deactivation: no source keeps the connector member active any more. The
    /// source plays the identity provider's part for such members (`idpActive = false`).
    public static func deactivate(_ member: Member, at date: Date) throws(MemberError) -> TransitionResult {
        try ProvisioningTransition.deactivateFromIdP(member, at: date)
    }

    /// A reactivation: a source keeps the connector member active again.
    public static func reactivate(_ member: Member, settings: TenantSettings, at date: Date) throws(MemberError) -> TransitionResult {
        try ProvisioningTransition.reactivateFromIdP(member, settings: settings, at: date)
    }
}

/// The members and links after a plan was applied, and the events to append.
public struct SyncOutcome: Sendable, Equatable {
    /// Every member passed in, changed where the plan said, then the created ones.
    public var members: [LinkedMember]
    /// The events, member by member, in the order they happened.
    public var events: [DomainEvent]

    /// Creates an outcome.
    public init(members: [LinkedMember], events: [DomainEvent]) {
        self.members = members
        self.events = events
    }
}

extension SyncPlan {
    /// Applies the whole plan to `members` in memory: updates, link changes,
    /// reactivations and deactivations, then creations (ids from `newID`). The Store's
    /// apply step does the same inside one transaction; this one is its reference, and
    /// what the idempotence tests plan against.
    public func apply(
        to members: [LinkedMember], tenantID: TenantID, context: SyncContext, at date: Date, newID: () -> MemberID
    ) throws(MemberError) -> SyncOutcome {
        var result = members
        var events: [DomainEvent] = []
        var position: [MemberID: Int] = [:]
        for (index, linked) in result.enumerated() { position[linked.member.id] = index }
        for update in updates {
            guard let index = position[update.memberID] else { continue }
            let transition = try SyncTransition.update(result[index].member, applying: update.changes, at: date)
            result[index].member = transition.member
            events += transition.events
        }
        for change in linkChanges {
            switch change {
            case .added(let id, let sourceID):
                guard let index = position[id] else { continue }
                result[index].links.append(SourceLink(connectionID: context.connectionID, sourceID: sourceID))
            case .activated(let id, let sourceID), .deactivated(let id, let sourceID):
                guard let index = position[id],
                      let link = result[index].links.firstIndex(where: { $0.connectionID == context.connectionID && $0.sourceID == sourceID })
                else { continue }
                if case .activated = change { result[index].links[link].isActive = true } else { result[index].links[link].isActive = false }
            }
        }
        for id in reactivations {
            guard let index = position[id] else { continue }
            let transition = try SyncTransition.reactivate(result[index].member, settings: context.settings, at: date)
            result[index].member = transition.member
            events += transition.events
        }
        for id in deactivations {
            guard let index = position[id] else { continue }
            let transition = try SyncTransition.deactivate(result[index].member, at: date)
            result[index].member = transition.member
            events += transition.events
        }
        for creation in creations {
            let transition = try SyncTransition.create(creation, id: newID(), tenantID: tenantID, context: context, at: date)
            result.append(LinkedMember(member: transition.member,
                                       links: [SourceLink(connectionID: context.connectionID, sourceID: creation.sourceID)]))
            events += transition.events
        }
        return SyncOutcome(members: result, events: events)
    }
}

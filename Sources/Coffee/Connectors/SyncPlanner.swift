/// Computes a ``SyncPlan`` from a source's complete listing and the tenant's members
/// (issue 14). Pure: no I/O, no clock, deterministic for its input.
///
/// Rules:
/// - a person is matched to a member by this connection's link (source id), then by
///   primary email, case-insensitively, against the members' emails and userNames; one
///   member may be linked to several connections;
/// - guests are left out when the kind excludes them, inactive people are not created,
///   and both count as gone for a member they were linked to;
/// - a source never overrides what the identity provider owns: a SCIM member's names,
///   emails, locale, time zone and the categories the tenant's SCIM mapping fills;
/// - profile values (names, emails, locale, time zone) are the origin door's: a
///   connection updates them only on members its kind created; on other non-SCIM
///   members it only fills a missing locale or time zone;
/// - the selected fields' categories follow the source, cleared when the field is empty;
/// - only members that came in through a connector are deactivated, and only when no
///   connection's link keeps them active any more; they are reactivated when one does.
public enum SyncPlanner {
    /// The plan for `listing` under `context`, against `members` (the tenant's members
    /// with their links; members of other tenants must not be passed).
    public static func plan(_ listing: SourceListing, members: [LinkedMember], context: SyncContext) -> SyncPlan {
        plan(listing, unchanged: [], members: members, context: context).plan
    }

    /// The plan for a listing of which `unchanged` people were recognised by their
    /// fingerprint and left out of `listing` (they count as listed first, kept, with
    /// nothing to change), with the source id each member is kept by: the people a run
    /// applied, whose links then take their new fingerprints.
    public static func plan(
        _ listing: SourceListing, unchanged: [UnchangedPerson], members: [LinkedMember], context: SyncContext
    ) -> (plan: SyncPlan, kept: [String: MemberID]) {
        var state = PlanningState(members: members, context: context)
        for person in unchanged { state.considerUnchanged(person) }
        for person in listing.people { state.consider(person) }
        let plan = state.finish()
        var kept: [String: MemberID] = [:]
        for (index, sourceID) in state.kept { kept[sourceID] = members[index].member.id }
        return (plan, kept)
    }

    /// The plan of one person's change, as a real-time event announces it (Slack's
    /// `team_join`, `user_change`): the person is created, updated, linked or — when the
    /// source marks them deleted, inactive or a guest — let go, as in a full listing; but
    /// nobody else is touched, since the event is no complete listing.
    public static func planChange(of person: SourcePerson, members: [LinkedMember], context: SyncContext) -> SyncPlan {
        var state = PlanningState(members: members, context: context)
        state.isPartial = true
        state.consider(person)
        return state.finish()
    }
}

/// The planner's working state over one listing.
struct PlanningState {
    let members: [LinkedMember]
    let context: SyncContext
    /// Member index by this connection's source id.
    var byLink: [String: Int] = [:]
    /// Member indices by normalized primary email (every email of the member).
    var byEmail: [String: [Int]] = [:]
    var seenSourceIDs: Set<String> = []
    var seenEmails: Set<String> = []
    /// Members this listing keeps, with the source id that keeps each.
    var kept: [Int: String] = [:]
    /// Members newly linked by email, in listing order.
    var newLinks: [(index: Int, sourceID: String)] = []
    var plan = SyncPlan()
    /// Whether the people considered are not the complete listing (an event): then only
    /// the members they are, or are linked to, are planned.
    var isPartial = false

    /// The selected fields' keys, sorted; and the keys the identity provider owns on
    /// SCIM members. Computed once, not per person.
    let mappedKeys: [CategoryKey]
    let idpOwnedKeys: Set<CategoryKey>

    init(members: [LinkedMember], context: SyncContext) {
        self.members = members
        self.context = context
        mappedKeys = context.fieldMapping.keys.sorted()
        idpOwnedKeys = context.settings.categoryMapping.keys
        for (index, linked) in members.enumerated() {
            if let link = linked.link(of: context.connectionID) { byLink[link.sourceID] = index }
            // Emails, and a userName that is an address (SCIM's usual UPN): a member
            // found by its userName is the one whose userName a new member would collide
            // with.
            var addresses = Set(linked.member.emails.map(\.normalized))
            let userName = linked.member.userName.trimmingWhitespace().lowercased()
            if userName.utf8.contains(UInt8(ascii: "@")) { addresses.insert(userName) }
            for address in addresses { byEmail[address, default: []].append(index) }
        }
    }

    mutating func considerUnchanged(_ person: UnchangedPerson) {
        guard seenSourceIDs.insert(person.sourceID).inserted else { return }
        if let text = person.primaryEmail { seenEmails.insert(text.trimmingWhitespace().lowercased()) }
        if let index = byLink[person.sourceID] { kept[index] = person.sourceID }
    }

    mutating func consider(_ person: SourcePerson) {
        let sourceID = person.sourceID.trimmingWhitespace()
        guard !sourceID.isEmpty else { return skip("", .missingSourceID) }
        guard seenSourceIDs.insert(sourceID).inserted else { return skip(sourceID, .duplicateSourceID) }
        let leftOut: SyncSkipReason? = person.isGuest && context.kind.excludesGuests ? .guest
            : person.isActive ? nil : .inactiveInSource
        if let index = byLink[sourceID] {
            // A linked person who is left out is a leaver: the link pass handles it.
            guard leftOut == nil else { return }
            guard members[index].member.lifecycle == .live else { return skip(sourceID, .memberNotLive) }
            if let text = person.primaryEmail { seenEmails.insert(text.trimmingWhitespace().lowercased()) }
            // Only a member this kind created takes its email from the source.
            let ownsProfile = members[index].member.source == context.kind.memberSource
            keep(index, sourceID: sourceID, person: person,
                 email: ownsProfile ? person.primaryEmail.flatMap { try? EmailAddress($0) } : nil)
            return
        }
        if let leftOut { return skip(sourceID, leftOut) }
        let email = person.primaryEmail.flatMap { try? EmailAddress($0) }
        guard let text = person.primaryEmail, !text.trimmingWhitespace().isEmpty else { return skip(sourceID, .missingEmail) }
        guard let email else { return skip(sourceID, .invalidEmail) }
        guard seenEmails.insert(email.normalized).inserted else { return skip(sourceID, .duplicateEmail) }
        let candidates = byEmail[email.normalized] ?? []
        let live = candidates.filter { members[$0].member.lifecycle == .live }
        guard live.count <= 1 else { return skip(sourceID, .ambiguousEmail) }
        guard live.isEmpty == candidates.isEmpty else { return skip(sourceID, .memberNotLive) }
        guard let index = live.first else {
            let template = person.draft(id: MemberID(""), email: email, mapping: context.fieldMapping)
            plan.creations.append(SyncPlan.Creation(sourceID: sourceID, template: template))
            return
        }
        let linked = members[index]
        guard linked.link(of: context.connectionID) == nil, kept[index] == nil else {
            return skip(sourceID, .emailLinkedToAnotherSourcePerson)
        }
        newLinks.append((index, sourceID))
        keep(index, sourceID: sourceID, person: person, email: email)
    }

    mutating func keep(_ index: Int, sourceID: String, person: SourcePerson, email: EmailAddress?) {
        kept[index] = sourceID
        let changes = fieldChanges(of: members[index].member, from: person, email: email)
        if !changes.isEmpty { plan.updates.append(SyncPlan.Update(memberID: members[index].member.id, changes: changes)) }
    }

    mutating func skip(_ sourceID: String, _ reason: SyncSkipReason) {
        plan.skipped.append(SyncPlan.Skip(sourceID: sourceID, reason: reason))
    }

    /// What `person` changes on `member` under the ownership rules of ``SyncPlanner``.
    func fieldChanges(of member: Member, from person: SourcePerson, email: EmailAddress?) -> [SyncPlan.FieldChange] {
        var changes: [SyncPlan.FieldChange] = []
        let locale = person.locale?.trimmingWhitespace().nilIfEmpty
        let timeZone = person.timeZoneIdentifier?.trimmingWhitespace().nilIfEmpty
        if member.source == context.kind.memberSource {
            let names = person.memberNames
            if member.givenName != names.given { changes.append(.givenName(names.given)) }
            if member.familyName != names.family { changes.append(.familyName(names.family)) }
            if member.displayName != names.display { changes.append(.displayName(names.display)) }
            if let email, member.emails.map(\.rawValue) != [email.rawValue] { changes.append(.emails([email])) }
            if let locale, member.locale != locale { changes.append(.locale(locale)) }
            if let timeZone, member.timeZoneIdentifier != timeZone { changes.append(.timeZone(timeZone)) }
        } else if member.source != .scim {
            if let locale, member.locale == nil { changes.append(.locale(locale)) }
            if let timeZone, member.timeZoneIdentifier == nil { changes.append(.timeZone(timeZone)) }
        }
        let values = context.fieldMapping.categoryValues(of: person)
        let isSCIM = member.source == .scim
        for key in mappedKeys where !(isSCIM && idpOwnedKeys.contains(key)) && member.categoryValues[key] != values[key] {
            changes.append(.category(key, values[key]))
        }
        return changes
    }

    /// The link and activity passes, once every person was considered.
    mutating func finish() -> SyncPlan {
        for (index, sourceID) in newLinks {
            plan.linkChanges.append(.added(members[index].member.id, sourceID: sourceID))
        }
        var others: [(MemberID, SyncPlan.LinkChange)] = []
        for (index, linked) in members.enumerated() where linked.member.lifecycle == .live {
            let member = linked.member
            let ownLink = linked.link(of: context.connectionID)
            let isKept = kept[index] != nil
            if isPartial, !isKept, !(ownLink.map { seenSourceIDs.contains($0.sourceID) } ?? false) { continue }
            if let ownLink {
                if ownLink.isActive, !isKept { others.append((member.id, .deactivated(member.id, sourceID: ownLink.sourceID))) }
                if !ownLink.isActive, isKept { others.append((member.id, .activated(member.id, sourceID: ownLink.sourceID))) }
            }
            guard member.source.isConnector, ownLink != nil || isKept else { continue }
            let keptElsewhere = linked.links.contains { $0.connectionID != context.connectionID && $0.isActive }
            let keptAfter = keptElsewhere || isKept
            if member.idpActive, !keptAfter { plan.deactivations.append(member.id) }
            if !member.idpActive, keptAfter { plan.reactivations.append(member.id) }
        }
        plan.linkChanges += others.sorted { $0.0 < $1.0 }.map(\.1)
        plan.deactivations.sort()
        plan.reactivations.sort()
        return plan
    }
}

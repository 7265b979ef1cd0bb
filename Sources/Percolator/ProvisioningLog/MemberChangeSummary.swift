import Coffee
import SCIM
import Store

/// What a SCIM write changed, as the provisioning log shows it: the names of the
/// attributes that changed, old → new for the ones that map to member fields (names,
/// email, locale, time zone, category values), the member's status, and a group's
/// members. Never a whole resource.
enum MemberChangeSummary {
    /// The top-level attributes (and the attributes of extensions) whose values differ
    /// between `before` and `after`, in a stable order.
    static func changedAttributes(_ before: JSONObject, _ after: JSONObject) -> [String] {
        var names: [String] = []
        var seen = Set<String>()
        for member in before.members + after.members {
            let key = member.key
            guard !key.equalsIgnoringCase("meta"), seen.insert(key.lowercased()).inserted else { continue }
            let old = before[attribute: key]
            let new = after[attribute: key]
            guard old != new else { continue }
            if key.hasPrefix("urn:"), old?.objectValue != nil || new?.objectValue != nil {
                names += changedAttributes(old?.objectValue ?? JSONObject(), new?.objectValue ?? JSONObject())
                    .map { "\(key):\($0)" }
            } else {
                names.append(key)
            }
        }
        return names
    }

    /// The member fields that differ between `before` (nil: a new member) and `after`,
    /// old → new; the status as `status`.
    static func memberChanges(_ before: Member?, _ after: Member) -> [ProvisioningLogChange] {
        var changes: [ProvisioningLogChange] = []
        func compare(_ name: String, _ old: String?, _ new: String?) {
            guard old != new else { return }
            changes.append(ProvisioningLogChange(attribute: name, old: old, new: new))
        }
        compare("status", before.map(status), status(after))
        compare("userName", before?.userName, after.userName)
        compare("givenName", before?.givenName, after.givenName)
        compare("familyName", before?.familyName, after.familyName)
        compare("displayName", before?.displayName, after.displayName)
        compare("email", before?.primaryEmail?.description, after.primaryEmail?.description)
        compare("locale", before?.locale, after.locale)
        compare("timezone", before?.timeZoneIdentifier, after.timeZoneIdentifier)
        // The raw keys of both (`lists`: `storage` builds a dictionary of wrapped keys).
        var rawKeys = Set(after.categoryValues.lists.keys)
        if let before { rawKeys.formUnion(before.categoryValues.lists.keys) }
        for key in rawKeys.sorted().map({ CategoryKey($0) }) {
            let old = before?.categoryValues[key].joined(separator: ", ")
            let new = after.categoryValues[key].joined(separator: ", ")
            compare("category.\(key.rawValue)", old.flatMap { $0.isEmpty ? nil : $0 }, new.isEmpty ? nil : new)
        }
        return changes
    }

    /// A member's status as the log shows it: `active` or `inactive` (the identity
    /// provider's `active`), or its lifecycle once no longer live.
    static func status(_ member: Member) -> String {
        guard member.lifecycle == .live else { return member.lifecycle.rawValue }
        return member.idpActive ? "active" : "inactive"
    }
}

import Coffee
import SCIM
import Synchronization

/// Maps a SCIM User (RFC 7643 §4.1, with the enterprise and Percolator extensions) onto
/// the domain's ``MemberDraft``: names, emails (primary first), locale, time zone,
/// `active`, and category values read through the tenant's ``CategoryMapping`` paths.
///
/// Percolator's own extension speaks last: its `city` and `seniority`, when present,
/// fill the `city` and `seniority` categories over whatever the mapping read.
final class MemberDraftMapping: Sendable {
    /// Path readers by path text: mapping paths are few and reused on every write. Each
    /// is held in a box, so that taking it out under the lock retains one object instead
    /// of copying the reader's schema, definitions and strings.
    private let readers = Mutex<[String: ReaderBox]>([:])

    /// One resolved reader, shared.
    private final class ReaderBox: Sendable {
        let reader: AttributeValueReader
        init(_ reader: AttributeValueReader) { self.reader = reader }
    }

    /// The draft of the member whose SCIM resource is `attributes`, with id `id`.
    func draft(id: String, attributes: JSONObject, mapping: CategoryMapping) -> MemberDraft {
        let name = attributes[attribute: "name"]?.objectValue
        let displayName = attributes[attribute: "displayName"]?.stringValue
        var givenName = name?[attribute: "givenName"]?.stringValue ?? ""
        var familyName = name?[attribute: "familyName"]?.stringValue ?? ""
        if givenName.isEmpty, familyName.isEmpty, let formatted = name?[attribute: "formatted"]?.stringValue ?? displayName {
            // An IdP that sends only a display name: first word, then the rest.
            let words = formatted.split(separator: " ", maxSplits: 1).map(String.init)
            givenName = words.first ?? ""
            familyName = words.count > 1 ? words[1] : ""
        }
        var values: [CategoryKey: [String]] = [:]
        for entry in mapping.entries {
            values[entry.key, default: []] += reader(for: entry.path)?.reader.strings(in: attributes) ?? []
        }
        if let percolator = attributes[attribute: SCIMSchemaURN.percolatorUser]?.objectValue {
            for (attribute, key) in [("city", CategoryKey.city), ("seniority", CategoryKey("seniority"))] {
                if let value = percolator[attribute: attribute]?.stringValue, !value.isEmpty { values[key] = [value] }
            }
        }
        return MemberDraft(
            id: MemberID(id), externalID: attributes[attribute: "externalId"]?.stringValue,
            userName: attributes[attribute: "userName"]?.stringValue ?? "",
            givenName: givenName, familyName: familyName, displayName: displayName,
            emails: Self.emails(attributes[attribute: "emails"]?.arrayValue ?? []),
            locale: attributes[attribute: "locale"]?.stringValue ?? attributes[attribute: "preferredLanguage"]?.stringValue,
            timeZoneIdentifier: attributes[attribute: "timezone"]?.stringValue,
            active: attributes[attribute: "active"]?.boolValue,
            categoryValues: CategoryValues(values))
    }

    /// The valid addresses of `emails`, the `primary` one first, then in document order;
    /// malformed ones are left out of the member (the SCIM resource keeps them).
    static func emails(_ emails: [JSONValue]) -> [EmailAddress] {
        let objects = emails.compactMap(\.objectValue)
        let ordered = objects.filter { $0[attribute: "primary"]?.boolValue == true }
            + objects.filter { $0[attribute: "primary"]?.boolValue != true }
        var seen = Set<EmailAddress>()
        return ordered.compactMap { object -> EmailAddress? in
            guard let text = object[attribute: "value"]?.stringValue, let address = try? EmailAddress(text),
                  seen.insert(address).inserted else { return nil }
            return address
        }
    }

    /// The reader of `path`, resolved once; `nil` for a path that is not a User attribute
    /// (a mapping the admin API validated cannot have one).
    private func reader(for path: String) -> ReaderBox? {
        if let box = readers.withLock({ $0[path] }) { return box }
        guard let reader = (try? AttributeValueReader(path: path, resourceType: .user)) ?? Self.extensionReader(for: path)
        else { return nil }
        let box = ReaderBox(reader)
        readers.withLock { $0[path] = box }
        return box
    }

    /// The reader of a path into an extension the tenant declared (issue 15), e.g.
    /// `urn:…:acme:2.0:User:costCenter` or `…:User:manager.displayName`. The admin API
    /// checked the path against the tenant's declaration; the value is read from the
    /// stored JSON whatever the declaration says since (a single value or a list, each
    /// a string, number or boolean), so the reader needs no tenant.
    static func extensionReader(for path: String) -> AttributeValueReader? {
        guard let parsed = try? AttributePath.parse(path), let urn = parsed.schemaURN else { return nil }
        var attribute = AttributeDefinition(name: parsed.name, isMultiValued: true)
        if let sub = parsed.subAttribute {
            attribute.type = .complex
            attribute.subAttributes = [AttributeDefinition(name: sub)]
        }
        let schema = Schema(id: urn, name: "", description: "", attributes: [attribute])
        return try? AttributeValueReader(path: path, resourceType: .user.declaring([schema]))
    }
}

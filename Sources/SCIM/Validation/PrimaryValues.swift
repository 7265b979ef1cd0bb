/// The "at most one primary" rule of multi-valued attributes (RFC 7643 §2.4: "The
/// primary attribute value 'true' MUST appear no more than once").
///
/// When several values claim `primary: true`, the **last** one keeps it and the others
/// get `primary: false`. This is what RFC 7644 §3.5.2 asks of PATCH ("a PATCH
/// operation that sets a value's 'primary' sub-attribute to 'true' SHALL cause the
/// server to automatically set 'primary' to 'false' for any other values"): the value
/// set last wins. Applied to POST and PUT bodies, "last" means last in the array.
public enum PrimaryValues {
    /// The values with at most one `primary: true`: the one at `preferredIndex` when
    /// given and primary, otherwise the last primary one. The `primary` key is looked
    /// up ignoring case and keeps its written spelling.
    public static func normalized(_ values: [JSONValue], preferring preferredIndex: Int? = nil) -> [JSONValue] {
        let primaryIndices = values.indices.filter { values[$0][attribute: "primary"] == .bool(true) }
        guard primaryIndices.count > 1 else { return values }
        let keep = preferredIndex.flatMap { primaryIndices.contains($0) ? $0 : nil } ?? primaryIndices[primaryIndices.count - 1]
        var result = values
        for index in primaryIndices where index != keep {
            if case .object(var object) = result[index] {
                object[attribute: "primary"] = .bool(false)
                result[index] = .object(object)
            }
        }
        return result
    }
}

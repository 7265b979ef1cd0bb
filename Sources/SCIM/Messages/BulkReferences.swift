/// `bulkId:<id>` references between the operations of one bulk request
/// (RFC 7644 §3.7.1, §3.7.2).
///
/// A reference is a JSON string whose whole value is `bulkId:` followed by the id,
/// e.g. `{"type": "User", "value": "bulkId:qwerty"}`, or the resource segment of an
/// operation's `path` (`/Users/bulkId:qwerty`: a PATCH, PUT or DELETE of a resource the
/// same request creates); the prefix is matched exactly, as the RFC writes it.
public enum BulkReferences {
    /// The prefix of a reference.
    public static let prefix = "bulkId:"

    /// The bulkIds `value` refers to, each once, in the order first met.
    public static func references(in value: JSONValue) -> [String] {
        var found: [String] = []
        var seen: Set<String> = []
        visit(value) { id in if seen.insert(id).inserted { found.append(id) } }
        return found
    }

    /// `value` with every reference whose id is in `resolved` replaced by the
    /// resource id it maps to, and the ids not in `resolved` (each once).
    public static func resolving(_ value: JSONValue, with resolved: [String: String]) -> (value: JSONValue, unresolved: [String]) {
        var unresolved: [String] = []
        let result = replace(value, resolved: resolved, unresolved: &unresolved)
        return (result, unresolved)
    }

    /// The bulkId a `path` such as `/Users/bulkId:qwerty` names in place of a resource
    /// id, or `nil`.
    public static func reference(inPath path: String) -> String? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        guard segments.count == 2, segments[1].hasPrefix(prefix) else { return nil }
        return String(segments[1].dropFirst(prefix.count))
    }

    /// `path` with its bulkId reference (``reference(inPath:)``) replaced by the resource
    /// id it maps to; the id that `resolved` lacks, if any.
    public static func resolving(path: String, with resolved: [String: String]) -> (path: String, unresolved: String?) {
        guard let id = reference(inPath: path) else { return (path, nil) }
        guard let resourceID = resolved[id] else { return (path, id) }
        let type = path.split(separator: "/", omittingEmptySubsequences: true)[0]
        return ("/\(type)/\(resourceID)", nil)
    }

    /// An order to run the operations in (RFC 7644 §3.7.2).
    public struct Plan: Sendable, Hashable {
        /// Operation indices, each after the operations whose bulkIds it references;
        /// otherwise in request order. Operations in a cycle come last, in request order.
        public var order: [Int]
        /// Indices of operations that take part in a circular reference; the service
        /// provider MAY answer them with 409 (RFC 7644 §3.7.2).
        public var circular: Set<Int>
        /// bulkIds that are referenced but defined by no operation.
        public var undefined: [String]
    }

    /// Orders `operations` so that each runs after the POSTs it references, in its data or its path.
    public static func plan(_ operations: [BulkOperation]) -> Plan {
        var definer: [String: Int] = [:]
        for (index, operation) in operations.enumerated() {
            if let bulkId = operation.bulkId { definer[bulkId] = index }
        }
        var undefined: [String] = []
        let dependencies: [[Int]] = operations.map { operation in
            var ids = operation.data.map(references(in:)) ?? []
            if let id = reference(inPath: operation.path), !ids.contains(id) { ids.append(id) }
            return ids.compactMap { id in
                if let index = definer[id] { return index }
                if !undefined.contains(id) { undefined.append(id) }
                return nil
            }
        }
        // Kahn's algorithm, always taking the lowest ready index to stay close to request order.
        let remaining = dependencies.map { Set($0) }
        var done = Array(repeating: false, count: operations.count)
        var order: [Int] = []
        var progressed = true
        while progressed {
            progressed = false
            for index in operations.indices where !done[index] && remaining[index].allSatisfy({ done[$0] }) {
                done[index] = true
                order.append(index)
                progressed = true
                break
            }
        }
        let circular = Set(operations.indices.filter { !done[$0] })
        order.append(contentsOf: operations.indices.filter { !done[$0] })
        return Plan(order: order, circular: circular, undefined: undefined)
    }

    private static func visit(_ value: JSONValue, _ found: (String) -> Void) {
        switch value {
        case .string(let text) where text.hasPrefix(prefix):
            found(String(text.dropFirst(prefix.count)))
        case .array(let elements):
            for element in elements { visit(element, found) }
        case .object(let object):
            for member in object.members { visit(member.value, found) }
        default:
            break
        }
    }

    private static func replace(_ value: JSONValue, resolved: [String: String], unresolved: inout [String]) -> JSONValue {
        switch value {
        case .string(let text) where text.hasPrefix(prefix):
            let id = String(text.dropFirst(prefix.count))
            if let resourceID = resolved[id] { return .string(resourceID) }
            if !unresolved.contains(id) { unresolved.append(id) }
            return value
        case .array(let elements):
            return .array(elements.map { replace($0, resolved: resolved, unresolved: &unresolved) })
        case .object(let object):
            var output = JSONObject()
            for member in object.members {
                output.appendUnique(key: member.key, value: replace(member.value, resolved: resolved, unresolved: &unresolved))
            }
            return .object(output)
        default:
            return value
        }
    }
}

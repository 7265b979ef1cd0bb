import Synchronization

/// The PATCH paths without a value filter parsed so far, by their text: an identity
/// provider sends the same few on every PATCH (`title`, `active`,
/// `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter`), and parsing one
/// through the filter grammar costs microseconds each time. Bounded: past ``limit`` paths
/// it starts over. Only successful parses under the default limits are kept.
final class ParsedPatchPaths: Sendable {
    /// The one table of the process.
    static let shared = ParsedPatchPaths()
    /// The longest path text kept.
    static let maxKeyLength = 256
    /// The most paths kept.
    let limit = 1024
    private let paths = Mutex<[String: PatchPath]>([:])

    /// The path parsed from `text` before, if kept.
    func path(for text: String) -> PatchPath? {
        paths.withLock { $0[text] }
    }

    /// Keeps `path`, parsed from `text`.
    func keep(_ path: PatchPath, for text: String) {
        paths.withLock { paths in
            if paths.count >= limit { paths.removeAll(keepingCapacity: true) }
            paths[text] = path
        }
    }
}

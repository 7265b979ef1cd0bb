import Foundation
import SCIM

/// Reads files under the repository's `fixtures/` folder, found from this file's path.
/// Read and parse errors are thrown, never ignored.
enum RepositoryFixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures")

    /// The JSON files of a folder, as `folder/name.json`, sorted.
    static func names(in folder: String) -> [String] {
        let directory = root.appendingPathComponent(folder)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.sorted().map { "\(folder)/\($0)" }
    }

    static func json(_ name: String) throws -> JSONValue {
        let data = try Data(contentsOf: root.appendingPathComponent(name))
        return try JSONParser.parse(Array(data))
    }
}

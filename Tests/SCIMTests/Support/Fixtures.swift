import Foundation
@testable import SCIM

/// Test fixtures under `fixtures/` at the repository root, found through `#filePath`
/// so tests run from any working directory. Read and decode errors are thrown, never
/// swallowed.
enum Fixtures {
    /// The repository root: three levels up from `Tests/SCIMTests/Support/Fixtures.swift`.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // SCIMTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// The `fixtures/` folder.
    static let root = repositoryRoot.appendingPathComponent("fixtures", isDirectory: true)

    /// The URL of a fixture, e.g. `Fixtures.url("rfc7643/8.2-user-full.json")`.
    static func url(_ name: String) -> URL {
        root.appendingPathComponent(name)
    }

    /// The bytes of a fixture.
    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(name)))
    }

    /// A fixture parsed with ``JSONParser``.
    static func json(_ name: String) throws -> JSONValue {
        try JSONParser.parse(bytes(name))
    }

    /// The `.json` fixtures in a folder, as names relative to `fixtures/`
    /// (`"rfc7643/8.2-user-full.json"`), sorted. Pair every parameterised test over this
    /// list with a test that it is not empty: an empty argument list is skipped silently.
    static func names(in folder: String) throws -> [String] {
        let directory = root.appendingPathComponent(folder, isDirectory: true)
        return try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }
            .sorted()
            .map { folder + "/" + $0 }
    }
}

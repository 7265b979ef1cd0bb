import Foundation

/// Finds `fixtures/csv/` through `#filePath`, so tests run from any working directory.
/// Read errors are thrown, never ignored.
enum CSVFixtures {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Import
        .deletingLastPathComponent()  // CoffeeTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .appendingPathComponent("fixtures/csv")

    /// The `.csv` file names, sorted. Throws if the folder cannot be listed.
    static func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".csv") }
            .sorted()
    }

    /// The bytes of one fixture.
    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}

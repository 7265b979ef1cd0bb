import Foundation
import Testing
@testable import SCIM

/// Compares generated JSON with a checked-in, pretty-printed golden file and records a
/// line diff when they differ. Run with `PERCOLATOR_REGENERATE_GOLDEN=1` (see
/// `scripts/regenerate-schemas.sh`) to rewrite the files instead.
enum GoldenFile {
    /// True when the golden files should be rewritten from the code.
    static var isRegenerating: Bool {
        ProcessInfo.processInfo.environment["PERCOLATOR_REGENERATE_GOLDEN"] == "1"
    }

    /// Checks `value` against the file at `path` (relative to the repository root).
    static func check(_ value: JSONValue, against path: String,
                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = Fixtures.repositoryRoot.appendingPathComponent(path)
        let expected = value.encodedString(layout: .prettyPrinted)
        if isRegenerating {
            try Data(expected.utf8).write(to: url)
            return
        }
        let actual = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        if actual != expected {
            Issue.record("""
                \(path) differs from the code (- file, + code); \
                run scripts/regenerate-schemas.sh if the change is intended:
                \(lineDiff(from: actual, to: expected))
                """, sourceLocation: sourceLocation)
        }
    }

    /// A minimal line diff (longest common subsequence), changed lines only, each with
    /// its line number in the old or new text.
    static func lineDiff(from old: String, to new: String) -> String {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false)
        var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var lines: [String] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                i += 1; j += 1
            } else if j < b.count, i == a.count || lengths[i][j + 1] >= lengths[i + 1][j] {
                lines.append("+\(j + 1): \(b[j])"); j += 1
            } else {
                lines.append("-\(i + 1): \(a[i])"); i += 1
            }
        }
        return lines.joined(separator: "\n")
    }
}

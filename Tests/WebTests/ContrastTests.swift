import Foundation
import Testing
@testable import Web

@Suite("Stylesheet colours — WCAG 2.1 contrast")
struct ContrastTests {
    /// The stylesheet's `--name: #rrggbb;` variables.
    static let colours: [String: String] = {
        var colours: [String: String] = [:]
        for statement in PortalStylesheet.source.split(separator: ";") {
            let declaration = statement.split(separator: "{").last ?? statement
            let parts = declaration.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard parts.count == 2, parts[0].hasPrefix("--"), parts[1].hasPrefix("#"), parts[1].count == 7 else { continue }
            colours[parts[0]] = parts[1]
        }
        return colours
    }()

    /// WCAG 2.1 relative luminance of `#rrggbb`.
    static func luminance(_ hex: String) -> Double {
        let value = Int(hex.dropFirst(), radix: 16) ?? 0
        let channels = [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF].map { Double($0) / 255 }
        let linear = channels.map { $0 <= 0.03928 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    }

    static func ratio(_ a: String, _ b: String) -> Double {
        let (l1, l2) = (luminance(a), luminance(b))
        return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
    }

    @Test("text colours reach 4.5:1 on the backgrounds they are used on", arguments: [
        ("--ink", "--card"), ("--ink", "--page"), ("--muted", "--card"), ("--muted", "--page"), ("--muted", "--accent-soft"),
        ("--accent", "--card"), ("--accent", "--page"), ("--accent", "--accent-soft"), ("--accent-ink", "--accent"),
        ("--accent-ink", "--accent-hover"), ("--danger", "--card"), ("--danger", "--danger-soft"), ("--warn-ink", "--warn-soft"),
    ])
    func text(foreground: String, background: String) throws {
        let fg = try #require(Self.colours[foreground]), bg = try #require(Self.colours[background])
        #expect(Self.ratio(fg, bg) >= 4.5, "\(foreground) \(fg) on \(background) \(bg): \(Self.ratio(fg, bg))")
    }

    @Test("the focus ring reaches 3:1 against every background (WCAG 1.4.11)", arguments: ["--card", "--page", "--accent-soft"])
    func focus(background: String) throws {
        let focus = try #require(Self.colours["--focus"]), bg = try #require(Self.colours[background])
        #expect(Self.ratio(focus, bg) >= 3)
    }
}

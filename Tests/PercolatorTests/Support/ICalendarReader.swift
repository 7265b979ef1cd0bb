import Foundation

/// A tiny iCalendar reader for the tests, written from RFC 5545 independently of the
/// writer: checks CRLF line endings and the 75-octet line limit, unfolds, splits each
/// content line into name, parameters (quoted values unquoted) and value, and unescapes
/// TEXT values.
struct ICalendarReader {
    /// One content line.
    struct Property: Equatable {
        var name: String
        var parameters: [String: String]
        /// The raw value, still escaped.
        var rawValue: String
        /// The value as TEXT, unescaped.
        var text: String { ICalendarReader.unescaped(rawValue) }
    }

    /// What makes a text not an iCalendar object to this reader.
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    /// The content lines, in order.
    var properties: [Property]

    init(_ text: String) throws {
        guard text.hasSuffix("\r\n") else { throw Malformed(description: "does not end with CRLF") }
        let physical = String(String.UnicodeScalarView(text.unicodeScalars.dropLast(2))).components(separatedBy: "\r\n")
        if let bare = physical.first(where: { $0.contains("\n") || $0.contains("\r") }) {
            throw Malformed(description: "bare line break in \(bare)")
        }
        if let long = physical.first(where: { $0.utf8.count > 75 }) {
            throw Malformed(description: "line of \(long.utf8.count) octets: \(long)")
        }
        var logical: [String] = []
        for line in physical {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), !logical.isEmpty {
                logical[logical.count - 1] += line.dropFirst()
            } else {
                logical.append(line)
            }
        }
        properties = try logical.map(Self.property)
    }

    /// The first property named `name`.
    func first(_ name: String) -> Property? { properties.first { $0.name == name } }

    /// Every property named `name`.
    func all(_ name: String) -> [Property] { properties.filter { $0.name == name } }

    private static func property(_ line: String) throws -> Property {
        var quoted = false
        var colon: String.Index?
        for index in line.indices {
            if line[index] == "\"" { quoted.toggle() }
            if line[index] == ":" && !quoted { colon = index; break }
        }
        guard let colon else { throw Malformed(description: "no value in \(line)") }
        var segments: [String] = []
        var current = ""
        quoted = false
        for character in line[..<colon] {
            if character == "\"" { quoted.toggle() }
            if character == ";" && !quoted {
                segments.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        segments.append(current)
        var parameters: [String: String] = [:]
        for segment in segments.dropFirst() {
            let pair = segment.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { throw Malformed(description: "parameter without value in \(line)") }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            guard !value.contains("\"") else { throw Malformed(description: "quote inside a parameter in \(line)") }
            parameters[pair[0]] = value
        }
        return Property(name: segments[0], parameters: parameters, rawValue: String(line[line.index(after: colon)...]))
    }

    /// A TEXT value unescaped: `\\`, `\;`, `\,`, `\n` and `\N`.
    static func unescaped(_ value: String) -> String {
        var result = ""
        var escaping = false
        for character in value {
            if escaping {
                result.append(character == "n" || character == "N" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// A UTC DATE-TIME (`20261210T140000Z`).
    static func utcDate(_ value: String) -> Date? {
        guard value.count == 16, value.hasSuffix("Z") else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let digits = Array(value)
        func number(_ range: Range<Int>) -> Int? { Int(String(digits[range])) }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8), digits[8] == "T",
              let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15) else { return nil }
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
    }
}

import Testing
@testable import Coffee

@Suite("CSVWriter — exports neutralise formula cells (OWASP CSV injection) and quote per RFC 4180")
struct CSVWriterTests {
    @Test("a cell starting with = + - @ tab or CR gets a leading single quote; others are untouched", arguments: [
        ("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")"),
        ("+1 555 0100", "'+1 555 0100"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Élise", "Élise"),
        ("a=b", "a=b"),
        (" =1", " =1"),
        ("", ""),
        ("'quoted", "'quoted"),
    ])
    func neutralises(cell: String, expected: String) {
        #expect(CSVWriter.neutralised(cell) == expected)
    }

    @Test("lines quote separators, quotes and line breaks, neutralise first, and read back as written")
    func roundTrip() throws {
        let rows = [["=1+1", "Doe, Jane", "say \"hi\""], ["@x", "line\nbreak", "-"], ["plain", "", "+"]]
        for separator in CSVSeparator.allCases {
            let text = CSVWriter(separator: separator).document(header: ["a", "b", "c"], rows: rows)
            let records = try CSVParser.parse(text, separator: separator)
            #expect(records.map(\.fields) == [["a", "b", "c"]] + rows.map { $0.map(CSVWriter.neutralised) })
        }
        #expect(CSVWriter().line(["=cmd", "x;y"]) == "'=cmd,x;y\r\n")
        #expect(CSVWriter(separator: .semicolon).line(["=cmd", "x;y"]) == "'=cmd;\"x;y\"\r\n")
    }
}

import Testing
@testable import Coffee

@Suite("CSV parsing — RFC 4180, BOM, separator detection, incremental feeding")
struct CSVParserTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let input: [UInt8]
        let separator: CSVSeparator
        let records: [[String]]
        let lines: [Int]?

        init(_ name: String, _ text: String, _ records: [[String]], separator: CSVSeparator = .comma, lines: [Int]? = nil) {
            self.init(name: name, bytes: Array(text.utf8), separator: separator, records: records, lines: lines)
        }

        init(name: String, bytes: [UInt8], separator: CSVSeparator, records: [[String]], lines: [Int]?) {
            self.name = name
            self.input = bytes
            self.separator = separator
            self.records = records
            self.lines = lines
        }

        var testDescription: String { name }
    }

    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func bytes(_ parts: [UInt8]...) -> [UInt8] { parts.flatMap { $0 } }
    static func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

    static let cases0: [Case] = [
        Case("one field", "a", [["a"]]),
        Case("simple row with LF", "a,b,c\n", [["a", "b", "c"]]),
        Case("CRLF line endings", "a,b\r\nc,d\r\n", [["a", "b"], ["c", "d"]], lines: [1, 2]),
        Case("lone CR line endings", "a,b\rc,d\r", [["a", "b"], ["c", "d"]], lines: [1, 2]),
        Case("mixed line endings", "a\r\nb\nc\rd", [["a"], ["b"], ["c"], ["d"]], lines: [1, 2, 3, 4]),
        Case("last record without line break", "a,b\nc,d", [["a", "b"], ["c", "d"]]),
        Case("empty fields", ",,\n", [["", "", ""]]),
        Case("trailing separator gives an empty last field", "a,b,\n", [["a", "b", ""]]),
        Case("trailing separator at end of file", "a,", [["a", ""]]),
        Case("leading separator", ",a\n", [["", "a"]]),
    ]

    static let cases1: [Case] = [
        Case("quoted field", "\"a\",b\n", [["a", "b"]]),
        Case("quoted field with comma", "\"Paris, France\",b\n", [["Paris, France", "b"]]),
        Case("quoted field with semicolon under ; separator", "a;\"x;y\"\n", [["a", "x;y"]], separator: .semicolon),
        Case("escaped quotes", "\"He said \"\"hi\"\"\",b\n", [["He said \"hi\"", "b"]]),
        Case("only an escaped quote", "\"\"\"\"\n", [["\""]]),
        Case("empty quoted field", "\"\",a\n", [["", "a"]]),
        Case("empty quoted field at end of file", "a,\"\"", [["a", ""]]),
        Case("embedded LF in quotes", "\"line1\nline2\",b\nc,d\n", [["line1\nline2", "b"], ["c", "d"]], lines: [1, 3]),
        Case("embedded CRLF in quotes kept", "\"x\r\ny\",z\r\n", [["x\r\ny", "z"]]),
        Case("quoted field at end of file without line break", "a,\"b\"", [["a", "b"]]),
    ]

    static let cases2: [Case] = [
        Case("quote inside unquoted field kept literally", "O\"Brien,b\n", [["O\"Brien", "b"]]),
        Case("spaces around fields are kept", " a , b \n", [[" a ", " b "]]),
        Case("space before quote makes the quote literal", " \"a\",b\n", [[" \"a\"", "b"]]),
        Case("empty lines are skipped", "a\n\n\nb\n", [["a"], ["b"]], lines: [1, 4]),
        Case("empty CRLF lines are skipped", "a\r\n\r\nb\r\n", [["a"], ["b"]], lines: [1, 3]),
        Case("leading empty lines are skipped", "\n\na,b\n", [["a", "b"]], lines: [3]),
        Case("empty input", "", []),
        Case("only line breaks", "\n\r\n\n", []),
        Case("UTF-8 accents", "Prénom,Nom\nZoé,Éluard\n", [["Prénom", "Nom"], ["Zoé", "Éluard"]]),
        Case("emoji and CJK", "☕️,東京\n", [["☕️", "東京"]]),
    ]

    static let cases3: [Case] = [
        Case(name: "BOM is dropped", bytes: bytes(bom, utf8("a,b\n")), separator: .comma, records: [["a", "b"]], lines: nil),
        Case(name: "BOM with ; separator", bytes: bytes(bom, utf8("a;b\nc;d\n")), separator: .semicolon, records: [["a", "b"], ["c", "d"]], lines: nil),
        Case(name: "BOM only", bytes: bom, separator: .comma, records: [], lines: nil),
        Case(name: "BOM inside a later field is kept", bytes: bytes(utf8("a,"), bom, utf8("b\n")), separator: .comma, records: [["a", "\u{FEFF}b"]], lines: nil),
        Case("; detected when more frequent", "a;b;c\n1,5;2;3\n", [["a", "b", "c"], ["1,5", "2", "3"]], separator: .semicolon),
        Case(", detected when more frequent", "a,b,c\nx;y,z,w\n", [["a", "b", "c"], ["x;y", "z", "w"]]),
        Case("tie between , and ; chooses ,", "a,b;c\n", [["a", "b;c"]]),
        Case("separators inside quoted header do not count", "\"a;b;c\",d\n", [["a;b;c", "d"]]),
        Case("header with no separator: single column, ,", "email\nx@y.z\n", [["email"], ["x@y.z"]]),
        Case("header with a quoted line break, detection waits", "\"a\nb\";c\n1;2\n", [["a\nb", "c"], ["1", "2"]], separator: .semicolon),
    ]

    static let cases4: [Case] = [
        Case("rows of different widths are returned as they are", "a,b\nc\nd,e,f\n", [["a", "b"], ["c"], ["d", "e", "f"]]),
        Case("tab is data, not a separator", "a\tb,c\n", [["a\tb", "c"]]),
        Case("quoted field followed by CRLF", "\"a\"\r\n\"b\"\r\n", [["a"], ["b"]]),
        Case("many quoted fields", "\"a\",\"b\",\"c\"\n", [["a", "b", "c"]]),
        Case("quoted ; with , separator", "a,\"b;c\"\n", [["a", "b;c"]]),
        Case("lines counted across quoted line breaks", "h\n\"1\n2\n3\"\nnext\n", [["h"], ["1\n2\n3"], ["next"]], lines: [1, 2, 5]),
    ]

    static let cases: [Case] = cases0 + cases1 + cases2 + cases3 + cases4

    @Test(arguments: cases)
    func parsesWholeInput(_ row: Case) throws {
        var parser = CSVParser()
        let records = try parser.feed(row.input) + parser.finish()
        #expect(records.map(\.fields) == row.records)
        if let lines = row.lines { #expect(records.map(\.line) == lines) }
        if !row.records.isEmpty { #expect(parser.separator == row.separator) }
    }

    @Test("feeding one byte at a time gives the same records", arguments: cases)
    func parsesByteByByte(_ row: Case) throws {
        var parser = CSVParser()
        var records: [CSVRecord] = []
        for byte in row.input { records += try parser.feed([byte]) }
        records += try parser.finish()
        #expect(records.map(\.fields) == row.records)
        if let lines = row.lines { #expect(records.map(\.line) == lines) }
    }

    @Test("splitting the input at every offset gives the same records", arguments: cases.filter { $0.input.count < 64 })
    func parsesSplitAtEveryOffset(_ row: Case) throws {
        for split in 0...row.input.count {
            var parser = CSVParser()
            let records = try parser.feed(row.input[..<split]) + parser.feed(row.input[split...]) + parser.finish()
            #expect(records.map(\.fields) == row.records, "split at \(split)")
        }
    }

    @Test("the table holds at least 40 cases")
    func enoughCases() {
        #expect(Self.cases.count >= 40)
    }

    struct Failure: Sendable, CustomTestStringConvertible {
        let name: String
        let input: [UInt8]
        let limits: CSVParser.Limits
        let error: CSVError
        var testDescription: String { name }
        init(_ name: String, _ input: [UInt8], limits: CSVParser.Limits = .init(), _ error: CSVError) {
            self.name = name
            self.input = input
            self.limits = limits
            self.error = error
        }
    }

    @Test(arguments: [
        Failure("unterminated quote", Array("a,\"bc\n".utf8), .unterminatedQuote(line: 1)),
        Failure("unterminated quote on a later line", Array("a\nb,\"c\nd".utf8), .unterminatedQuote(line: 2)),
        Failure("text after a closing quote", Array("\"a\"b,c\n".utf8), .unexpectedCharacterAfterQuote(line: 1, field: 1)),
        Failure("text after a closing quote in field 2", Array("x\ny,\"a\" ,c\n".utf8), .unexpectedCharacterAfterQuote(line: 2, field: 2)),
        Failure("invalid UTF-8 (Latin-1 é)", [0x61, 0x2C, 0xE9, 0x0A], .invalidUTF8(line: 1, field: 2)),
        Failure("truncated UTF-8 sequence at end of file", [0x61, 0xC3], .invalidUTF8(line: 1, field: 1)),
        Failure("field over the limit", Array("abcdef\n".utf8), limits: .init(maxFieldBytes: 5), .fieldTooLong(line: 1, limit: 5)),
        Failure("too many fields", Array("a,b,c,d\n".utf8), limits: .init(maxFieldsPerRecord: 3), .tooManyFields(line: 1, limit: 3)),
        Failure("record over the limit", Array("ab,cd\nabcdef,gh\n".utf8), limits: .init(maxRecordBytes: 8), .recordTooLong(line: 2, limit: 8)),
        Failure("header over the limit without a line break", Array("abcdefghij".utf8), limits: .init(maxRecordBytes: 4), .recordTooLong(line: 1, limit: 4)),
    ])
    func rejectsMalformedInput(_ row: Failure) {
        #expect(throws: row.error) {
            var parser = CSVParser(limits: row.limits)
            _ = try parser.feed(row.input)
            _ = try parser.finish()
        }
    }

    @Test("an explicit separator is used without detection")
    func explicitSeparator() throws {
        let records = try CSVParser.parse("a;b,c;d\n", separator: .comma)
        #expect(records.map(\.fields) == [["a;b", "c;d"]])
    }

    @Test("errors read as sentences for the admin")
    func errorDescriptions() {
        #expect(CSVError.unterminatedQuote(line: 3).description == "line 3: a quoted field is never closed")
        #expect(CSVError.invalidUTF8(line: 2, field: 1).description.contains("UTF-8"))
    }

    @Test("100,000 rows stream through in chunks, returning records as they complete")
    func streamsLargeFile() throws {
        var parser = CSVParser()
        var count = 0
        var maxPerChunk = 0
        var header = Array("First name;Last name;Email;City\n".utf8)
        _ = try parser.feed(header)
        header.removeAll()
        var chunk: [UInt8] = []
        for index in 0..<100_000 {
            chunk += Array("Given\(index);\"Family; \(index)\";user\(index)@example.com;Paris\n".utf8)
            if chunk.count >= 16_384 {
                let records = try parser.feed(chunk)
                count += records.count
                maxPerChunk = max(maxPerChunk, records.count)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        count += try parser.feed(chunk).count + parser.finish().count
        #expect(count == 100_000)
        #expect(maxPerChunk < 1_000, "records are returned per chunk, not held until the end")
        #expect(parser.separator == .semicolon)
    }
}

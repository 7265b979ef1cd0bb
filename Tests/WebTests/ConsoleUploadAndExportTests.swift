import Foundation
import Testing
@testable import Web

/// The console's multipart upload parser (RFC 7578) and its CSV export format
/// (RFC 4180, UTF-8 with a byte order mark, OWASP formula-injection neutralised).
@Suite("Console — multipart uploads and spreadsheet-safe CSV")
struct ConsoleUploadAndExportTests {
    static let type = "multipart/form-data; boundary=----b0undary"

    static func body(_ parts: [(headers: String, content: String)], close: Bool = true) -> [UInt8] {
        var text = ""
        for part in parts { text += "------b0undary\r\n\(part.headers)\r\n\r\n\(part.content)\r\n" }
        if close { text += "------b0undary--\r\n" }
        return Array(text.utf8)
    }

    @Test("a browser's form: text fields and a file (with CRLF lines and a quoted ';' in its name) come back as sent")
    func decodes() throws {
        let csv = "First name,Last name,Email\r\nAda,Lovelace,ada@example.com\r\n"
        let form = try MultipartFormData(body: Self.body([
            ("Content-Disposition: form-data; name=\"csrf\"", "t0ken"),
            ("Content-Disposition: form-data; name=\"file\"; filename=\"a;b.csv\"\r\nContent-Type: text/csv", csv),
        ]), contentType: Self.type)
        #expect(form.fields.map(\.name) == ["csrf"] && form.fields.first?.value == "t0ken")
        let file = try #require(form.file("file"))
        #expect(file.filename == "a;b.csv" && String(decoding: file.bytes, as: UTF8.self) == csv)
        #expect(FormData(fields: form.fields)["csrf"] == "t0ken")
    }

    @Test("malformed bodies are refused, not guessed at", arguments: [
        (type: "multipart/form-data", body: "x", error: MultipartFormData.DecodingError.notMultipart),
        (type: "application/x-www-form-urlencoded; boundary=----b0undary", body: "x", error: .notMultipart),
        (type: ConsoleUploadAndExportTests.type, body: "no delimiter at all", error: .malformed),
        (type: ConsoleUploadAndExportTests.type, body: "------b0undary\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated",
         error: .malformed),
        (type: ConsoleUploadAndExportTests.type, body: "------b0undary\r\nContent-Type: text/plain\r\n\r\nno name\r\n------b0undary--",
         error: .malformed),
    ])
    func refuses(type: String, body: String, error: MultipartFormData.DecodingError) {
        #expect(throws: error) { try MultipartFormData(body: Array(body.utf8), contentType: type) }
    }

    @Test("more parts than the limit are refused")
    func partLimit() {
        let parts = (0..<5).map { (headers: "Content-Disposition: form-data; name=\"f\($0)\"", content: "v") }
        #expect(throws: MultipartFormData.DecodingError.tooManyParts(limit: 3)) {
            try MultipartFormData(body: Self.body(parts), contentType: Self.type, maximumParts: 3)
        }
    }

    @Test("cells a spreadsheet would run as formulas are prefixed with a quote; separators and quotes are quoted", arguments: [
        ("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\""),
        ("+33 6 12", "'+33 6 12"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
        ("R&D, Paris", "\"R&D, Paris\""), ("two\nlines", "\"two\nlines\""), ("Hélène", "Hélène"), ("", ""), ("a-b", "a-b"),
        ("\r=1+1", "\"'\r'=1+1\""), (" =1", " =1"), ("'quoted", "'quoted"), ("a=b", "a=b"),
        // Excel with a `;` list separator (fr-FR, de-DE) splits on `;`: each part is neutralised too.
        ("x;=1+1;y", "x;'=1+1;y"), ("x;-y", "x;'-y"), ("a;b", "a;b"), ("=a;@b", "'=a;'@b"), ("a;;+b", "a;;'+b"),
        ("x\t=1", "x\t'=1"), ("two\n=lines", "\"two\n'=lines\""),
    ])
    func field(cell: String, written: String) {
        #expect(SpreadsheetCSV.field(cell) == written)
    }

    @Test("a file is UTF-8 with a byte order mark and CRLF rows; the download name cannot break its header")
    func file() {
        let file = SpreadsheetCSV(header: ["Email", "Name"], rows: [["ada@example.com", "Ada"], ["x@example.com"]])
        let bytes = file.bytes()
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self) == "Email,Name\r\nada@example.com,Ada\r\nx@example.com,\r\n")
        #expect(SpreadsheetCSV.contentDisposition(filename: "members-2026-12-04.csv") == "attachment; filename=\"members-2026-12-04.csv\"")
        #expect(SpreadsheetCSV.contentDisposition(filename: "a\"; b\r\n.csv") == "attachment; filename=\"a___b__.csv\"")
    }

    @Test("the import's progress page reloads itself without script while applying, and not once done")
    func progressPage() {
        let context = ConsoleContext(language: .english, organisationName: "Org", signedInAs: "a@example.com", csrfToken: "t",
                                     currentPath: "/admin/import/x", section: .importCSV)
        let applying = ConsoleImportProgressPage(filename: "<b>.csv", state: .applying(written: 1_000, total: 2_500))
            .document(in: context).render()
        #expect(applying.contains("<meta http-equiv=\"refresh\" content=\"2\">"))
        #expect(applying.contains("<progress value=\"1000\" max=\"2500\""))
        #expect(applying.contains("&lt;b&gt;.csv") && !applying.contains("<b>.csv"))
        let done = ConsoleImportProgressPage(filename: "m.csv", state: .done(created: 3, updated: 1, welcomeEmails: 0))
            .document(in: context).render()
        #expect(!done.contains("http-equiv") && done.contains("3 members created, 1 updated"))
    }
}

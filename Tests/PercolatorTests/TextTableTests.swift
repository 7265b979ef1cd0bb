import Testing
@testable import Percolator

@Suite("Terminal output: aligned tables and readable durations")
struct TextTableTests {
    @Test("columns are padded to their widest cell, two spaces apart, no trailing spaces")
    func aligned() {
        var table = TextTable(header: ["NAME", "EMAIL", "STATUS"])
        table.rows = [["Ada Lovelace", "ada@example.com", "active"], ["Al", "al@example.com"]]
        #expect(table.rendered == """
            NAME          EMAIL            STATUS
            Ada Lovelace  ada@example.com  active
            Al            al@example.com

            """)
    }

    @Test("control, line-break and text-direction characters in cells are shown escaped, not sent to the terminal")
    func escaped() {
        var table = TextTable(header: ["NAME", "EMAIL"])
        table.rows = [["Mary\nAnn", "a@example.com"], ["A\u{1B}[31m\u{202E}x\t", "b@example.com"]]
        #expect(table.rendered == """
            NAME                    EMAIL
            Mary\\nAnn               a@example.com
            A\\u{1B}[31m\\u{202E}x\\t  b@example.com

            """)
    }

    @Test("durations in µs, ms, s or minutes, never Duration's own description", arguments: [
        (Duration.microseconds(850), "850 µs"), (.milliseconds(12), "12 ms"), (.milliseconds(1_400), "1.4 s"),
        (.seconds(3), "3 s"), (.seconds(125), "2 min 5 s"), (.microseconds(999_600), "1000 ms"),
    ])
    func durations(duration: Duration, text: String) {
        #expect(ReadableDuration.text(duration) == text)
    }
}

import Foundation
@testable import Percolator
import Testing
import TestSupport

/// Enter in a field of the program edit form saves (issue 13): HTML's implicit
/// submission presses the form's first submit button in tree order, which was "Count".
/// The browser journey (scripts/browser/console-journey.py) presses Enter for real.
@Suite("Admin console — the program edit form's default button is Save")
struct ConsoleProgramEditDefaultButtonTests {
    @Test("the edit form's first submit button is intent=save, out of the Tab order and the accessibility tree; Count comes later")
    func defaultButtonSaves() async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            let (program, _) = try await ConsoleStatisticsTests.programWithSession(browser)
            let page = try await browser.get(program + "/edit")
            let form = try #require(page.text.components(separatedBy: "action=\"\(program)/edit\"").dropFirst().first?
                .components(separatedBy: "</form>").first, "\(page.text)")
            let buttons = form.components(separatedBy: "<button").dropFirst().map { String($0.prefix { $0 != ">" }) }
            #expect(buttons.count == 3, "\(buttons)")
            let first = try #require(buttons.first)
            #expect(first.contains(#"type="submit""#) && first.contains(#"name="intent""#) && first.contains(#"value="save""#), "\(first)")
            #expect(first.contains(#"tabindex="-1""#) && first.contains(#"aria-hidden="true""#) && first.contains("visually-hidden"))
            #expect(buttons.dropFirst().first?.contains(#"value="count""#) == true, "Count after the default Save")
            #expect(buttons.last?.contains(#"value="save""#) == true, "the visible Save at the end")
        }
    }
}

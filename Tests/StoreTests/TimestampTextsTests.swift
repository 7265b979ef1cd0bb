import Foundation
import Testing
@testable import Store

@Suite("TimestampTexts — an outbox append's instants formatted once per distinct instant")
struct TimestampTextsTests {
    @Test("every text is Timestamp.string's, for repeated, alternating and sub-millisecond instants")
    func sameTextsAsTimestamp() {
        var texts = TimestampTexts()
        let base = Date(timeIntervalSince1970: 1_800_000_000.25)
        let instants = [base, base, base.addingTimeInterval(0.5), base, base.addingTimeInterval(0.0004),
                        base.addingTimeInterval(0.0004), Date(timeIntervalSince1970: 0), base]
        for date in instants {
            #expect(texts.text(of: date) == Timestamp.string(from: date))
        }
    }
}

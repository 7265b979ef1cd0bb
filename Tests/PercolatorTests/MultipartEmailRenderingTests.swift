import Foundation
import Testing
@testable import Percolator

@Suite("Outbox: an email with parts rendered as MIME multipart (alternative, mixed)")
struct MultipartEmailRenderingTests {
    static let november2023 = 1_700_000_000

    static func message(body: String = "Hello\n", parts: [EmailPart]) -> EmailMessage {
        EmailMessage(from: "Percolator <noreply@example.org>", to: ["ada@example.org"], subject: "Your coffee match",
                     textBody: body, messageID: "match-42@percolator.example.org", parts: parts)
    }

    static let calendar = EmailPart(contentType: "text/calendar; method=REQUEST", filename: "invitation.ics",
                                    body: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")

    /// The boundary of a rendered multipart message.
    static func boundary(_ text: String) throws -> String {
        let header = try #require(text.components(separatedBy: "\r\n").first { $0.hasPrefix("Content-Type: multipart/mixed") })
        return try #require(header.components(separatedBy: "boundary=\"").last?.split(separator: "\"").first.map(String.init))
    }

    @Test("the text then the invitation, each with its Content-Type, charset and encoding, between boundaries")
    func structure() throws {
        let rendered = try Self.message(parts: [Self.calendar]).rendered(epochSeconds: Self.november2023)
        let boundary = try Self.boundary(rendered.text)
        #expect(rendered.transferEncoding == .sevenBit)
        #expect(rendered.text.hasSuffix("\r\n--\(boundary)--\r\n"))
        let headerEnd = try #require(rendered.text.range(of: "\r\n\r\n"))
        let headers = String(rendered.text[..<headerEnd.lowerBound])
        #expect(headers.contains("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"\(boundary)\"\r\nContent-Transfer-Encoding: 7bit"))
        #expect(!headers.contains("text/plain"), "the text's type is in its part, not the message's header")
        #expect(rendered.text.contains("""
            \r
            --\(boundary)\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: 7bit\r
            \r
            Hello\r
            \r
            --\(boundary)\r
            Content-Type: text/calendar; charset=utf-8; method=REQUEST; name="invitation.ics"\r
            Content-Transfer-Encoding: 7bit\r
            Content-Disposition: attachment; filename="invitation.ics"\r
            \r
            BEGIN:VCALENDAR\r
            END:VCALENDAR\r
            \r
            --\(boundary)--\r

            """))
        // Every line ends with CRLF.
        #expect(!rendered.text.replacing("\r\n", with: "").contains("\n") && !rendered.text.replacing("\r\n", with: "").contains("\r"))
    }

    @Test("a part without a file name is an alternative of the text, one with a file name an attachment: mixed(alternative(text, calendar), file)")
    func alternativeAndAttachment() throws {
        let request = EmailPart(contentType: "text/calendar; method=REQUEST", body: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        let file = EmailPart(contentType: "application/ics", filename: "invitation.ics", body: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        let text = try Self.message(parts: [request, file]).rendered(epochSeconds: Self.november2023).text
        let types = text.components(separatedBy: "\r\n").filter { $0.hasPrefix("Content-Type: ") }
            .map { $0.dropFirst("Content-Type: ".count).prefix { $0 != ";" } }
        #expect(types == ["multipart/mixed", "multipart/alternative", "text/plain", "text/calendar", "application/ics"])
        let outer = try Self.boundary(text)
        let innerHeader = try #require(text.components(separatedBy: "\r\n").first { $0.hasPrefix("Content-Type: multipart/alternative") })
        let inner = try #require(innerHeader.components(separatedBy: "boundary=\"").last?.split(separator: "\"").first.map(String.init))
        #expect(inner != outer && !inner.contains(outer) && !outer.contains(inner))
        let delimiters = text.components(separatedBy: "\r\n").filter { $0.hasPrefix("--") }
        #expect(delimiters == ["--\(outer)", "--\(inner)", "--\(inner)", "--\(inner)--", "--\(outer)", "--\(outer)--"])
        #expect(text.contains("Content-Type: text/calendar; charset=utf-8; method=REQUEST\r\nContent-Transfer-Encoding: 7bit\r\n\r\nBEGIN"),
                "the request is no attachment: calendar clients take it as a request")
        #expect(text.contains("Content-Type: application/ics; name=\"invitation.ics\"\r\nContent-Transfer-Encoding: 7bit\r\nContent-Disposition: attachment; filename=\"invitation.ics\"\r\n"))
    }

    @Test("a message without parts is rendered exactly as before: one text/plain body")
    func noParts() throws {
        let single = try Self.message(parts: []).rendered(epochSeconds: Self.november2023)
        #expect(single.text.contains("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\nHello\r\n"))
        #expect(!single.text.contains("multipart"))
    }

    @Test("each part takes its own encoding; an 8bit part makes the message 8bit, base64 when 8bit is not offered")
    func encodings() throws {
        let french = EmailPart(contentType: "text/calendar; method=REQUEST", body: "SUMMARY:Café\r\n")
        let eightBit = try Self.message(parts: [french]).rendered(epochSeconds: Self.november2023, allowsEightBit: true)
        #expect(eightBit.transferEncoding == .eightBit)
        #expect(eightBit.text.contains("Content-Transfer-Encoding: 8bit\r\n\r\nSUMMARY:Café"))
        let sevenBit = try Self.message(parts: [french]).rendered(epochSeconds: Self.november2023, allowsEightBit: false)
        #expect(sevenBit.transferEncoding == .sevenBit)
        #expect(sevenBit.text.contains("Content-Transfer-Encoding: base64\r\n\r\n\(Base64.encodeLines(Array("SUMMARY:Café\r\n".utf8)))"))
        #expect(!sevenBit.text.unicodeScalars.contains { !$0.isASCII })
    }

    @Test("the boundary never occurs in a part, even one that quotes it")
    func boundaryAvoidsContent() throws {
        let first = try Self.message(parts: [Self.calendar]).rendered(epochSeconds: Self.november2023)
        let boundary = try Self.boundary(first.text)
        let hostile = EmailPart(contentType: "text/plain", filename: "quote.txt", body: "--\(boundary)\n--\(boundary)--\n")
        let rendered = try Self.message(body: "--\(boundary)\n", parts: [hostile]).rendered(epochSeconds: Self.november2023)
        let chosen = try Self.boundary(rendered.text)
        #expect(chosen != boundary)
        let delimiters = rendered.text.components(separatedBy: "\r\n").filter { $0.hasPrefix("--\(chosen)") }
        #expect(delimiters == ["--\(chosen)", "--\(chosen)", "--\(chosen)--"])
    }

    @Test("a malformed part is refused before anything is sent", arguments: [
        EmailPart(contentType: "text/calendar\r\nBcc: spy@example.org", body: "x"),
        EmailPart(contentType: "calendar", body: "x"),
        EmailPart(contentType: "text/plain; charset=latin1", body: "x"),
        EmailPart(contentType: "multipart/mixed", body: "x"),
        EmailPart(contentType: "text/calendar", filename: "a\"b.ics", body: "x"),
        EmailPart(contentType: "text/calendar", filename: "inv\nitation.ics", body: "x"),
    ])
    func refused(_ part: EmailPart) {
        #expect(throws: SMTPError.self) { try Self.message(parts: [part]).rendered(epochSeconds: Self.november2023) }
    }
}

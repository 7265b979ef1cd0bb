import Foundation
import Testing
@testable import Percolator

@Suite("Outbox: an email rendered as RFC 5322 text")
struct EmailMessageRenderingTests {
    static let november2023 = 1_700_000_000  // Tue, 14 Nov 2023 22:13:20 UTC

    static func message(subject: String = "Your coffee match", body: String = "Hello\nBye\n") -> EmailMessage {
        EmailMessage(
            from: "Percolator <noreply@example.org>", to: ["ada@example.org", "Grace Hopper <grace@example.org>"],
            subject: subject, textBody: body, messageID: "match-42@percolator.example.org",
            headers: [EmailHeader(name: "Auto-Submitted", value: "auto-generated")]
        )
    }

    @Test("an ASCII message: every header in order, CRLF line endings, 7bit body")
    func asciiMessage() throws {
        let rendered = try Self.message().rendered(epochSeconds: Self.november2023)
        #expect(rendered.transferEncoding == .sevenBit)
        #expect(rendered.text == """
            From: Percolator <noreply@example.org>\r
            To: ada@example.org, Grace Hopper <grace@example.org>\r
            Subject: Your coffee match\r
            Date: Tue, 14 Nov 2023 22:13:20 +0000\r
            Message-ID: <match-42@percolator.example.org>\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: 7bit\r
            Auto-Submitted: auto-generated\r
            \r
            Hello\r
            Bye\r

            """)
    }

    @Test("a long List-Unsubscribe URL and a Reply-To list stay as written (folded after commas), never encoded words")
    func longStructuredHeaders() throws {
        let url = "<https://coffee.example.org/unsubscribe?token=" + String(repeating: "A", count: 43) + ">"
        let replyTo = (1...5).map { "member-number-\($0)@a-rather-long-domain.example.org" }.joined(separator: ", ")
        var message = Self.message()
        message.headers = [EmailHeader(name: "List-Unsubscribe", value: url),
                           EmailHeader(name: "List-Unsubscribe-Post", value: "List-Unsubscribe=One-Click"),
                           EmailHeader(name: "Reply-To", value: replyTo)]
        let text = try message.rendered(epochSeconds: Self.november2023).text
        #expect(text.contains("\r\nList-Unsubscribe: \(url)\r\n"), "\(text)")
        #expect(text.contains("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"))
        #expect(!text.contains("=?utf-8?"), "\(text)")
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: " ")
        #expect(unfolded.contains("\r\nReply-To: \(replyTo)\r\n"), "\(text)")
        #expect(text.split(separator: "\r\n").filter { $0.hasPrefix("Reply-To") || $0.hasPrefix(" member") }.allSatisfy { $0.utf8.count <= 78 })
    }

    @Test("every line ends with CRLF, whatever line endings the body used")
    func lineEndings() throws {
        let rendered = try Self.message(body: "one\ntwo\r\nthree\rfour").rendered(epochSeconds: Self.november2023)
        let bytes = Array(rendered.text.utf8)
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\n") { #expect(index > 0 && bytes[index - 1] == UInt8(ascii: "\r")) }
            if byte == UInt8(ascii: "\r") { #expect(index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n")) }
        }
        #expect(rendered.text.hasSuffix("\r\n\r\none\r\ntwo\r\nthree\r\nfour\r\n"))
    }

    @Test("a non-ASCII subject becomes RFC 2047 encoded words")
    func encodedSubject() throws {
        let rendered = try Self.message(subject: "Votre café de la semaine").rendered(epochSeconds: Self.november2023)
        let expected = "=?UTF-8?B?" + Data("Votre café de la semaine".utf8).base64EncodedString() + "?="
        #expect(rendered.text.contains("\r\nSubject: \(expected)\r\n"))
    }

    @Test("a long non-ASCII subject is folded into words of at most 75 characters, no character cut")
    func longEncodedSubject() throws {
        let subject = String(repeating: "Café crème, thé à l'œil ☕️ ", count: 8)
        let rendered = try Self.message(subject: subject).rendered(epochSeconds: Self.november2023)
        let start = try #require(rendered.text.range(of: "Subject: "))
        let end = try #require(rendered.text.range(of: "\r\nDate: "))
        let words = rendered.text[start.upperBound..<end.lowerBound].components(separatedBy: "\r\n ")
        #expect(words.count > 1)
        var decoded = ""
        for word in words {
            #expect(word.utf8.count <= 75)
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            let payload = String(word.dropFirst(10).dropLast(2))
            let bytes = try #require(Data(base64Encoded: payload))
            decoded += try #require(String(data: bytes, encoding: .utf8))
        }
        #expect(decoded == subject)
    }

    @Test("a subject that looks like an encoded word is encoded, so it reads back as written")
    func subjectLookingEncoded() throws {
        let rendered = try Self.message(subject: "=?UTF-8?B?abc?=").rendered(epochSeconds: Self.november2023)
        #expect(!rendered.text.contains("Subject: =?UTF-8?B?abc?=\r\n"))
    }

    @Test("a display name with accents is encoded; one with specials is quoted")
    func displayNames() throws {
        var message = Self.message()
        message.from = "Équipe Café <cafe@example.org>"
        message.to = ["Lovelace, Ada <ada@example.org>"]
        let rendered = try message.rendered(epochSeconds: Self.november2023)
        #expect(rendered.text.contains("From: =?UTF-8?B?\(Data("Équipe Café".utf8).base64EncodedString())?= <cafe@example.org>\r\n"))
        #expect(rendered.text.contains("To: \"Lovelace, Ada\" <ada@example.org>\r\n"))
    }

    @Test("a UTF-8 body goes as 8bit, or as base64 when the relay lacks 8BITMIME")
    func utf8Body() throws {
        let body = "Bonjour Hélène,\nvotre café avec Zoë est à 10 h.\n"
        let eightBit = try Self.message(body: body).rendered(epochSeconds: Self.november2023)
        #expect(eightBit.transferEncoding == .eightBit)
        #expect(eightBit.text.contains("Content-Transfer-Encoding: 8bit\r\n"))
        #expect(eightBit.text.hasSuffix("\r\n\r\nBonjour Hélène,\r\nvotre café avec Zoë est à 10 h.\r\n"))

        let base64 = try Self.message(body: body).rendered(epochSeconds: Self.november2023, allowsEightBit: false)
        #expect(base64.transferEncoding == .base64)
        #expect(base64.text.contains("Content-Transfer-Encoding: base64\r\n"))
        let encodedBody = try #require(base64.text.components(separatedBy: "\r\n\r\n").last)
        #expect(encodedBody.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        let decoded = try #require(Data(base64Encoded: encodedBody.replacingOccurrences(of: "\r\n", with: "")))
        #expect(String(decoding: decoded, as: UTF8.self) == "Bonjour Hélène,\r\nvotre café avec Zoë est à 10 h.\r\n")
    }

    @Test("a line longer than 998 octets forces base64")
    func longLine() throws {
        let rendered = try Self.message(body: String(repeating: "a", count: 1200)).rendered(epochSeconds: Self.november2023)
        #expect(rendered.transferEncoding == .base64)
    }

    @Test("the DATA phase dot-stuffs lines starting with a dot and ends with CRLF.CRLF")
    func dotStuffing() throws {
        let rendered = try Self.message(body: ".hidden\nkeep . this\n..two\n.").rendered(epochSeconds: Self.november2023)
        let data = String(decoding: rendered.dataPhaseBytes, as: UTF8.self)
        #expect(data.hasSuffix("\r\n\r\n..hidden\r\nkeep . this\r\n...two\r\n..\r\n.\r\n"))
        #expect(data.hasPrefix(rendered.text.prefix(20)))
    }

    @Test("line breaks in from, to, subject or a header are refused as header injection", arguments: [
        ("from", "noreply@example.org\r\nBcc: victim@example.org"),
        ("to", "ada@example.org\nBcc: victim@example.org"),
        ("subject", "Hello\r\nBcc: victim@example.org"),
        ("subject", "Hello\rX: y"),
        ("header", "value\nBcc: victim@example.org"),
        ("messageID", "id@example.org\r\nBcc: victim@example.org"),
    ])
    func headerInjection(field: String, value: String) {
        var message = Self.message()
        switch field {
        case "from": message.from = value
        case "to": message.to = [value]
        case "subject": message.subject = value
        case "messageID": message.messageID = value
        default: message.headers = [EmailHeader(name: "X-Note", value: value)]
        }
        #expect(throws: SMTPError.self) { try message.rendered(epochSeconds: Self.november2023) }
        do {
            _ = try message.rendered(epochSeconds: Self.november2023)
        } catch {
            guard case .invalidMessage = error else { Issue.record("expected invalidMessage, got \(error)"); return }
            #expect(!error.isTransient)
        }
    }

    @Test("malformed messages are refused", arguments: [
        EmailMessage(from: "not an address", to: ["ada@example.org"], subject: "s", textBody: "b", messageID: "a@b"),
        EmailMessage(from: "x@example.org", to: [], subject: "s", textBody: "b", messageID: "a@b"),
        EmailMessage(from: "x@example.org", to: ["ada@"], subject: "s", textBody: "b", messageID: "a@b"),
        EmailMessage(from: "x@example.org", to: ["ada@example.org"], subject: "s", textBody: "b", messageID: "no-at-sign"),
        EmailMessage(from: "x@example.org", to: ["ada@example.org"], subject: "s", textBody: "b", messageID: "a@b",
                     headers: [EmailHeader(name: "Subject", value: "second subject")]),
        EmailMessage(from: "x@example.org", to: ["ada@example.org"], subject: "s", textBody: "b", messageID: "a@b",
                     headers: [EmailHeader(name: "Bad Name", value: "v")]),
    ])
    func malformed(message: EmailMessage) {
        #expect(throws: SMTPError.self) { try message.rendered(epochSeconds: Self.november2023) }
    }

    @Test("a Message-ID given in angle brackets is not bracketed twice")
    func bracketedMessageID() throws {
        var message = Self.message()
        message.messageID = "<abc@example.org>"
        #expect(try message.rendered(epochSeconds: Self.november2023).text.contains("\r\nMessage-ID: <abc@example.org>\r\n"))
    }

    @Test("base64 matches Foundation's on every length around the padding cases")
    func base64() {
        for length in 0..<70 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            #expect(Base64.encode(bytes) == Data(bytes).base64EncodedString())
        }
    }

    @Test("dates are RFC 5322, in UTC")
    func dates() {
        #expect(EmailDate.format(epochSeconds: 0) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(EmailDate.format(epochSeconds: Self.november2023) == "Tue, 14 Nov 2023 22:13:20 +0000")
    }
}

import Testing
@testable import Percolator

@Suite("Outbox: SMTP replies parsed without a socket — RFC 5321 §4.2")
struct SMTPReplyParserTests {
    static func replies(_ text: String) throws -> [SMTPReply] {
        var parser = SMTPReplyParser()
        parser.append(text.utf8)
        var replies: [SMTPReply] = []
        while let reply = try parser.nextReply() { replies.append(reply) }
        return replies
    }

    @Test("a one-line reply")
    func oneLine() throws {
        #expect(try Self.replies("220 mail.example.org ESMTP ready\r\n") == [SMTPReply(code: 220, lines: ["mail.example.org ESMTP ready"])])
    }

    @Test("a multi-line reply: continuation lines, then the last one")
    func multiLine() throws {
        let text = "250-mail.example.org\r\n250-8BITMIME\r\n250-AUTH PLAIN LOGIN\r\n250 HELP\r\n"
        #expect(try Self.replies(text) == [SMTPReply(code: 250, lines: ["mail.example.org", "8BITMIME", "AUTH PLAIN LOGIN", "HELP"])])
    }

    @Test("a reply arriving one byte at a time is returned only when complete")
    func byteByByte() throws {
        var parser = SMTPReplyParser()
        let text = Array("250-first\r\n250 last\r\n".utf8)
        for byte in text.dropLast() {
            parser.append([byte])
            #expect(try parser.nextReply() == nil)
        }
        parser.append([text[text.count - 1]])
        #expect(try parser.nextReply() == SMTPReply(code: 250, lines: ["first", "last"]))
        #expect(!parser.hasBufferedInput)
    }

    @Test("several replies in one read come out one by one; a bare code and a bare LF are accepted")
    func severalReplies() throws {
        #expect(try Self.replies("250 OK\r\n354\n221 Bye\r\n") == [
            SMTPReply(code: 250, lines: ["OK"]), SMTPReply(code: 354, lines: [""]), SMTPReply(code: 221, lines: ["Bye"]),
        ])
    }

    @Test("control characters from the server are dropped from the text")
    func controlCharacters() throws {
        #expect(try Self.replies("550 no\u{1B}[31m such\u{7} user\r\n") == [SMTPReply(code: 550, lines: ["no[31m such user"])])
    }

    @Test("what is not an SMTP reply is refused", arguments: [
        "HTTP/1.1 400 Bad Request\r\n", "25 short\r\n", "250x nope\r\n", "650 out of range\r\n",
        "250-first\r\n251 other code\r\n",
    ])
    func malformed(text: String) {
        #expect(throws: SMTPReplyParser.MalformedReply.self) { try Self.replies(text) }
    }

    @Test("an endless line is refused instead of buffered")
    func endlessLine() {
        var parser = SMTPReplyParser()
        parser.append(Array(repeating: UInt8(ascii: "2"), count: SMTPReplyParser.maximumLineLength + 1))
        #expect(throws: SMTPReplyParser.MalformedReply.self) { try parser.nextReply() }
    }

    @Test("EHLO extensions: keywords case-insensitive, both AUTH forms")
    func capabilities() {
        let reply = SMTPReply(code: 250, lines: ["mail.example.org greets you", "8bitmime", "AUTH LOGIN", "AUTH=PLAIN", "SIZE 1000"])
        let capabilities = SMTPCapabilities(ehloReply: reply)
        #expect(capabilities.supports("8BITMIME"))
        #expect(capabilities.supports("size"))
        #expect(!capabilities.supports("mail.example.org"))
        #expect(capabilities.authenticationMechanisms == ["LOGIN", "PLAIN"])
        #expect(!SMTPCapabilities.none.supports("8BITMIME"))
    }

    @Test("4xx replies are transient, 5xx permanent; connection problems transient")
    func transience() {
        #expect(SMTPError.rejected(command: "RCPT TO:<a@b>", reply: SMTPReply(code: 451, lines: ["later"])).isTransient)
        #expect(!SMTPError.rejected(command: "RCPT TO:<a@b>", reply: SMTPReply(code: 550, lines: ["no"])).isTransient)
        #expect(SMTPError.connectionFailed(host: "h", port: 25, reason: "refused").isTransient)
        #expect(SMTPError.timedOut(during: "greeting").isTransient)
        #expect(!SMTPError.invalidMessage("bad").isTransient)
        #expect(!SMTPError.authenticationUnavailable(host: "h").isTransient)
    }

    @Test("a relay's description masks its password")
    func relayDescription() {
        let relay = SMTPRelay(host: "smtp.example.org", heloName: "percolator.example.org", username: "mailer",
                              password: "hunter2-secret", sender: "noreply@example.org")
        #expect(!relay.description.contains("hunter2"))
        #expect(!String(reflecting: relay).contains("hunter2"))
        var dumped = ""
        dump(relay, to: &dumped)
        #expect(!dumped.contains("hunter2"))
    }
}

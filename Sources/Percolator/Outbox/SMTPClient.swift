/// Hands messages to an ``SMTPRelay`` over plain SMTP (RFC 5321), one connection per
/// message. Blocking: call ``send(_:)`` from a thread of its own, never from the Swift
/// concurrency pool.
public struct SMTPClient: Sendable {
    /// Where the messages go.
    public var relay: SMTPRelay

    /// A client for `relay`.
    public init(relay: SMTPRelay) {
        self.relay = relay
    }

    /// Sends `message` to all of its recipients, or to none of them: one refused
    /// recipient fails the whole message before DATA. Returns once the relay has
    /// accepted the message (250 after the final `.`); a failure after that is ignored.
    /// Throws ``SMTPError``; its ``SMTPError/isTransient`` says whether to try again.
    /// The relay and message are checked before connecting.
    public func send(_ message: EmailMessage) throws(SMTPError) {
        try send(message, epochSeconds: EmailDate.nowEpochSeconds())
    }

    /// ``send(_:)`` with the `Date` header set to `epochSeconds`.
    func send(_ message: EmailMessage, epochSeconds: Int) throws(SMTPError) {
        try relay.validate()
        let sender = try MailAddress.parse(relay.sender, field: "sender").address
        let recipients = try message.envelopeRecipients()
        _ = try message.rendered(epochSeconds: epochSeconds)

        var connection = try SMTPConnection.open(host: relay.host, port: relay.port, timeout: relay.timeout)
        do {
            try expect(try connection.readReply(step: "greeting"), step: "greeting", codes: 220...220)
            let capabilities = try greet(&connection)
            if relay.authenticates { try authenticate(&connection, capabilities: capabilities) }
            let rendered = try message.rendered(epochSeconds: epochSeconds, allowsEightBit: capabilities.supports("8BITMIME"))
            let bodyParameter = rendered.transferEncoding == .eightBit ? " BODY=8BITMIME" : ""
            try command("MAIL FROM:<\(sender)>\(bodyParameter)", on: &connection, step: "MAIL FROM", codes: 250...250)
            for recipient in recipients {
                try command("RCPT TO:<\(recipient)>", on: &connection, step: "RCPT TO:<\(recipient)>", codes: 250...251)
            }
            try command("DATA", on: &connection, step: "DATA", codes: 354...354)
            try connection.send(bytes: rendered.dataPhaseBytes, step: "message data")
            try expect(try connection.readReply(step: "end of data"), step: "end of data", codes: 250...250)
        } catch {
            // Say goodbye when the relay is still listening; not after a timeout or a broken connection.
            switch error {
            case .rejected, .authenticationUnavailable: quietlyQuit(&connection)
            default: break
            }
            throw error
        }
        quietlyQuit(&connection)
    }

    /// `EHLO`, or `HELO` when the relay refuses `EHLO` with a 5xx reply; the extensions
    /// the relay offers (none after `HELO`).
    private func greet(_ connection: inout SMTPConnection) throws(SMTPError) -> SMTPCapabilities {
        try connection.send(line: "EHLO \(relay.heloName)", step: "EHLO")
        let reply = try connection.readReply(step: "EHLO")
        if reply.isPositiveCompletion { return SMTPCapabilities(ehloReply: reply) }
        guard reply.isPermanentNegative else { try expect(reply, step: "EHLO", codes: 250...250); return .none }
        try command("HELO \(relay.heloName)", on: &connection, step: "HELO", codes: 250...250)
        return .none
    }

    /// `AUTH PLAIN` with the initial response (RFC 4954, RFC 4616), only if offered.
    private func authenticate(_ connection: inout SMTPConnection, capabilities: SMTPCapabilities) throws(SMTPError) {
        guard capabilities.authenticationMechanisms.contains("PLAIN") else {
            throw .authenticationUnavailable(host: relay.host)
        }
        let credentials = Base64.encode([0] + Array((relay.username ?? "").utf8) + [0] + Array((relay.password ?? "").utf8))
        try connection.send(line: "AUTH PLAIN \(credentials)", step: "AUTH PLAIN")
        var reply = try connection.readReply(step: "AUTH PLAIN")
        if reply.code == 334 {
            // A server that ignores the initial response asks for it again.
            try connection.send(line: credentials, step: "AUTH PLAIN")
            reply = try connection.readReply(step: "AUTH PLAIN")
        }
        try expect(reply, step: "AUTH PLAIN", codes: 235...235)
    }

    /// Sends `line` and checks the reply's code is in `codes`.
    private func command(
        _ line: String, on connection: inout SMTPConnection, step: String, codes: ClosedRange<Int>
    ) throws(SMTPError) {
        try connection.send(line: line, step: step)
        try expect(try connection.readReply(step: step), step: step, codes: codes)
    }

    /// Throws unless `reply` has one of `codes`: ``SMTPError/rejected(command:reply:)``
    /// for 4xx and 5xx, ``SMTPError/protocolViolation(during:detail:)`` for anything else.
    private func expect(_ reply: SMTPReply, step: String, codes: ClosedRange<Int>) throws(SMTPError) {
        if codes.contains(reply.code) { return }
        if reply.isTransientNegative || reply.isPermanentNegative { throw .rejected(command: step, reply: reply) }
        throw .protocolViolation(during: step, detail: "expected \(codes.lowerBound), got \(reply)")
    }

    /// `QUIT`, and its reply, failures ignored: the outcome is already decided.
    private func quietlyQuit(_ connection: inout SMTPConnection) {
        do {
            try connection.send(line: "QUIT", step: "QUIT")
            _ = try connection.readReply(step: "QUIT")
        } catch {}
    }
}

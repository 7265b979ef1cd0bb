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

    /// Sends `message` to every recipient the relay can reach, and reports the others:
    /// a malformed address, an internationalised one (`zoë@exämple.com`) when the relay
    /// does not offer SMTPUTF8, or one the relay refuses with a 5xx to `RCPT TO` is left
    /// out, with the reason, and the others still get the message. An internationalised
    /// address goes with `SMTPUTF8` (RFC 6531) when the relay offers it.
    ///
    /// Returns once the relay has accepted the message (250 after the final `.`); a
    /// failure after that is ignored. Throws ``SMTPError`` when no recipient can be
    /// reached (the first refusal), when a recipient is refused transiently (4xx: the
    /// whole message is tried again later, so nobody gets it twice), or when the
    /// conversation fails; its ``SMTPError/isTransient`` says whether to try again. The
    /// relay and message are checked before connecting.
    @discardableResult
    public func send(_ message: EmailMessage) throws(SMTPError) -> SMTPDelivery {
        try send(message, epochSeconds: EmailDate.nowEpochSeconds())
    }

    /// ``send(_:)`` with the `Date` header set to `epochSeconds`.
    @discardableResult
    func send(_ message: EmailMessage, epochSeconds: Int) throws(SMTPError) -> SMTPDelivery {
        try relay.validate()
        let sender = try MailAddress.parse(relay.sender, field: "sender")
        var refused: [SMTPDelivery.Refusal] = []
        var candidates: [(text: String, mailbox: MailAddress)] = []
        var firstFailure: SMTPError?
        for recipient in message.to {
            do {
                candidates.append((recipient, try MailAddress.parse(recipient, field: "to")))
            } catch {
                firstFailure = firstFailure ?? error
                refused.append(.init(recipient: DisplayText.singleLine(recipient, maximumLength: 254), reason: error.description))
            }
        }
        guard !candidates.isEmpty else { throw firstFailure ?? .invalidMessage("no recipient") }
        var checked = message
        checked.to = candidates.map(\.text)
        _ = try checked.rendered(epochSeconds: epochSeconds)

        var connection = try SMTPConnection.open(host: relay.host, port: relay.port, timeout: relay.timeout)
        do throws(SMTPError) {
            try expect(try connection.readReply(step: "greeting"), step: "greeting", codes: 220...220)
            let capabilities = try greet(&connection)
            if relay.authenticates { try authenticate(&connection, capabilities: capabilities) }
            let carriesUTF8 = capabilities.supports("SMTPUTF8")
            if sender.isInternational && !carriesUTF8 { throw SMTPError.internationalAddressUnsupported(address: sender.address) }
            var reachable: [(text: String, mailbox: MailAddress)] = []
            for candidate in candidates {
                if candidate.mailbox.isInternational && !carriesUTF8 {
                    let error = SMTPError.internationalAddressUnsupported(address: candidate.mailbox.address)
                    firstFailure = firstFailure ?? error
                    refused.append(.init(recipient: candidate.mailbox.address,
                                         reason: "an internationalised address, and the relay does not offer SMTPUTF8"))
                } else {
                    reachable.append(candidate)
                }
            }
            guard !reachable.isEmpty else { throw firstFailure ?? .invalidMessage("no recipient") }
            var sent = message
            sent.to = reachable.map(\.text)
            let rendered = try sent.rendered(epochSeconds: epochSeconds, allowsEightBit: capabilities.supports("8BITMIME"))
            var parameters = rendered.transferEncoding == .eightBit ? " BODY=8BITMIME" : ""
            if sender.isInternational || reachable.contains(where: { $0.mailbox.isInternational }) { parameters += " SMTPUTF8" }
            try command("MAIL FROM:<\(sender.address)>\(parameters)", on: &connection, step: "MAIL FROM", codes: 250...250)
            var accepted: [String] = []
            for recipient in reachable.map(\.mailbox.address) {
                let step = "RCPT TO:<\(recipient)>"
                try connection.send(line: step, step: step)
                let reply = try connection.readReply(step: step)
                if reply.isPermanentNegative {
                    firstFailure = firstFailure ?? .rejected(command: step, reply: reply)
                    refused.append(.init(recipient: recipient, reason: "refused by the relay: \(reply)"))
                    continue
                }
                try expect(reply, step: step, codes: 250...251)
                accepted.append(recipient)
            }
            guard !accepted.isEmpty else { throw firstFailure ?? .invalidMessage("no recipient") }
            try command("DATA", on: &connection, step: "DATA", codes: 354...354)
            try connection.send(bytes: rendered.dataPhaseBytes, step: "message data")
            try expect(try connection.readReply(step: "end of data"), step: "end of data", codes: 250...250)
            quietlyQuit(&connection)
            return SMTPDelivery(accepted: accepted, refused: refused)
        } catch {
            // Say goodbye when the relay is still listening; not after a timeout or a broken connection.
            switch error {
            case .rejected, .authenticationUnavailable, .internationalAddressUnsupported, .invalidMessage: quietlyQuit(&connection)
            default: break
            }
            throw error
        }
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

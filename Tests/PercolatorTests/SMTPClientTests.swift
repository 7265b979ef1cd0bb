import Foundation
import Testing
@testable import Percolator

/// The SMTP client against a real SMTP server: `scripts/smtp-sink.py`, Python's aiosmtpd,
/// as a child process on a free loopback port. Serialized: each test starts a Python
/// process, and the machines running the suite have few cores.
@Suite("Outbox: the SMTP client against aiosmtpd", .serialized, .timeLimit(.minutes(1)))
struct SMTPClientTests {
    static func relay(port: Int, username: String? = nil, password: String? = nil, timeout: Duration = .seconds(10)) -> SMTPRelay {
        SMTPRelay(host: "127.0.0.1", port: port, heloName: "percolator.test", username: username, password: password,
                  timeout: timeout, sender: "bounces@percolator.test")
    }

    static let message = EmailMessage(
        from: "Équipe Percolator <noreply@percolator.test>",
        to: ["Hélène <helene@example.org>", "zoe@example.org"],
        subject: "Votre café de la semaine ☕️",
        textBody: "Bonjour Hélène,\n\nvotre café avec Zoë est à 10 h, près de l'entrée.\n.\n.signature\nÀ bientôt\n",
        messageID: "match-2026-11-24-42@percolator.test"
    )

    /// Sends on a thread of its own, as the outbox will: never on the concurrency pool.
    static func send(_ message: EmailMessage, via relay: SMTPRelay) async -> Result<SMTPDelivery, SMTPError> {
        await onOwnThread { Result { () throws(SMTPError) in try SMTPClient(relay: relay).send(message) } }
    }

    static func failure(_ result: Result<SMTPDelivery, SMTPError>) -> SMTPError? {
        if case .failure(let error) = result { return error }
        Issue.record("the message was accepted, a failure was expected")
        return nil
    }

    @Test("a UTF-8 message reaches every recipient intact: subject, accents, dot lines, Message-ID")
    func delivers() async throws {
        let received = try await SMTPSink.with { sink in
            try await Self.send(Self.message, via: Self.relay(port: sink.port)).get()
            return try sink.messages()
        }
        let email = try #require(received.first)
        #expect(received.count == 1)
        #expect(email.mailFrom == "bounces@percolator.test")
        #expect(email.rcptTos == ["helene@example.org", "zoe@example.org"])
        #expect(email.mailOptions.contains("BODY=8BITMIME"))
        #expect(email.helo == "percolator.test")
        #expect(email.subject == "Votre café de la semaine ☕️")
        #expect(email.from == "Équipe Percolator <noreply@percolator.test>")
        #expect(email.to == "Hélène <helene@example.org>, zoe@example.org")
        #expect(email.messageId == "<match-2026-11-24-42@percolator.test>")
        #expect(email.transferEncoding == "8bit")
        #expect(!email.date.isEmpty)
        let body = email.body.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(body == "Bonjour Hélène,\n\nvotre café avec Zoë est à 10 h, près de l'entrée.\n.\n.signature\nÀ bientôt\n")
        #expect(email.raw.contains("\r\n.signature\r\n"))
    }

    @Test("a relay that refuses EHLO is greeted with HELO, and a UTF-8 body goes as base64")
    func heloFallback() async throws {
        let received = try await SMTPSink.with(["--refuse-ehlo"]) { sink in
            try await Self.send(Self.message, via: Self.relay(port: sink.port)).get()
            return try sink.messages()
        }
        let email = try #require(received.first)
        #expect(email.transferEncoding == "base64")
        #expect(!email.mailOptions.contains("BODY=8BITMIME"))
        #expect(email.body.replacingOccurrences(of: "\r\n", with: "\n").hasPrefix("Bonjour Hélène,\n\nvotre café avec Zoë"))
    }

    @Test("a refused connection is transient")
    func connectionRefused() async throws {
        let port = try #require(LoopbackPorts.refusingPort())
        let error = Self.failure(await Self.send(Self.message, via: Self.relay(port: port)))
        guard case .connectionFailed = error else { Issue.record("expected connectionFailed, got \(String(describing: error))"); return }
        #expect(error?.isTransient == true)
    }

    @Test("a relay that never greets times out, transiently, within the timeout")
    func silentRelay() async throws {
        let listener = try #require(LoopbackPorts.silentListener())
        defer { close(listener.descriptor) }
        let started = ContinuousClock.now
        let error = Self.failure(await Self.send(Self.message, via: Self.relay(port: listener.port, timeout: .milliseconds(300))))
        #expect(error == .timedOut(during: "greeting"))
        #expect(error?.isTransient == true)
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test("a 4xx reply to RCPT is transient")
    func transientRecipient() async throws {
        let (error, received) = try await SMTPSink.with(["--rcpt-reply", "transient"]) { sink in
            (Self.failure(await Self.send(Self.message, via: Self.relay(port: sink.port))), try sink.messages())
        }
        guard case .rejected(let command, let reply) = error else { Issue.record("expected rejected, got \(String(describing: error))"); return }
        #expect(command == "RCPT TO:<helene@example.org>")
        #expect(reply.code == 451)
        #expect(error?.isTransient == true)
        #expect(received.isEmpty)
    }

    @Test("a 550 reply to RCPT is permanent")
    func permanentRecipient() async throws {
        let error = try await SMTPSink.with(["--rcpt-reply", "permanent"]) { sink in
            Self.failure(await Self.send(Self.message, via: Self.relay(port: sink.port)))
        }
        guard case .rejected(_, let reply) = error else { Issue.record("expected rejected, got \(String(describing: error))"); return }
        #expect(reply.code == 550)
        #expect(error?.isTransient == false)
    }

    @Test("header injection is refused before connecting")
    func headerInjection() async throws {
        var message = Self.message
        message.subject = "Hello\r\nBcc: everyone@example.org"
        // Nothing listens on the port: a connection attempt would fail with connectionFailed instead.
        let port = try #require(LoopbackPorts.refusingPort())
        let error = Self.failure(await Self.send(message, via: Self.relay(port: port)))
        guard case .invalidMessage = error else { Issue.record("expected invalidMessage, got \(String(describing: error))"); return }
        #expect(error?.isTransient == false)
    }

    @Test("AUTH PLAIN with the right password is accepted")
    func authenticates() async throws {
        let received = try await SMTPSink.with(["--auth", "mailer:s3cret pass"]) { sink in
            try await Self.send(Self.message, via: Self.relay(port: sink.port, username: "mailer", password: "s3cret pass")).get()
            return try sink.messages()
        }
        let email = try #require(received.first)
        #expect(email.authenticated)
        #expect(email.rcptTos == ["helene@example.org", "zoe@example.org"])
    }

    @Test("a wrong password is a permanent failure whose description does not hold the password")
    func wrongPassword() async throws {
        let error = try await SMTPSink.with(["--auth", "mailer:s3cret"]) { sink in
            Self.failure(await Self.send(Self.message, via: Self.relay(port: sink.port, username: "mailer", password: "hunter2-wrong")))
        }
        guard case .rejected(let command, let reply) = error else { Issue.record("expected rejected, got \(String(describing: error))"); return }
        #expect(command == "AUTH PLAIN")
        #expect(reply.code == 535)
        #expect(error?.isTransient == false)
        let description = String(describing: error)
        #expect(!description.contains("hunter2"))
        #expect(!description.contains(Base64.encode(Array("\0mailer\0hunter2-wrong".utf8))))
    }

    @Test("no credentials for a relay that requires them: the relay's 530 is permanent")
    func missingCredentials() async throws {
        let error = try await SMTPSink.with(["--auth", "mailer:s3cret"]) { sink in
            Self.failure(await Self.send(Self.message, via: Self.relay(port: sink.port)))
        }
        guard case .rejected(let command, let reply) = error else { Issue.record("expected rejected, got \(String(describing: error))"); return }
        #expect(command == "MAIL FROM")
        #expect(reply.code == 530)
        #expect(error?.isTransient == false)
    }

    @Test("credentials for a relay that does not offer AUTH: permanent, nothing sent")
    func authenticationUnavailable() async throws {
        let (error, received) = try await SMTPSink.with { sink in
            (Self.failure(await Self.send(Self.message, via: Self.relay(port: sink.port, username: "mailer", password: "s3cret"))),
             try sink.messages())
        }
        #expect(error == .authenticationUnavailable(host: "127.0.0.1"))
        #expect(received.isEmpty)
    }
}

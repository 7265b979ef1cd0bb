/// The SMTP server the outbox hands its messages to, and how to talk to it.
/// Plain SMTP only (no STARTTLS): meant for a relay on the same host or a trusted
/// network, such as a local Postfix that does the TLS to the outside world.
public struct SMTPRelay: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
    /// The relay's host name or IP address.
    public var host: String
    /// The relay's TCP port, usually 25 or 587.
    public var port: Int
    /// The name we give in `EHLO`/`HELO`: this machine's fully qualified domain name.
    public var heloName: String
    /// The user for `AUTH PLAIN`, set together with ``password`` or not at all. When set,
    /// sending fails (permanently) if the relay does not offer `AUTH PLAIN` after `EHLO`.
    public var username: String?
    /// The password for `AUTH PLAIN`. Never printed: ``description`` masks it.
    public var password: String?
    /// How long each step (connect, each write, each reply) may take. Default 10 s.
    public var timeout: Duration
    /// The envelope sender (`MAIL FROM`), where bounces go: usually the From address.
    public var sender: String

    /// A relay at `host:port`; see each property.
    public init(
        host: String, port: Int = 25, heloName: String, username: String? = nil, password: String? = nil,
        timeout: Duration = .seconds(10), sender: String
    ) {
        self.host = host
        self.port = port
        self.heloName = heloName
        self.username = username
        self.password = password
        self.timeout = timeout
        self.sender = sender
    }

    /// The longest one message's conversation with `recipients` recipients may take:
    /// every step (connect, greeting, EHLO, HELO, AUTH and its retry, MAIL FROM, each
    /// RCPT TO, DATA, the message, the final reply, QUIT) bounded by ``timeout``.
    func conversationBound(recipients: Int) -> Duration {
        timeout * (11 + max(recipients, 1))
    }

    /// Whether `AUTH PLAIN` is to be used.
    var authenticates: Bool { username != nil && password != nil }

    /// The relay for logs, the password masked.
    public var description: String {
        var text = "SMTPRelay(\(host):\(port), helo: \(heloName), sender: \(sender)"
        if let username { text += ", username: \(username), password: \(password == nil ? "none" : "<redacted>")" }
        return text + ")"
    }

    /// The relay for `dump` and debuggers, the password masked.
    public var customMirror: Mirror {
        let children: KeyValuePairs<String, Any> = [
            "host": host, "port": port, "heloName": heloName, "username": username as Any,
            "password": password == nil ? "none" : "<redacted>", "timeout": timeout, "sender": sender,
        ]
        return Mirror(self, children: children, displayStyle: .struct)
    }

    /// Checks what can be checked without a network: throws ``SMTPError/invalidRelay(_:)``.
    func validate() throws(SMTPError) {
        guard !host.isEmpty, !host.unicodeScalars.contains(where: { $0.value <= 0x20 }) else {
            throw .invalidRelay("host is empty or contains spaces or control characters")
        }
        guard (1...65535).contains(port) else { throw .invalidRelay("port \(port) is not between 1 and 65535") }
        guard !heloName.isEmpty, heloName.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            throw .invalidRelay("HELO name must be printable ASCII without spaces")
        }
        guard timeout > .zero else { throw .invalidRelay("timeout must be positive") }
        if let username, username.isEmpty || username.unicodeScalars.contains("\0") {
            throw .invalidRelay("username is empty or contains NUL")
        }
        if let password, password.unicodeScalars.contains("\0") {
            throw .invalidRelay("password contains NUL")
        }
        if (username == nil) != (password == nil) {
            throw .invalidRelay("username and password must be given together")
        }
        do {
            _ = try MailAddress.parse(sender, field: "sender")
        } catch {
            throw .invalidRelay("sender is not an address of the form local@domain")
        }
    }
}

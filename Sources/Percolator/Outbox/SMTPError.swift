/// Why a message could not be handed to the relay. The outbox retries what
/// ``isTransient`` calls transient, with backoff, and gives up on the rest.
/// No case holds the relay's password, so neither does any description.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `getaddrinfo` could not resolve the relay's host name. Transient: DNS may recover,
    /// and a mistyped host is better retried until an operator fixes it than dropped.
    case hostResolutionFailed(host: String, reason: String)
    /// No TCP connection could be made (refused, unreachable, reset). Transient.
    case connectionFailed(host: String, port: Int, reason: String)
    /// The relay did not answer, or did not take our bytes, within the timeout. Transient.
    case timedOut(during: String)
    /// The connection closed, or a read or write failed, in the middle of a step. Transient.
    case connectionLost(during: String, reason: String)
    /// The relay answered with something that is not an SMTP reply, or a code the step
    /// does not allow. Transient: it is more likely a broken relay than a broken message.
    case protocolViolation(during: String, detail: String)
    /// The relay refused a step: transient for a 4xx reply, permanent for a 5xx one.
    case rejected(command: String, reply: SMTPReply)
    /// Credentials are configured but the relay does not offer `AUTH PLAIN` after `EHLO`. Permanent.
    case authenticationUnavailable(host: String)
    /// The relay configuration cannot be used (empty host, bad port or HELO name…). Permanent.
    case invalidRelay(String)
    /// The message cannot be sent as it is (header injection, malformed address…). Permanent.
    case invalidMessage(String)
    /// An internationalised address (RFC 6531) the relay cannot carry: it does not offer
    /// SMTPUTF8. Permanent for this relay.
    case internationalAddressUnsupported(address: String)

    /// Whether the same message may go through if sent again later.
    public var isTransient: Bool {
        switch self {
        case .hostResolutionFailed, .connectionFailed, .timedOut, .connectionLost, .protocolViolation:
            return true
        case .rejected(_, let reply):
            return reply.isTransientNegative
        case .authenticationUnavailable, .invalidRelay, .invalidMessage, .internationalAddressUnsupported:
            return false
        }
    }

    /// A sentence for logs, saying what failed and whether it will be retried.
    public var description: String {
        let kind = isTransient ? "transient" : "permanent"
        switch self {
        case .hostResolutionFailed(let host, let reason):
            return "SMTP (\(kind)): cannot resolve \(host): \(reason)"
        case .connectionFailed(let host, let port, let reason):
            return "SMTP (\(kind)): cannot connect to \(host):\(port): \(reason)"
        case .timedOut(let step):
            return "SMTP (\(kind)): timed out during \(step)"
        case .connectionLost(let step, let reason):
            return "SMTP (\(kind)): connection lost during \(step): \(reason)"
        case .protocolViolation(let step, let detail):
            return "SMTP (\(kind)): unexpected answer to \(step): \(detail)"
        case .rejected(let command, let reply):
            return "SMTP (\(kind)): \(command) refused: \(reply)"
        case .authenticationUnavailable(let host):
            return "SMTP (\(kind)): credentials are configured but \(host) does not offer AUTH PLAIN"
        case .invalidRelay(let reason):
            return "SMTP (\(kind)): invalid relay configuration: \(reason)"
        case .invalidMessage(let reason):
            return "SMTP (\(kind)): invalid message: \(reason)"
        case .internationalAddressUnsupported(let address):
            return "SMTP (\(kind)): \(address) is an internationalised address and the relay does not offer SMTPUTF8"
        }
    }
}

/// A newly issued token: its record and its plaintext, which exists only here. Show the
/// plaintext once to whoever asked for the token; the Store cannot recover it.
///
/// `description` leaves the plaintext out, so logging this value does not leak it.
public struct IssuedToken: Sendable, CustomStringConvertible {
    /// The stored record.
    public var record: TokenRecord
    /// The secret, in the `BearerToken` format (`pct_` + 43 base64url characters).
    public var plaintext: String

    /// Pairs a record with its plaintext.
    public init(record: TokenRecord, plaintext: String) {
        self.record = record
        self.plaintext = plaintext
    }

    /// The record, with the plaintext redacted.
    public var description: String {
        "IssuedToken(id: \(record.id), tenant: \(record.tenantID), kind: \(record.kind.rawValue), plaintext: <redacted>)"
    }
}

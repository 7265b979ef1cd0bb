import Foundation

/// One IdP client's requests over a window of the provisioning log, counted by the
/// store (issue 13, item 2: the console home's provisioning health): the client is the
/// bearer token that sent them.
public struct ProvisioningClientActivity: Sendable, Equatable {
    /// The token that sent the requests (`nil`: unknown, e.g. a token since deleted).
    public var tokenID: String?
    /// The `User-Agent` of its latest request in the window.
    public var userAgent: String?
    /// Its requests in the window.
    public var requests: Int
    /// Those answered with a status of 400 or more.
    public var errors: Int
    /// Its latest request.
    public var lastRequestAt: Date

    /// Creates a value.
    public init(tokenID: String?, userAgent: String?, requests: Int, errors: Int, lastRequestAt: Date) {
        self.tokenID = tokenID
        self.userAgent = userAgent
        self.requests = requests
        self.errors = errors
        self.lastRequestAt = lastRequestAt
    }
}

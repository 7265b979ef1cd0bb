import Foundation

/// One SCIM request of a tenant, as the provisioning log keeps it (issue 15, item 4): who
/// sent it, what it asked, what it answered, and what changed for the member. Never the
/// bearer token, never a request body: the error detail is the one the client was shown.
public struct ProvisioningLogEntry: Sendable, Equatable {
    /// Unique within the tenant; one per request (a request whose write touches several
    /// rows still has one entry, rewritten with what each part changed).
    public var id: String
    /// The tenant whose token sent the request.
    public var tenantID: TenantID
    /// When the request arrived.
    public var occurredAt: Date
    /// The id of the bearer token that sent it (never the token itself).
    public var tokenID: String?
    /// The client's `User-Agent`, cut to ``maxUserAgentLength`` characters.
    public var userAgent: String?
    /// What was asked: ``ProvisioningOperation``'s raw value.
    public var operation: String
    /// `User` or `Group` when the request named one.
    public var resourceType: String?
    /// The resource's id, when known.
    public var resourceID: String?
    /// The resource's `userName` (a User) or `displayName` (a Group), when known.
    public var resourceName: String?
    /// The HTTP status answered.
    public var status: Int
    /// The SCIM `scimType` answered with an error, if any.
    public var scimType: String?
    /// The error detail answered, if any (the client saw exactly this text).
    public var detail: String?
    /// From the request's arrival to its answer, in microseconds; for a write recorded in
    /// its own transaction, to the moment the write was applied (before its commit).
    public var durationMicroseconds: Int
    /// What changed for the member or group, in the order found.
    public var changes: [ProvisioningLogChange]

    /// The longest `User-Agent` kept.
    public static let maxUserAgentLength = 200
    /// The longest error detail kept.
    public static let maxDetailLength = 1_000

    /// An entry; the user agent and detail are cut to their maximum lengths.
    public init(id: String, tenantID: TenantID, occurredAt: Date, tokenID: String?, userAgent: String?,
                operation: String, resourceType: String? = nil, resourceID: String? = nil, resourceName: String? = nil,
                status: Int, scimType: String? = nil, detail: String? = nil, durationMicroseconds: Int,
                changes: [ProvisioningLogChange] = []) {
        self.id = id
        self.tenantID = tenantID
        self.occurredAt = occurredAt
        self.tokenID = tokenID
        self.userAgent = userAgent.map { String($0.prefix(Self.maxUserAgentLength)) }
        self.operation = operation
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.resourceName = resourceName
        self.status = status
        self.scimType = scimType
        self.detail = detail.map { String($0.prefix(Self.maxDetailLength)) }
        self.durationMicroseconds = durationMicroseconds
        self.changes = changes
    }

    /// Whether the request succeeded (a status below 400).
    public var succeeded: Bool { status < 400 }

    /// Where this entry sits in the log's newest-first order.
    public var position: ProvisioningLogPosition {
        ProvisioningLogPosition(occurredAt: occurredAt, id: id)
    }
}

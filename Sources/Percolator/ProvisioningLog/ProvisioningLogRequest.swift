import Coffee
import FoundationEssentials
import HTTP
import SCIM
import Store
import Synchronization

/// One SCIM request on its way through the service, as the provisioning log will record
/// it. Created once the token is known; carried to the write transaction by
/// ``Store/ResourceWriteContext`` so the observer can write the entry there (a logged
/// success is a committed one), and finished with the response (``ProvisioningLog``).
final class ProvisioningLogRequest: Sendable {
    /// What is known before the request runs.
    let base: ProvisioningLogEntry
    /// When it arrived, on the monotonic clock (for its duration).
    let started: ContinuousClock.Instant
    /// Whether it is a Bulk request (its changes name their resource).
    let isBulk: Bool
    private let state = Mutex(State())

    private struct State {
        var resourceType: String?
        var resourceID: String?
        var resourceName: String?
        var changes: [ProvisioningLogChange] = []
        /// The status the entry was written with in a write transaction, if it was.
        var recordedStatus: Int?
    }

    /// The request `request` of `tenant`'s token `token`, arriving now.
    init(_ request: HTTPRequest, tenant: TenantID, token: TokenID, at date: Date = Date()) {
        let (operation, resourceType, resourceID) = Self.classify(request)
        base = ProvisioningLogEntry(
            id: Self.entryID(request), tenantID: tenant, occurredAt: date, tokenID: token.rawValue,
            userAgent: request.headers["user-agent"], operation: operation.rawValue, resourceType: resourceType,
            resourceID: resourceID, status: 0, durationMicroseconds: 0)
        started = ContinuousClock.now
        isBulk = operation == .bulk
    }

    /// The entry's id: the request id when the server made it (it is in the access log
    /// too), else a time-ordered one (`RandomID`). A request id the client chose (its
    /// `X-Request-Id`, which the server answers with) is not unique: a client that sends
    /// the same one twice would have its second entry replace the first, since an entry
    /// is written again under its id when its request notes more.
    static func entryID(_ request: HTTPRequest) -> String {
        request.requestID.isEmpty || request.headers["x-request-id"] == request.requestID
            ? RandomID.make() : request.requestID
    }

    /// The operation a request asks for, its resource type and id, from its method and route.
    static func classify(_ request: HTTPRequest) -> (ProvisioningOperation, String?, String?) {
        let path = request.head.path
        // `split`, not `contains("/Users")`: Foundation's substring search bridges through
        // NSString, a few microseconds on every SCIM request.
        let segments = path.utf8.split(separator: UInt8(ascii: "/"))
        let type: String? = segments.contains { $0.elementsEqual("Users".utf8) } ? "User"
            : segments.contains { $0.elementsEqual("Groups".utf8) } ? "Group" : nil
        let id = request.pathParameters["id"]
        let operation: ProvisioningOperation
        switch request.method {
        case .post where path.hasSuffix("/.search"): operation = .search
        case .post where path.hasSuffix("/Bulk"): operation = .bulk
        case .post: operation = type == nil ? .discovery : .create
        case .put: operation = .replace
        case .patch: operation = .patch
        case .delete: operation = .delete
        case .get where type != nil: operation = id == nil ? .list : .get
        default: operation = .discovery
        }
        return (operation, type, id?.lowercased())
    }

    /// Notes what `write` changed (attribute names, a group's members) and, for a User,
    /// `member` before → after, and the `audiences` it moved members into or out of
    /// (``AudienceChangeSummary``).
    func note(_ write: ResourceWrite, member: (before: Member?, after: Member)?, audiences: [ProvisioningLogChange] = []) {
        note(Self.noting(write, member: member), audiences: audiences)
    }

    /// What ``note(_:member:audiences:)`` notes of a write, before its audiences: computed
    /// from the write alone, so a prepared write computes it before its transaction
    /// (``ProvisioningObserver/prepare(_:tenant:at:)``) and notes it there.
    struct Note: Sendable {
        /// The changes, in order, without the audiences.
        var changes: [ProvisioningLogChange]
        /// The resource type and id the write is about.
        var target: (type: String, id: String)
        /// The written resource's name, when the write has one.
        var name: String?
    }

    /// The ``Note`` of `write`, for a User with `member` before → after; `changedAttributes`:
    /// ``MemberChangeSummary/changedAttributes(_:_:)`` of an `.updated` write, when computed already.
    static func noting(_ write: ResourceWrite, member: (before: Member?, after: Member)?,
                       changedAttributes: [String]? = nil) -> Note {
        var changes: [ProvisioningLogChange] = []
        let resource: StoredResource?
        switch write {
        case .created(let created):
            resource = created
            if created.kind == .group, let members = created.members, !members.isEmpty {
                changes.append(.members(added: members.map(\.value), removed: []))
            }
        case .updated(let before, let after):
            resource = after
            let names = changedAttributes ?? MemberChangeSummary.changedAttributes(before.attributes, after.attributes)
            changes += names.map { ProvisioningLogChange(attribute: $0) }
        case .membersChanged(_, _, let added, let removed):
            resource = nil
            changes.append(.members(added: added, removed: removed))
        case .deleted(let deleted):
            resource = deleted
        }
        if let member {
            // A mapped attribute shows once, with its values, not also by name.
            let memberChanges = MemberChangeSummary.memberChanges(member.before, member.after)
            let shown = Set(memberChanges.map(\.attribute))
            changes = changes.filter { change in
                Self.memberFields[change.attribute.lowercased()].map { shown.isDisjoint(with: $0) } ?? true
            } + memberChanges
        }
        return Note(changes: changes, target: write.target, name: resource.flatMap(Self.name(of:)))
    }

    /// Notes `note` and the `audiences` its write moved members into or out of.
    func note(_ note: Note, audiences: [ProvisioningLogChange]) {
        var changes = note.changes + audiences
        let target = note.target
        if isBulk {
            let label = "\(target.type)/\(target.id)"
            changes = changes.map { change in
                var change = change
                change.attribute = "\(label) \(change.attribute)"
                return change
            }
        }
        state.withLock { state in
            if !isBulk {
                state.resourceType = target.type
                state.resourceID = target.id
                if let name = note.name { state.resourceName = name }
            }
            state.changes += changes
        }
    }

    /// The member fields (``MemberChangeSummary/memberChanges(_:_:)``) each SCIM
    /// attribute fills, by lower-cased attribute name.
    private static let memberFields: [String: Set<String>] = [
        "name": ["givenName", "familyName"], "emails": ["email"], "active": ["status"], "username": ["userName"],
        "displayname": ["displayName"], "locale": ["locale"], "timezone": ["timezone"],
    ]

    /// A User's `userName` or a Group's `displayName`.
    static func name(of resource: StoredResource) -> String? {
        resource.attributes[attribute: resource.kind == .user ? "userName" : "displayName"]?.stringValue
    }

    /// The entry as it stands, answered with `status` (and the error, if any).
    func entry(status: Int, error: SCIMError? = nil) -> ProvisioningLogEntry {
        var entry = base
        let elapsed = ContinuousClock.now - started
        entry.durationMicroseconds = Int(elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000)
        entry.status = status
        entry.scimType = error?.scimType?.rawValue
        entry.detail = error?.detail
        state.withLock { state in
            entry.resourceType = state.resourceType ?? entry.resourceType
            entry.resourceID = state.resourceID ?? entry.resourceID
            entry.resourceName = state.resourceName
            // A failed request changed nothing, whatever its rolled-back write had noted.
            entry.changes = status < 400 ? state.changes : []
        }
        return entry
    }

    /// Writes the entry in the write transaction `db`, as the success `status` the write
    /// will answer; written again (same id) if the request notes more in that transaction.
    func record(status: Int, in db: any StorageTransaction) throws {
        try db.provisioningLog.record(entry(status: status))
        state.withLock { $0.recordedStatus = status }
    }

    /// The status the entry was written with in a write transaction, if any.
    var recordedStatus: Int? { state.withLock { $0.recordedStatus } }

    /// What a request's write transaction writes when it commits (its response's status).
    var successStatus: Int {
        switch ProvisioningOperation(rawValue: base.operation) {
        case .create: 201
        case .delete: 204
        default: 200
        }
    }
}

extension ResourceWrite {
    /// The resource type and id the write is about.
    var target: (type: String, id: String) {
        switch self {
        case .created(let resource), .deleted(let resource), .updated(_, let resource):
            (resource.kind.rawValue, resource.id)
        case .membersChanged(let groupID, _, _, _):
            ("Group", groupID)
        }
    }
}

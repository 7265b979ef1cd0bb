import Coffee
import HTTP
import SCIM
import Store

/// The SCIM service's provisioning log: which requests it records, and how.
///
/// - A write that commits records its entry inside its own transaction (the provisioning
///   observer does it), so a logged success is a durable one and costs one more insert
///   in a transaction that is written anyway.
/// - Everything else that is recorded goes through the batched ``ProvisioningLogWriter``:
///   failed requests (with the status, `scimType` and the detail the client was shown),
///   and writes that changed nothing.
/// - Reads (`get`, `list`, `search`, discovery) that succeed are not recorded: identity
///   providers send them by the thousand (Entra ID looks a user up before every create and
///   polls), they change nothing, and the access log has them. A read that fails is.
struct ProvisioningLog: Sendable {
    let writer: ProvisioningLogWriter

    /// Records `request`, answered `response` (after `error`, when one was thrown).
    func finish(_ request: ProvisioningLogRequest, response: HTTPResponse, error: SCIMError?) {
        let status = response.status
        // A write refused because the storage is full is not logged into that storage: the
        // row would take some of the last free pages, and its commit would tell the
        // storage's health (/readyz) that writes succeed again. The access log has it.
        if status == 507 { return }
        if status < 400 {
            if Self.isRead(request.base.operation) { return }
            // Written with its committed write. A Group PATCH answered 204 (a group too
            // large to return) keeps the 200 its transaction recorded: correcting it would
            // cost a second write per membership change, the IdPs' most frequent request.
            if request.recordedStatus != nil { return }
        }
        writer.enqueue(request.entry(status: status, error: error ?? Self.error(in: response)))
    }

    /// Whether `operation` only reads.
    static func isRead(_ operation: String) -> Bool {
        switch ProvisioningOperation(rawValue: operation) {
        case .get, .list, .search, .discovery: true
        default: false
        }
    }

    /// The SCIM error a response carries (one built without a thrown error: a 429).
    static func error(in response: HTTPResponse) -> SCIMError? {
        guard response.status >= 400, let object = (try? JSONParser.parse(response.body))?.objectValue else { return nil }
        let detail = object[attribute: "detail"]?.stringValue ?? ""
        let type = object[attribute: "scimType"]?.stringValue.flatMap(SCIMType.init(rawValue:))
        return SCIMError(status: response.status, scimType: type, detail: detail)
    }
}

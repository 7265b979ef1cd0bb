import Coffee
import FoundationEssentials
import Crypto

/// The opaque `next` of a provisioning-log page: the position of its last entry (time and
/// id), tagged with HMAC-SHA256 over the position and the tenant (the same signer as the
/// SCIM cursors, ``CursorSigner``), so a client can neither forge one nor use one in
/// another tenant. Written `base64url(position ‖ tag)`.
struct ProvisioningLogCursor: Sendable {
    let signer: any CursorSigner

    /// The cursor of `position` in `tenant`'s log.
    func encode(_ position: ProvisioningLogPosition, tenant: TenantID) -> String {
        let body = Self.body(position)
        return CursorCodec.base64url(body + signer.tag(Self.message(body, tenant: tenant)))
    }

    /// The position `text` names in `tenant`'s log, or `ServiceError.invalid` for any
    /// text this server did not issue for that tenant (the same sentence whatever the reason).
    func decode(_ text: String, tenant: TenantID) throws(ServiceError) -> ProvisioningLogPosition {
        let tagLength = SHA256Hasher.digestByteCount
        guard let bytes = CursorCodec.bytes(base64url: text), bytes.count > tagLength + 8 else { throw Self.invalid }
        let body = Array(bytes.dropLast(tagLength))
        guard signer.verify(Array(bytes.suffix(tagLength)), of: Self.message(body, tenant: tenant)),
              let id = String(validating: body.dropFirst(8), as: UTF8.self) else { throw Self.invalid }
        let microseconds = body.prefix(8).reduce(Int64(0)) { $0 << 8 | Int64($1) }
        return ProvisioningLogPosition(occurredAt: Date(timeIntervalSince1970: Double(microseconds) / 1_000_000), id: id)
    }

    private static var invalid: ServiceError {
        .invalid("'after' must be the 'next' value of a previous page of this provisioning log.")
    }

    /// The position's time in microseconds (8 bytes, big-endian), then its id.
    private static func body(_ position: ProvisioningLogPosition) -> [UInt8] {
        let microseconds = Int64((position.occurredAt.timeIntervalSince1970 * 1_000_000).rounded())
        var body: [UInt8] = []
        withUnsafeBytes(of: microseconds.bigEndian) { body += $0 }
        return body + Array(position.id.utf8)
    }

    /// What the tag covers: a label, the tenant with its length, then the body.
    private static func message(_ body: [UInt8], tenant: TenantID) -> [UInt8] {
        var message = Array("percolator-provisioning-log-cursor-v1".utf8)
        let utf8 = Array(tenant.rawValue.utf8)
        withUnsafeBytes(of: UInt32(utf8.count).bigEndian) { message += $0 }
        return message + utf8 + body
    }
}

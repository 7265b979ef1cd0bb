import Foundation
import SCIM
import Store

/// Turns ``PageCursor``s into the `nextCursor` / `previousCursor` strings of RFC 9865 §2,
/// and back, refusing any this service did not issue for the same tenant, endpoint and
/// query (`invalidCursor`) and any past its timeout (`expiredCursor`, RFC 9865 §2.1).
///
/// A cursor is `base64url(body ‖ tag)` without padding, so it holds only the unreserved
/// characters RFC 9865 §2 allows. The tag (``CursorSigner``) covers the body and the
/// cursor's context: the tenant (RFC 9865 §5.2: a cursor grants no access to another
/// tenant's data), the endpoint, and the query parameters a walk must repeat unchanged
/// (`filter`, `sortBy`, `sortOrder`; RFC 9865 §2). Nothing is stored server-side, so any
/// instance that shares the secret continues a walk another one started; with a random
/// per-process secret (no `cursor-secret` configured) cursors end with the process.
struct CursorCodec: Sendable {
    /// What a cursor is bound to besides its body.
    struct Context: Sendable {
        var tenant: TenantID
        /// The endpoint: `Users`, `Groups` or the root `/.search`.
        var scope: String
        var filter: String?
        var sortBy: String?
        var sortOrder: SCIM.SortOrder?

        /// The context of `search` on `scope` for `tenant`.
        init(tenant: TenantID, scope: String, search: SearchRequest) {
            self.tenant = tenant
            self.scope = scope
            filter = search.filter
            sortBy = search.sortBy
            sortOrder = search.sortBy == nil ? nil : search.sortOrder ?? .ascending
        }
    }

    let signer: any CursorSigner
    /// How long a cursor stays valid after the response that carried it (RFC 9865 §4
    /// `cursorTimeout`).
    let timeout: Duration
    /// The current Unix time in seconds; injected by tests.
    let now: @Sendable () -> Int64

    /// A codec; `now` defaults to the system clock.
    init(signer: any CursorSigner, timeout: Duration,
         now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.signer = signer
        self.timeout = timeout
        self.now = now
    }

    /// The cursor of `seek` in the resource type at `kindIndex`, valid for `timeout` from now.
    func encode(_ seek: ResourceSeek, kindIndex: Int = 0, context: Context) -> String {
        let cursor = PageCursor(seek: seek, kindIndex: kindIndex, expires: now() + timeout.components.seconds)
        let body = cursor.bytes
        return Self.base64url(body + signer.tag(Self.message(body, context)))
    }

    /// The cursor `text` names, or `nil` for an empty one (the first page).
    ///
    /// - Throws: `invalidCursor` when it was not issued for `context` or was altered;
    ///   `expiredCursor` when its time is up. The detail is the same whatever the reason
    ///   it is invalid (RFC 9865 §5.2: identical error messages).
    func decode(_ text: String, context: Context) throws(SCIMError) -> PageCursor? {
        guard !text.isEmpty else { return nil }
        let tagLength = SHA256.digestByteCount
        guard let bytes = Self.bytes(base64url: text), bytes.count > tagLength else { throw Self.invalid }
        let body = Array(bytes.dropLast(tagLength))
        guard signer.verify(Array(bytes.suffix(tagLength)), of: Self.message(body, context)),
              let cursor = PageCursor(bytes: body) else { throw Self.invalid }
        guard cursor.expires >= now() else {
            throw .expiredCursor("This cursor has expired: request the next page within \(timeout.components.seconds) seconds (cursorTimeout), or start again with an empty cursor (RFC 9865 §2.1).")
        }
        return cursor
    }

    private static var invalid: SCIMError {
        .invalidCursor("This cursor was not issued for this query: send the nextCursor or previousCursor of the previous page with the same filter, sortBy and sortOrder, or an empty cursor for the first page (RFC 9865 §2.1).")
    }

    /// What the tag covers: a label, each context field with its length, then the body.
    private static func message(_ body: [UInt8], _ context: Context) -> [UInt8] {
        var message = Array("percolator-scim-cursor-v1".utf8)
        for field in [context.tenant.rawValue, context.scope, context.filter ?? "", context.sortBy ?? "",
                      context.sortOrder?.rawValue ?? ""] {
            let utf8 = Array(field.utf8)
            withUnsafeBytes(of: UInt32(utf8.count).bigEndian) { message += $0 }
            message += utf8
        }
        // Absent and empty differ: `filter` absent lists everything.
        message.append(context.filter == nil ? 0 : 1)
        return message + body
    }

    /// Base64url without padding (RFC 4648 §5).
    static func base64url(_ bytes: [UInt8]) -> String {
        String(Data(bytes).base64EncodedString().compactMap { character -> Character? in
            switch character {
            case "+": return "-"
            case "/": return "_"
            case "=": return nil
            default: return character
            }
        })
    }

    /// The bytes of an unpadded base64url text, or `nil`; only the canonical text of some
    /// bytes is read (a last character differing in its unused bits is not), so each
    /// cursor has one spelling.
    static func bytes(base64url text: String) -> [UInt8]? {
        guard !text.contains(where: { "+/=".contains($0) }) else { return nil }
        var standard = String(text.map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 })
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        guard let bytes = Data(base64Encoded: standard).map(Array.init), base64url(bytes) == text else { return nil }
        return bytes
    }
}

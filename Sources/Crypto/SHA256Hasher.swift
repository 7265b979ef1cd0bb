import CCrypto

/// SHA-256 (FIPS 180-4 §6.2) from the system's libcrypto (`EVP_sha256`), one-shot or
/// incremental.
///
/// A value type: copying a hasher and feeding both copies gives two independent digests
/// (the libcrypto context is copied on write).
///
/// ```swift
/// let digest = SHA256Hasher.hash(Array("abc".utf8))   // 32 bytes
/// var hasher = SHA256Hasher(); hasher.update(part1); hasher.update(part2)
/// let same = hasher.finalize()
/// ```
public struct SHA256Hasher: Sendable {
    /// The digest length in bytes.
    public static let digestByteCount = 32

    private var context: DigestContext

    /// A hasher with no input yet.
    public init() {
        context = DigestContext()
    }

    /// The digest of `bytes` in one call: `EVP_Digest` with the algorithm fetched once per
    /// process, so a token's hash on every request allocates no digest context of ours.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        if let digest = bytes.withContiguousStorageIfAvailable(oneShot) { return digest }
        return Array(bytes).withUnsafeBufferPointer(oneShot)
    }

    /// `EVP_Digest` of `buffer`.
    private static func oneShot(_ buffer: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: digestByteCount)
        var length: UInt32 = 0
        var empty: UInt8 = 0
        let ok = withUnsafePointer(to: &empty) { emptyPointer in
            EVP_Digest(buffer.baseAddress.map(UnsafeRawPointer.init) ?? UnsafeRawPointer(emptyPointer), buffer.count,
                       &digest, &length, FetchedDigest.sha256.algorithm, nil)
        }
        guard ok == 1, length == digestByteCount else { fatalError("libcrypto: EVP_Digest(sha256) failed") }
        return digest
    }

    /// The digest of the UTF-8 bytes of `string`.
    public static func hash(_ string: String) -> [UInt8] {
        hash(string.utf8)
    }

    /// Feeds more input.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        if !isKnownUniquelyReferenced(&context) { context = context.copy() }
        let handled: Bool? = bytes.withContiguousStorageIfAvailable { buffer in
            context.update(buffer)
            return true
        }
        if handled == nil {
            let array = Array(bytes)
            array.withUnsafeBufferPointer { context.update($0) }
        }
    }

    /// The 32-byte digest of everything fed so far. The hasher may go on being fed
    /// afterwards: the digest is taken on a copy of the context.
    public func finalize() -> [UInt8] {
        context.copy().finalize()
    }
}

/// An `EVP_MD_CTX` set up for SHA-256, freed on deinit. Only ``SHA256Hasher`` touches it,
/// copying before any mutation of a shared instance, hence `@unchecked Sendable`.
final class DigestContext: @unchecked Sendable {
    private let context: OpaquePointer

    init() {
        // Allocation or initialisation failing means the process is out of memory or
        // libcrypto is broken: a programmer or system error, not an input error.
        guard let context = EVP_MD_CTX_new() else { fatalError("libcrypto: EVP_MD_CTX_new failed") }
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            EVP_MD_CTX_free(context)
            fatalError("libcrypto: EVP_DigestInit_ex(sha256) failed")
        }
        self.context = context
    }

    private init(copying other: OpaquePointer) {
        guard let context = EVP_MD_CTX_new() else { fatalError("libcrypto: EVP_MD_CTX_new failed") }
        guard EVP_MD_CTX_copy_ex(context, other) == 1 else {
            EVP_MD_CTX_free(context)
            fatalError("libcrypto: EVP_MD_CTX_copy_ex failed")
        }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    func copy() -> DigestContext { DigestContext(copying: context) }

    func update(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
        guard EVP_DigestUpdate(context, base, buffer.count) == 1 else { fatalError("libcrypto: EVP_DigestUpdate failed") }
    }

    func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: SHA256Hasher.digestByteCount)
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &digest, &length) == 1, length == SHA256Hasher.digestByteCount else {
            fatalError("libcrypto: EVP_DigestFinal_ex failed")
        }
        return digest
    }
}

/// SHA-256 fetched from libcrypto's default provider once per process (OpenSSL 3 would
/// otherwise fetch it implicitly on every one-shot digest). Immutable after creation and
/// never freed, hence `@unchecked Sendable`.
final class FetchedDigest: @unchecked Sendable {
    /// The algorithm, for `EVP_Digest`.
    let algorithm: OpaquePointer

    private init(name: String) {
        guard let algorithm = EVP_MD_fetch(nil, name, nil) else { fatalError("libcrypto: EVP_MD_fetch(\(name)) failed") }
        self.algorithm = algorithm
    }

    /// SHA-256.
    static let sha256 = FetchedDigest(name: "SHA256")
}

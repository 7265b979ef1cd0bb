/// Runs `body` with a pointer to `bytes` that is never nil, even for an empty array
/// (libcrypto treats some null pointers as "no input" and others as errors).
func withNonNullBytes<Result>(
    _ bytes: [UInt8], _ body: (UnsafePointer<UInt8>, Int) throws(CryptoError) -> Result
) throws(CryptoError) -> Result {
    if bytes.isEmpty {
        var placeholder: UInt8 = 0
        return try body(&placeholder, 0)
    }
    let result: Swift.Result<Result, CryptoError> = bytes.withUnsafeBufferPointer { buffer in
        // The buffer of a non-empty array always has a base address.
        guard let base = buffer.baseAddress else { return .failure(.libraryFailure(operation: "buffer access")) }
        do throws(CryptoError) { return .success(try body(base, buffer.count)) } catch { return .failure(error) }
    }
    return try result.get()
}

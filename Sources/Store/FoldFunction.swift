import CSQLite

/// `percolator_fold(text)`: ``TextFolding/fold(_:)`` as an SQL function, so filters on
/// attributes kept only in the JSON fold case exactly as ``FilterEvaluator`` does
/// (SQLite's `lower()` folds ASCII only), and migrations can re-fold stored columns. Deterministic; NULL for non-text.
enum FoldFunction {
    static let name = "percolator_fold"

    /// Registers the function on `db` unless it already answers. Registering expires the
    /// connection's prepared statements once (they re-prepare themselves).
    static func ensureRegistered(on db: Connection) throws {
        if (try? db.queryOne("SELECT percolator_fold('')") { _ in true }) == true { return }
        let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS
        let code = sqlite3_create_function_v2(db.handle, name, 1, flags, nil, { context, count, arguments in
            guard count == 1, let value = arguments?[0], sqlite3_value_type(value) == SQLITE_TEXT,
                  let text = sqlite3_value_text(value) else {
                sqlite3_result_null(context)
                return
            }
            let length = Int(sqlite3_value_bytes(value))
            var folded = TextFolding.fold(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
            folded.withUTF8 { utf8 in
                utf8.withMemoryRebound(to: CChar.self) { bytes in
                    guard let base = bytes.baseAddress else {
                        sqlite3_result_text(context, "", 0, percolator_sqlite_transient)
                        return
                    }
                    sqlite3_result_text64(context, base, sqlite3_uint64(bytes.count),
                                          percolator_sqlite_transient, UInt8(SQLITE_UTF8))
                }
            }
        }, nil, nil, nil)
        guard code == SQLITE_OK else {
            throw StoreError(code: ResultCode(rawValue: code), message: "cannot register \(name)")
        }
    }
}

extension StoreSchema {
    /// 0038: a console session opened with an admin token names that token (`token_id`),
    /// so that the session ends when the token is revoked (``ConsoleRepository``; the
    /// console service checks it on every request). Sessions opened with a token before
    /// this migration name none and cannot be checked: they are revoked here, and their
    /// administrators sign in again. Sessions opened by magic link keep going: their
    /// address's current role is read on every request.
    static let consoleSessionTokens = Migration("0038_console_session_tokens", sql: """
        ALTER TABLE console_sessions ADD COLUMN token_id TEXT;
        UPDATE console_sessions SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
            WHERE email IS NULL AND revoked_at IS NULL;
        """)
}

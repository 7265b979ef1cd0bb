extension PostgresSchema {
    /// 0038: a console session opened with an admin token names that token, as SQLite's
    /// 0038 (``StoreSchema``); token sessions opened before are revoked.
    static let consoleSessionTokens = Migration("0038_console_session_tokens", sql: """
        ALTER TABLE console_sessions ADD COLUMN token_id text;
        UPDATE console_sessions SET revoked_at = now() WHERE email IS NULL AND revoked_at IS NULL;
        """)
}

extension PostgresSchema {
    /// 0021: program owners (as SQLite's `StoreSchema.programOwners`).
    static let programOwners = Migration("0021_program_owners", sql: """
        CREATE TABLE program_owners (
            tenant_id text NOT NULL,
            program_id text NOT NULL,
            email_folded text NOT NULL,
            PRIMARY KEY (tenant_id, program_id, email_folded),
            FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id) ON DELETE CASCADE,
            FOREIGN KEY (tenant_id, email_folded) REFERENCES console_admins (tenant_id, email_folded) ON DELETE CASCADE
        );
        CREATE INDEX program_owners_by_email ON program_owners (tenant_id, email_folded);
        """)
}

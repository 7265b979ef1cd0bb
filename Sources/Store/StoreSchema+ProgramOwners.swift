extension StoreSchema {
    /// 0021: program owners (issue 13, item 1): the console users (program managers, or
    /// administrators) who own a program; a program manager sees only the programs it
    /// owns. An owner is a row of the tenant's console list (`console_admins`, 0018), by
    /// folded address: taking an address off the list, or deleting the program, removes
    /// its ownerships.
    static let programOwners = Migration("0021_program_owners", sql: """
        CREATE TABLE program_owners (
            tenant_id TEXT NOT NULL,
            program_id TEXT NOT NULL,
            email_folded TEXT NOT NULL,
            PRIMARY KEY (tenant_id, program_id, email_folded),
            FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id) ON DELETE CASCADE,
            FOREIGN KEY (tenant_id, email_folded) REFERENCES console_admins (tenant_id, email_folded) ON DELETE CASCADE
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX program_owners_by_email ON program_owners (tenant_id, email_folded);
        """)
}

extension StoreSchema {
    /// 0010: folded columns in NFC (``TextFolding``). Before, they were only
    /// `lowercased()`, so "Élise" precomposed and decomposed folded to different bytes and
    /// the UNIQUE indexes on `userName` and a Group's `displayName` let both in. Re-folds
    /// every stored row with `percolator_fold` (registered on the migrating connection).
    /// `UPDATE OR IGNORE` leaves a row as it was when re-folding it would collide with
    /// another already stored: such a pair was accepted before, and the migration must
    /// neither fail the start-up nor drop one of them.
    static let nfcFolding = Migration("0010_nfc_folding", sql: """
        UPDATE OR IGNORE scim_resources SET user_name_folded = percolator_fold(user_name)
            WHERE user_name IS NOT NULL AND user_name_folded IS NOT percolator_fold(user_name);
        UPDATE OR IGNORE scim_resources SET display_name_folded = percolator_fold(display_name)
            WHERE display_name IS NOT NULL AND display_name_folded IS NOT percolator_fold(display_name);
        UPDATE scim_emails SET value_folded = percolator_fold(value), type = percolator_fold(type)
            WHERE value_folded IS NOT percolator_fold(value) OR type IS NOT percolator_fold(type);
        UPDATE members SET email_folded = percolator_fold(email_folded)
            WHERE email_folded IS NOT percolator_fold(email_folded);
        """)
}

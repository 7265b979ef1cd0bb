extension StoreSchema {
    /// 0008: leases on the outbox's email entries, so that several deliverers (server
    /// instances on one database) never send the same email twice.
    ///
    /// A deliverer claims due entries in one `UPDATE … RETURNING` that sets `claimed_by`
    /// (its identity) and `lease_until`; an entry whose lease has not expired is not due
    /// for anyone else. Recording the attempt clears `lease_until` (`claimed_by` stays, to
    /// say who sent it); a deliverer that dies holding a lease leaves the entry to be
    /// claimed again once the lease expires.
    static let outboxLeases = Migration("0008_outbox_leases", sql: """
        ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
        ALTER TABLE outbox ADD COLUMN lease_until TEXT;
        """)
}

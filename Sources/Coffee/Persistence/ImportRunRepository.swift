import FoundationEssentials

/// A CSV import accepted whole and applied in bounded chunks (issue 10): the file and the
/// admin's choices are stored before the first row is written, and ``nextRow`` advances in
/// the same transaction as each chunk's rows. An instance that stops midway leaves the run
/// behind; whoever takes it over once its lease has expired plans the file again and
/// applies the rows from ``nextRow`` on, so every row of an accepted import is written
/// exactly once — all of them, never a part.
public struct ImportRun: Sendable, Equatable {
    /// The run's id (random; unique within the tenant).
    public var id: String
    /// The organisation the rows belong to.
    public var tenant: TenantID
    /// The file, as uploaded.
    public var csv: [UInt8]
    /// The importer's choices (columns, welcome email), in the importer's own encoding.
    public var options: String
    /// The plan's first row index not written yet.
    public var nextRow: Int
    /// When the import was accepted (the instant its rows are written at).
    public var acceptedAt: Date
    /// Who applies it now (an instance's id).
    public var owner: String
    /// Until when ``owner`` holds it; afterwards another may take it over.
    public var leaseUntil: Date

    /// A run as stored.
    public init(id: String, tenant: TenantID, csv: [UInt8], options: String, nextRow: Int = 0,
                acceptedAt: Date, owner: String, leaseUntil: Date) {
        self.id = id
        self.tenant = tenant
        self.csv = csv
        self.options = options
        self.nextRow = nextRow
        self.acceptedAt = acceptedAt
        self.owner = owner
        self.leaseUntil = leaseUntil
    }
}

/// The import runs not finished yet (``ImportRun``).
public protocol ImportRunRepository {
    /// Stores a new run.
    func insert(_ run: ImportRun) throws
    /// The tenant's run `id`, if it is not finished.
    func run(id: String, tenant: TenantID) throws -> ImportRun?
    /// Records that the rows before `nextRow` are written and renews the lease, when
    /// `owner` still holds the run; returns whether it did (`false`: another instance took
    /// the run over, and this one must stop).
    func advance(id: String, tenant: TenantID, owner: String, to nextRow: Int, leaseUntil: Date) throws -> Bool
    /// Removes a run whose rows are all written.
    func finish(id: String, tenant: TenantID) throws
    /// Takes over the oldest run whose lease expired before `now`, for `owner` until
    /// `leaseUntil`; `nil` when there is none.
    func takeOverAbandoned(by owner: String, at now: Date, leaseUntil: Date) throws -> ImportRun?
}

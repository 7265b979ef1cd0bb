import Coffee
import Crypto
import FoundationEssentials
import Store

/// Connections to outside sources of members (issue 14) as every door manages them (the
/// admin API, the scheduler): created with a write-only credential sealed with
/// AES-256-GCM (bound to the tenant and the connection, so a copy of the database leaks
/// no token and a sealed credential cannot be moved to another connection), tested, and
/// run.
///
/// A **run** claims the connection (one run at a time, across instances), reads the
/// source's complete listing outside any transaction, and only then plans and applies it
/// in one write transaction through the domain's sync transitions: a listing that fails
/// half-way (network, 5xx after retries, a malformed page) is recorded as a failed run and
/// changes nothing.
struct ConnectionService: Sendable {
    /// Where connections, members and events are read and written.
    let persistence: any Persistence
    /// Seals and opens credentials; `nil` when no key is configured (connections refused).
    let cipher: CredentialCipher?
    /// Who runs connections from this process.
    var instance = "sync-" + RandomID.make()
    /// How long a run holds its connection.
    var runLease: TimeInterval = 15 * 60
    /// Timeouts, retries and page limits of the connector clients.
    var clientConfiguration = ConnectorClientConfiguration()
    /// How many members (and, apart, how many creations) one apply transaction writes:
    /// a large run never holds the single SQLite writer for long.
    var applyChunkSize = 500

    /// What an admin sends to create or change a connection.
    struct Input: Sendable {
        var kind: ConnectionKind
        var name: String
        var settings: ConnectionSettings
        /// The credential; `nil` on a change keeps the stored one.
        var secret: String?
        /// Slack: the app's signing secret, for the Events API; `nil` on a change keeps
        /// the stored one.
        var signingSecret: String? = nil
    }

    /// Creates a connection; its first scheduled run is due at once when it has a schedule.
    func create(_ input: Input, tenant: TenantID, at now: Date) async throws -> StoredConnection {
        guard let secret = input.secret, !secret.isEmpty else { throw ServiceError.invalid("The connection needs its credential (secret).") }
        let id = ConnectionID(RandomID.make())
        let connection = try stored(input, id: id, tenant: tenant, secret: secret, createdAt: now,
                                    nextRunAt: input.settings.intervalHours == nil ? nil : now)
        try await persistence.write { db in try db.connections.save(connection) }
        return connection
    }

    /// Changes a connection's name, settings or credential.
    func update(_ id: ConnectionID, with input: Input, tenant: TenantID) async throws -> StoredConnection {
        let existing = try await connection(id, tenant: tenant)
        guard existing.kind == input.kind else { throw ServiceError.immutable("A connection's kind cannot change.") }
        var changed = try stored(input, id: id, tenant: tenant, secret: input.secret, createdAt: existing.createdAt,
                                 nextRunAt: input.settings.intervalHours == nil ? nil : (existing.nextRunAt ?? existing.createdAt))
        if input.secret == nil {
            changed.sealedCredentials = existing.sealedCredentials
            changed.credentialHint = existing.credentialHint
        }
        if input.signingSecret == nil, let kept = try? ConnectionSettings.decode(existing.settings), kept.sealedSigningSecret != nil {
            var settings = try ConnectionSettings.decode(changed.settings)
            settings.sealedSigningSecret = kept.sealedSigningSecret
            settings.signingSecretHint = kept.signingSecretHint
            changed.settings = try settings.encoded()
        }
        try await persistence.write { [changed] db in try db.connections.save(changed) }
        return changed
    }

    /// Changes connection `id`'s settings with `change`, through ``update(_:with:tenant:)``
    /// as the admin API's PUT does (same checks, the credential kept): the console's field
    /// choice and schedule.
    @discardableResult
    func changeSettings(_ id: ConnectionID, tenant: TenantID, _ change: (inout ConnectionSettings) -> Void) async throws -> StoredConnection {
        let existing = try await connection(id, tenant: tenant)
        var settings = try ConnectionSettings.decode(existing.settings)
        change(&settings)
        return try await update(id, with: Input(kind: existing.kind, name: existing.name, settings: settings, secret: nil), tenant: tenant)
    }

    /// The tenant's connection `id`; ``ServiceError/notFound(_:)`` otherwise.
    func connection(_ id: ConnectionID, tenant: TenantID) async throws -> StoredConnection {
        guard let connection = try await persistence.read({ db in try db.connections.connection(id: id, tenant: tenant) }) else {
            throw ServiceError.notFound("No connection \(id.rawValue).")
        }
        return connection
    }

    /// The tenant's connections.
    func connections(tenant: TenantID) async throws -> [StoredConnection] {
        try await persistence.read { db in try db.connections.connections(tenant: tenant) }
    }

    /// Deletes a connection with its runs and links (members stay).
    func delete(_ id: ConnectionID, tenant: TenantID) async throws {
        _ = try await connection(id, tenant: tenant)
        try await persistence.write { db in try db.connections.delete(id: id, tenant: tenant) }
    }

    /// The connection's latest runs, newest first.
    func runs(_ id: ConnectionID, tenant: TenantID, limit: Int = 20) async throws -> [ConnectionRun] {
        _ = try await connection(id, tenant: tenant)
        return try await persistence.read { db in try db.connections.runs(of: id, tenant: tenant, limit: limit) }
    }

    /// "Can we reach it and read one page?": how many people the first page holds, or the
    /// failure in words.
    func test(_ id: ConnectionID, tenant: TenantID) async throws -> Result<Int, ConnectorFailure> {
        let connection = try await connection(id, tenant: tenant)
        let directory = try directory(of: connection)
        do {
            return .success(try await directory.probe())
        } catch {
            return .failure(error)
        }
    }

    /// The fields the source offers for selection, each becoming a category when the
    /// admin maps it (``ConnectionSettings/fields``), or the failure in words.
    func fields(_ id: ConnectionID, tenant: TenantID) async throws -> Result<[SourceField], ConnectorFailure> {
        let connection = try await connection(id, tenant: tenant)
        let directory = try directory(of: connection)
        do {
            return .success(try await directory.availableFields())
        } catch {
            return .failure(error)
        }
    }

    /// Runs the connection now: see the type's documentation. Throws
    /// ``ServiceError/conflict(_:)`` when a run of it is already in progress.
    @discardableResult
    func run(_ id: ConnectionID, tenant: TenantID, at now: Date) async throws -> ConnectionRun {
        let connection = try await connection(id, tenant: tenant)
        let claimed = try await persistence.write { [instance, runLease] db in
            try db.connections.claimRun(of: id, tenant: tenant, by: instance, at: now, leaseUntil: now.addingTimeInterval(runLease))
        }
        guard claimed else { throw ServiceError.conflict("A run of this connection is in progress; try again when it ends.") }
        return try await complete(connection, runStartedAt: now)
    }

    /// The rest of a run this instance claimed at `now`: read the complete listing (the
    /// people whose link fingerprint says they are unchanged sieved out as pages arrive),
    /// then plan and apply it in chunks — each only if this instance still holds the run.
    /// One that stalled past its lease while another instance ran the connection (or took
    /// over from a crash) would otherwise apply an older listing over a newer one; it is
    /// recorded as failed and applies nothing more.
    func complete(_ connection: StoredConnection, runStartedAt now: Date) async throws -> ConnectionRun {
        let id = connection.id, tenant = connection.tenant
        let settings = try ConnectionSettings.decode(connection.settings)
        let nextRunAt = settings.intervalHours.map { now.addingTimeInterval(TimeInterval($0) * 3_600) }
        let runID = RandomID.make()
        func failed(_ error: String) -> ConnectionRun {
            ConnectionRun(id: runID, connectionID: id, tenant: tenant, startedAt: now, finishedAt: Date(),
                          outcome: .failed, summary: "{}", error: error)
        }
        let listing: SourceListing
        let sieve: UnchangedPeopleSieve
        do {
            let (links, tenantSettings) = try await persistence.read { db in
                (try db.connections.syncedLinks(of: id, tenant: tenant), try db.settings.settings(tenant: tenant))
            }
            sieve = UnchangedPeopleSieve(links: links, context: SyncContext(
                connectionID: id, kind: connection.kind, fieldMapping: settings.fieldMapping, settings: tenantSettings))
            listing = try await directory(of: connection).listing(sieve: sieve.admit)
        } catch {
            let run = failed(Self.describe(error))
            try await persistence.write { [instance] db in
                try db.connections.append(run)
                try db.connections.releaseRun(of: id, tenant: tenant, by: instance, nextRunAt: nextRunAt)
            }
            return run
        }
        let finish = RunFinish(runID: runID, startedAt: now, nextRunAt: nextRunAt, owner: instance)
        do {
            return try await SyncRunApplier(persistence: persistence, connection: connection, sieve: sieve, at: now,
                                            chunkSize: applyChunkSize, finish: finish)
                .apply(listing, linkedAmongPlanned: sieve.hasLinked(among: listing.people))
        } catch is LostRun {
            // Another instance took the run over once this one's lease expired: its record stands.
            let run = failed("The run outlasted its lease and another one took over; it applied nothing more.")
            try await persistence.write { db in try db.connections.append(run) }
            return run
        } catch {
            // The chunk being applied rolled back; those before it stand, and the next run
            // (idempotent) completes the rest.
            let run = failed("The listing could not be applied in full; the next run completes it.")
            ErrorLog.unexpected(error, context: "connection run")
            try await persistence.write { [instance] db in
                try db.connections.append(run)
                try db.connections.releaseRun(of: id, tenant: tenant, by: instance, nextRunAt: nextRunAt)
            }
            return run
        }
    }

    /// Runs every connection whose schedule is due; returns how many ran.
    @discardableResult
    func runDue(at now: Date) async throws -> Int {
        let due = try await persistence.read { db in try db.connections.due(at: now, limit: 10) }
        var ran = 0
        for connection in due {
            do {
                try await run(connection.id, tenant: connection.tenant, at: now)
                ran += 1
            } catch ServiceError.conflict {
                continue  // another instance took it
            }
        }
        return ran
    }

    /// Plans with `planning` against the tenant's members and every connection's links,
    /// then writes what changed, all in `db`'s transaction (a Slack event: one person).
    static func apply(of connection: StoredConnection, settings: ConnectionSettings, at now: Date, in db: any StorageTransaction,
                      planning: ([LinkedMember], SyncContext) -> SyncPlan) throws -> SyncPlan.Summary {
        let tenant = connection.tenant
        let links = try db.connections.links(tenant: tenant)
        let before = try db.members.liveMembers(tenant: tenant).map { LinkedMember(member: $0, links: links[$0.id] ?? []) }
        let context = SyncContext(connectionID: connection.id, kind: connection.kind, fieldMapping: settings.fieldMapping,
                                  settings: try db.settings.settings(tenant: tenant))
        let plan = planning(before, context)
        _ = try write(plan, over: before, tenant: tenant, context: context, at: now, in: db)
        return plan.summary
    }

    /// Applies `plan` to `before` (members as stored in `db`'s transaction, with at least
    /// `context`'s connection's links) and writes the members and that connection's links
    /// that changed, and the events; returns the members and links after.
    static func write(_ plan: SyncPlan, over before: [LinkedMember], tenant: TenantID, context: SyncContext,
                      at now: Date, in db: any StorageTransaction) throws -> [LinkedMember] {
        let connection = context.connectionID
        let outcome = try plan.apply(to: before, tenantID: tenant, context: context, at: now) { MemberID(RandomID.make()) }
        var previous: [MemberID: LinkedMember] = [:]
        for linked in before { previous[linked.member.id] = linked }
        for linked in outcome.members {
            let old = previous[linked.member.id]
            if old?.member != linked.member { try db.members.save(linked.member) }
            let mine = linked.links.filter { $0.connectionID == connection }
            if old.map({ $0.links.filter { $0.connectionID == connection } }) != mine {
                try db.connections.saveLinks(mine, of: connection, member: linked.member.id, tenant: tenant)
            }
        }
        try db.outbox.append(outcome.events)
        return outcome.members
    }

    /// A run's counts as JSON text.
    static func encode(_ summary: SyncPlan.Summary) throws -> String {
        var object: [String: Int] = ["created": summary.created, "updated": summary.updated, "reactivated": summary.reactivated,
                                     "deactivated": summary.deactivated, "linked": summary.linked,
                                     "relinked": summary.relinked, "unlinked": summary.unlinked]
        for (reason, count) in summary.skipped { object["skipped." + reason.rawValue] = count }
        return String(decoding: try JSONEncoder().encode(object), as: UTF8.self)
    }

    /// What an admin reads about a failed listing: the connector's own words, never a type name.
    static func describe(_ error: any Error) -> String {
        if let failure = error as? ConnectorFailure { return failure.description }
        if let service = error as? ServiceError { return service.description }
        return "The source could not be read."
    }

    /// The directory client of `connection`, its credential opened.
    func directory(of connection: StoredConnection) throws -> any SourceDirectory {
        guard let cipher else { throw ServiceError.conflict(Self.noKey) }
        let secret: String
        do {
            secret = try cipher.open(connection.sealedCredentials, context: Self.context(connection.id, connection.tenant))
        } catch {
            throw ServiceError.conflict("The connection's credential cannot be opened with this server's key; enter it again.")
        }
        return try ConnectionSettings.decode(connection.settings).directory(kind: connection.kind, secret: secret,
                                                                          configuration: clientConfiguration)
    }

    /// What a server without a credentials key answers.
    static let noKey = "Connections are not available on this server: it runs with --connectors off, or without a credentials key (--credentials-key-file or PERCOLATOR_CREDENTIALS_KEY)."

    /// The associated data a credential is sealed with: it opens only for its connection.
    static func context(_ id: ConnectionID, _ tenant: TenantID) -> String { "connection:\(tenant.rawValue):\(id.rawValue)" }

    /// The associated data of a Slack signing secret: not interchangeable with the bot token.
    static func signingContext(_ id: ConnectionID, _ tenant: TenantID) -> String { context(id, tenant) + ":slack-signing-secret" }

    /// `input` as a stored connection, its secret sealed.
    private func stored(_ input: Input, id: ConnectionID, tenant: TenantID, secret: String?, createdAt: Date,
                        nextRunAt: Date?) throws -> StoredConnection {
        guard let cipher else { throw ServiceError.conflict(Self.noKey) }
        let name = input.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 200 else { throw ServiceError.invalid("The connection needs a name of 1 to 200 characters.") }
        try input.settings.validate(for: input.kind, endpoints: clientConfiguration.endpoints)
        let sealed = try secret.map { try cipher.seal($0, context: Self.context(id, tenant)) } ?? ""
        var settings = input.settings
        if let signing = input.signingSecret, !signing.isEmpty {
            guard input.kind == .slack else { throw ServiceError.invalid("Only a Slack connection takes a signingSecret.") }
            settings.sealedSigningSecret = try cipher.seal(signing, context: Self.signingContext(id, tenant))
            settings.signingSecretHint = String(signing.suffix(4))
        }
        return StoredConnection(id: id, tenant: tenant, kind: input.kind, name: name, settings: try settings.encoded(),
                                sealedCredentials: sealed, credentialHint: secret.map { String($0.suffix(4)) } ?? "",
                                createdAt: createdAt, nextRunAt: nextRunAt)
    }
}

/// A run found, at apply time, that another instance holds its connection now.
struct LostRun: Error {}

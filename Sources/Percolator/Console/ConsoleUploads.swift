import Coffee
import FoundationEssentials
import Store
import Web

/// The CSV files uploaded to the console's import, held in this process's memory between
/// the import's steps (preview and mapping → dry run → apply), each visible to the
/// session that uploaded it only.
///
/// Why memory and not a hidden field or a table: a file may be 64 MiB, far too much to
/// send back with every form; a table would be a migration in two dialects for data that
/// lives minutes. The client only ever sends choices (column → target, welcome email):
/// every dry run and the apply plan the file held here again, so an edited form can
/// never apply a plan the server did not make. The price: the steps must reach the
/// instance that took the upload (one instance, or sticky sessions); elsewhere, or after a
/// restart, the upload is gone and the page says to upload again (nothing was written).
/// Once applied, the import is an ``ImportRun`` in storage, which any instance finishes.
///
/// Bounded: an upload lives ``lifetime`` (while not applying), a session keeps its
/// ``perOwner`` latest, and the bytes held stay under the capacity given at each upload.
actor ConsoleUploads {
    /// Where an upload is.
    enum State: Sendable, Equatable {
        /// Uploaded; the choices may be changed and checked.
        case planning
        /// Being written: rows so far of all.
        case applying(written: Int, total: Int)
        /// Written.
        case done(created: Int, updated: Int, welcomeEmails: Int)
        /// Nothing written: why (a sentence), or `nil` for an unexpected stop.
        case refused(String?)
    }

    /// One uploaded file.
    struct Upload: Sendable {
        let id: String
        let tenant: TenantID
        /// The uploading session's CSRF token: only that session sees the upload.
        let owner: String
        let filename: String
        /// The file (emptied once the apply has stored it as an import run).
        var csv: [UInt8]
        let uploadedAt: Date
        /// The choices last checked.
        var choices = ImportColumnChoices()
        /// The choices as the form sent them, by column position.
        var formChoices: [Int: String] = [:]
        /// The dry run of ``choices``, once asked.
        var report: ConsoleImportPlanPage.Report?
        var state = State.planning
    }

    /// How long an upload waits for its next step.
    let lifetime: TimeInterval = 3_600
    /// How many uploads one session keeps.
    let perOwner = 3
    private var uploads: [String: Upload] = [:]

    /// Keeps `csv` for `owner`; `nil` when the bytes held would pass `capacity` even after
    /// forgetting expired uploads.
    func add(csv: [UInt8], filename: String, tenant: TenantID, owner: String, at now: Date, capacity: Int) -> String? {
        forgetExpired(at: now)
        let mine = uploads.values.filter { $0.owner == owner && $0.state == .planning }.sorted { $0.uploadedAt < $1.uploadedAt }
        for old in mine.dropLast(perOwner - 1) { uploads[old.id] = nil }
        let held = uploads.values.reduce(0) { $0 + $1.csv.count }
        guard held + csv.count <= capacity else { return nil }
        let id = RandomID.make()
        uploads[id] = Upload(id: id, tenant: tenant, owner: owner, filename: filename, csv: csv, uploadedAt: now)
        return id
    }

    /// Upload `id` if it belongs to `tenant` and `owner`.
    func upload(_ id: String, tenant: TenantID, owner: String) -> Upload? {
        guard let upload = uploads[id], upload.tenant == tenant, upload.owner == owner, !owner.isEmpty else { return nil }
        return upload
    }

    /// Records checked choices and their dry run (only while planning).
    func checked(_ id: String, choices: ImportColumnChoices, formChoices: [Int: String], report: ConsoleImportPlanPage.Report?) {
        guard uploads[id]?.state == .planning else { return }
        uploads[id]?.choices = choices
        uploads[id]?.formChoices = formChoices
        uploads[id]?.report = report
    }

    /// Moves upload `id` from checked to applying, once; returns it then (`nil`: not
    /// checked, already applying, or gone).
    func beginApplying(_ id: String, tenant: TenantID, owner: String) -> Upload? {
        guard let upload = upload(id, tenant: tenant, owner: owner), upload.state == .planning, upload.report?.isApplicable == true
        else { return nil }
        uploads[id]?.state = .applying(written: 0, total: 0)
        return upload
    }

    /// Rows written so far (never goes back).
    func progress(_ id: String, written: Int, total: Int) {
        guard case .applying(let before, _) = uploads[id]?.state else { return }
        uploads[id]?.state = .applying(written: max(before, written), total: total)
        uploads[id]?.csv = []  // stored as an import run by now
    }

    /// The apply's end.
    func finish(_ id: String, _ state: State) {
        uploads[id]?.state = state
        uploads[id]?.csv = []
    }

    private func forgetExpired(at now: Date) {
        for (id, upload) in uploads where now.timeIntervalSince(upload.uploadedAt) > lifetime {
            if case .applying = upload.state { continue }
            uploads[id] = nil
        }
    }
}

import Foundation
import SCIM
import Store
import Testing
import TestSupport
@testable import Percolator

@Suite("Admin API — CSV import (POST /api/v1/imports)")
struct AdminImportTests {
    // MARK: - Helpers

    static func actions(_ response: CSVUpload.Response) -> [String] {
        response.rows.map { $0[attribute: "action"]?.stringValue ?? "?" }
    }

    static func lines(_ response: CSVUpload.Response) -> [Int64] {
        response.rows.map { $0[attribute: "line"]?.integerValue ?? -1 }
    }

    static func errorCodes(_ row: JSONValue) -> [String] {
        row[attribute: "errors"]?.arrayValue?.compactMap { $0[attribute: "code"]?.stringValue } ?? []
    }

    static func fileErrors(_ response: CSVUpload.Response) -> [JSONValue] {
        response.report?[attribute: "fileErrors"]?.arrayValue ?? []
    }

    static func newCategories(_ response: CSVUpload.Response) -> [JSONValue] {
        response.report?[attribute: "newCategories"]?.arrayValue ?? []
    }

    static func csv(_ text: String) -> [UInt8] { Array(text.utf8) }

    // MARK: - Fixtures, dry run

    /// The fixtures this suite has an expectation for; a new fixture fails
    /// `everyFixtureIsChecked` until it gets one.
    static let checkedFixtures: Set<String> = [
        "bad-rows.csv", "basic-comma-lf.csv", "duplicate-emails.csv", "french-headers-bom-semicolon-crlf.csv",
        "header-case-accents-spaces.csv", "latin1-not-utf8.csv", "missing-mandatory-columns.csv",
        "no-trailing-newline.csv", "quoting-escapes-embedded-newlines.csv", "semicolon-multiselect.csv",
        "unterminated-quote.csv",
    ]

    @Test("every fixture in fixtures/csv has an expectation here")
    func everyFixtureIsChecked() throws {
        #expect(Set(try CSVUpload.fixtureNames()) == Self.checkedFixtures)
    }

    @Test("each fixture's dry run reports what the file is meant to show, and changes nothing")
    func fixturesDryRun() async throws {
        try await LiveServer.with { live in
            let port = live.port, token = live.adminToken
            func dryRun(_ name: String, _ query: String = "") async throws -> CSVUpload.Response {
                let response = try await CSVUpload.post(port: port, token: token, query: query, fixture: name)
                #expect(response.status == 200, "\(name): \(String(describing: response.json))")
                #expect(response[attribute: "dryRun"] == true && response[attribute: "applied"] == false, "\(name)")
                return response
            }

            // The plain case, with one column mapped by a query parameter to a new category;
            // City is the identity provider's category: it fills it for the members the file creates.
            var response = try await dryRun("basic-comma-lf.csv", "column.Department=new:Team")
            #expect(response[attribute: "applicable"] == true)
            #expect(response.count("created") == 3 && response.count("errors") == 0)
            #expect(Self.newCategories(response).map { $0[attribute: "key"] } == ["team"])
            #expect(Self.newCategories(response).first?[attribute: "knownValues"] == ["R&D", "Navy"])
            #expect(response.rows.first?[attribute: "categories"] == ["city": ["London"], "team": ["R&D"]])

            response = try await dryRun("french-headers-bom-semicolon-crlf.csv")
            #expect(response[attribute: "applicable"] == true && Self.lines(response) == [2, 3])
            #expect(response.rows.map { $0[attribute: "givenName"] } == ["Zoé", "François"])
            #expect(response.rows.map { $0[attribute: "familyName"] } == ["Éluard", "Lefèvre"])
            #expect(response.rows.first?[attribute: "categories"]?[attribute: "ville"] == ["Paris"])
            #expect(Self.newCategories(response).map { $0[attribute: "label"] } == ["Ville", "Service"])

            response = try await dryRun("quoting-escapes-embedded-newlines.csv", "column.City=new:Town")
            #expect(response[attribute: "applicable"] == true && Self.lines(response) == [2, 3, 5])
            let rows = response.rows
            #expect(rows.first?[attribute: "categories"]?[attribute: "bio"] == [#"Wrote the first program, "Note G""#])
            #expect(rows.count == 3)
            if rows.count == 3 {
                #expect(rows[1][attribute: "categories"]?[attribute: "bio"] == ["Line one\nLine two"])
                #expect(rows[2][attribute: "familyName"] == "O\"Neil")
                #expect(rows[2][attribute: "categories"] == ["town": ["Paris, France"]])
            }

            response = try await dryRun("semicolon-multiselect.csv", "column.Languages=new-multi")
            #expect(response[attribute: "applicable"] == true && response.count("created") == 2)
            #expect(response.rows.first?[attribute: "categories"] == ["languages": ["en", "fr"]])
            #expect(Self.newCategories(response).first?[attribute: "type"] == "multiSelect")
            #expect(Self.newCategories(response).first?[attribute: "knownValues"] == ["en", "fr"])

            response = try await dryRun("bad-rows.csv")
            #expect(response[attribute: "applicable"] == false)
            #expect(response.count("rejected") == 5 && response.count("errors") == 5)
            #expect(Self.lines(response) == [2, 3, 4, 5, 6])
            #expect(response.rows.map(Self.errorCodes) == [
                ["invalidEmail"], ["missingFirstName"], ["missingLastName"], ["missingEmail"], ["wrongFieldCount"],
            ])

            response = try await dryRun("duplicate-emails.csv")
            #expect(response[attribute: "applicable"] == false)
            #expect(response.rows.map(Self.errorCodes) == [[], [], ["duplicateEmail"]])
            #expect(response.rows.last?[attribute: "errors"]?.arrayValue?.first?[attribute: "firstLine"] == 2)

            response = try await dryRun("missing-mandatory-columns.csv")
            #expect(Self.fileErrors(response).map { $0[attribute: "code"] } == ["missingColumn"])
            #expect(response.rows.isEmpty && response[attribute: "applicable"] == false)

            response = try await dryRun("unterminated-quote.csv")
            #expect(Self.fileErrors(response).map { $0[attribute: "code"] } == ["unterminatedQuote"])
            #expect(Self.fileErrors(response).first?[attribute: "line"] == 2)

            response = try await dryRun("latin1-not-utf8.csv")
            #expect(Self.fileErrors(response).map { $0[attribute: "code"] } == ["invalidUTF8"])
            #expect(Self.fileErrors(response).first?[attribute: "line"] == 2)

            response = try await dryRun("no-trailing-newline.csv")
            #expect(response[attribute: "applicable"] == true && response.count("created") == 2)
            #expect(response.rows.last?[attribute: "email"] == "grace@example.com")

            // Nothing above was applied.
            let admin = try live.client(token: token)
            #expect(try await admin.members().isEmpty)
            #expect(try await admin.events().isEmpty)

            // Headers in any case, accents and spacing; the email matches an existing
            // member ignoring case; its Job Title column fills the (csv) member's jobTitle.
            let basic = try await CSVUpload.post(port: port, token: token, query: "dryRun=false", fixture: "basic-comma-lf.csv")
            #expect(basic.status == 200 && basic[attribute: "applied"] == true)
            let ada = basic.rows.first?[attribute: "memberId"]
            response = try await dryRun("header-case-accents-spaces.csv")
            #expect(response[attribute: "applicable"] == true && Self.actions(response) == ["update"])
            #expect(response.rows.first?[attribute: "changes"] == ["category:jobTitle"], "\(response.rows)")
            #expect(response.rows.first?[attribute: "memberId"] == ada && ada != nil)
            #expect(Self.newCategories(response).isEmpty)
        }
    }

    // MARK: - Real run

    @Test("a parameter given twice is 400 and changes nothing: dryRun=false&dryRun=true wrote the members (the first won)")
    func repeatedParameters() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            for query in ["dryRun=false&dryRun=true", "dryRun=true&dryRun=false", "dryRun=false&rows=none&rows=all"] {
                let answer = try await CSVUpload.post(port: live.port, token: live.adminToken, query: query, fixture: "basic-comma-lf.csv")
                #expect(answer.status == 400, "\(query)")
                #expect(answer.json?[attribute: "detail"]?.stringValue?.contains("more than once") == true, "\(query)")
            }
            #expect(try await admin.members().isEmpty)
            #expect(try await admin.get("/api/v1/members?limit=1&limit=2").status == 400)
            #expect(try await admin.get("/api/v1/members?limit=1").status == 200)
        }
    }

    @Test("a real run creates Active csv members and their events; re-importing the same file changes nothing")
    func realRunThenReimport() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let first = try await CSVUpload.post(port: live.port, token: live.adminToken,
                                                 query: "dryRun=false&column.Department=new:Team", fixture: "basic-comma-lf.csv")
            #expect(first.status == 200)
            #expect(first[attribute: "applied"] == true && first.count("created") == 3)
            #expect(first.rows.allSatisfy { $0[attribute: "memberId"]?.stringValue != nil })

            let members = try await admin.members()
            #expect(members.count == 3)
            #expect(members.allSatisfy { $0[attribute: "source"] == "csv" && $0[attribute: "localStatus"] == "active" })
            #expect(Set(members.compactMap { $0[attribute: "emails"]?.arrayValue?.first?.stringValue })
                == ["ada@example.com", "grace@example.com", "alan@example.com"])
            #expect(members.first { $0[attribute: "givenName"] == "Grace" }?[attribute: "categories"] == ["city": ["New York"], "team": ["Navy"]])
            #expect(try await admin.events(kind: "MemberProvisioned").count == 3)
            #expect(try await admin.events(kind: "WelcomeEmailRequested").isEmpty)
            let categories = try await admin.get("/api/v1/categories")
            let team = categories[attribute: "items"]?.arrayValue?.first { $0[attribute: "key"] == "team" }
            #expect(team?[attribute: "knownValues"] == ["R&D", "Navy"])

            let again = try await CSVUpload.post(port: live.port, token: live.adminToken,
                                                 query: "dryRun=false&column.Department=category:team", fixture: "basic-comma-lf.csv")
            #expect(again.status == 200, "\(String(describing: again.json))")
            #expect(again.count("unchanged") == 3 && again.count("created") == 0 && again.count("updated") == 0)
            #expect(try await admin.members().count == 3)
            #expect(try await admin.events().count == 3)
        }
    }

    @Test("a file with one bad row applies nothing: 400 invalidValue with the report")
    func oneBadRowAppliesNothing() async throws {
        try await LiveServer.with { live in
            let file = Self.csv("""
                First name,Last name,Email,Team
                Ada,Lovelace,ada@example.com,Engines
                Grace,Hopper,grace@example.com,Navy
                Alan,Turing,alan(at)example.com,Codes

                """)
            let response = try await CSVUpload.post(port: live.port, token: live.adminToken, query: "dryRun=false&welcome=true", body: file)
            #expect(response.status == 400)
            #expect(response.headers["content-type"] == "application/scim+json")
            #expect(response[attribute: "scimType"] == "invalidValue" && response[attribute: "status"] == "400")
            #expect(response[attribute: "detail"]?.stringValue?.contains("Nothing was imported") == true)
            #expect(response.report?[attribute: "applied"] == false)
            #expect(response.count("rejected") == 1 && response.count("created") == 2)
            #expect(response.rows.last?[attribute: "line"] == 4)
            #expect(response.rows.last.map(Self.errorCodes) == ["invalidEmail"])

            let admin = try live.client(token: live.adminToken)
            #expect(try await admin.members().isEmpty)
            #expect(try await admin.events().isEmpty)
            let categories = try await admin.get("/api/v1/categories")
            #expect(categories[attribute: "items"]?.arrayValue?.contains { $0[attribute: "key"] == "team" } == false)

            // The same for a file error.
            let missing = try await CSVUpload.post(port: live.port, token: live.adminToken, query: "dryRun=false",
                                                   fixture: "missing-mandatory-columns.csv")
            #expect(missing.status == 400 && missing[attribute: "scimType"] == "invalidValue")
            #expect(Self.fileErrors(missing).first?[attribute: "code"] == "missingColumn")
            #expect(try await admin.members().isEmpty)
        }
    }

    @Test("an import updates an inactive member's data and never reactivates it")
    func inactiveStaysInactive() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let created = try await CSVUpload.post(port: live.port, token: live.adminToken, query: "dryRun=false",
                                                   fixture: "basic-comma-lf.csv")
            let id = try #require(created.rows.first?[attribute: "memberId"]?.stringValue)
            let status = try await admin.put("/api/v1/members/\(id)/status", ["status": "inactive", "reason": "unsubscribed"])
            #expect(status.status == 200)

            let file = Self.csv("First name,Last name,Email\nAda,King,ADA@example.com\n")
            let response = try await CSVUpload.post(port: live.port, token: live.adminToken, query: "dryRun=false&welcome=true", body: file)
            #expect(response.status == 200)
            #expect(Self.actions(response) == ["update"])
            #expect(response.rows.first?[attribute: "changes"] == ["familyName"])
            #expect(response.rows.first?[attribute: "warnings"]?.arrayValue?.first?[attribute: "code"] == "staysInactive")

            let member = try await admin.get("/api/v1/members/\(id)")
            #expect(member[attribute: "familyName"] == "King")
            #expect(member[attribute: "localStatus"] == "inactive" && member[attribute: "inactiveReason"] == "unsubscribed")
            #expect(member[attribute: "eligible"] == false)
            #expect(try await admin.events(kind: "WelcomeEmailRequested").isEmpty)
        }
    }

    @Test("welcome=true requests exactly one welcome email per new member, never for updates or re-imports")
    func welcomeOncePerNewMember() async throws {
        try await LiveServer.with { live in
            let admin = try live.client(token: live.adminToken)
            let first = try await CSVUpload.post(port: live.port, token: live.adminToken, query: "dryRun=false",
                                                 body: Self.csv("First name,Last name,Email\nAda,Lovelace,ada@example.com\n"))
            #expect(first.status == 200 && first.count("welcomeEmailsRequested") == 0)

            let file = Self.csv("""
                First name,Last name,Email
                Ada,King,ada@example.com
                Grace,Hopper,grace@example.com
                Alan,Turing,alan@example.com

                """)
            let second = try await CSVUpload.post(port: live.port, token: live.adminToken, query: "dryRun=false&welcome=true", body: file)
            #expect(second.status == 200 && second.count("created") == 2 && second.count("updated") == 1)
            #expect(second.count("welcomeEmailsRequested") == 2)
            let third = try await CSVUpload.post(port: live.port, token: live.adminToken, query: "dryRun=false&welcome=true", body: file)
            #expect(third.status == 200 && third.count("unchanged") == 3 && third.count("welcomeEmailsRequested") == 0)

            let welcomes = try await admin.events(kind: "WelcomeEmailRequested")
            #expect(welcomes.count == 2)
            #expect(Set(welcomes.compactMap { $0[attribute: "email"]?.stringValue }) == ["grace@example.com", "alan@example.com"])
            #expect(welcomes.allSatisfy { $0[attribute: "status"] == "pending" })
            let members = try await admin.members()
            #expect(members.filter { $0[attribute: "welcomeEmailRequestedAt"] != nil }.count == 2)
        }
    }

    @Test("another tenant's admin sees none of an import, and its own import creates its own members")
    func tenantIsolation() async throws {
        try await LiveServer.with { live in
            let other = try await live.store.createTenant(name: "other")
            let otherToken = try await live.store.issueToken(tenant: other.id, kind: .admin, label: nil).plaintext
            let mine = try await CSVUpload.post(port: live.port, token: live.adminToken, query: "dryRun=false",
                                                fixture: "basic-comma-lf.csv")
            #expect(mine.status == 200 && mine.count("created") == 3)

            let theirs = try live.client(token: otherToken)
            #expect(try await theirs.members().isEmpty)
            #expect(try await theirs.events().isEmpty)
            let id = try #require(mine.rows.first?[attribute: "memberId"]?.stringValue)
            #expect(try await theirs.get("/api/v1/members/\(id)").status == 404)

            // Their dry run of the same file sees no existing member: three creates.
            let dryRun = try await CSVUpload.post(port: live.port, token: otherToken, fixture: "basic-comma-lf.csv")
            #expect(dryRun.count("created") == 3 && dryRun.count("unchanged") == 0)
            let applied = try await CSVUpload.post(port: live.port, token: otherToken, query: "dryRun=false",
                                                   fixture: "basic-comma-lf.csv")
            #expect(applied.count("created") == 3)
            #expect(try await theirs.members().count == 3)
            #expect(try await live.client(token: live.adminToken).members().count == 3)
        }
    }

    // MARK: - Bad requests

    @Test("bad requests are SCIM errors and change nothing")
    func badRequests() async throws {
        try await LiveServer.with({ $0.admin.importMaxBytes = 4096 }) { live in
            let port = live.port, token = live.adminToken
            func expectError(_ response: CSVUpload.Response, _ status: Int, _ words: String) {
                #expect(response.status == status, "\(String(describing: response.json))")
                #expect(response[attribute: "status"] == .string(String(status)))
                #expect(response[attribute: "detail"]?.stringValue?.contains(words) == true,
                        "\(String(describing: response[attribute: "detail"]))")
            }
            expectError(try await CSVUpload.post(port: port, token: token, query: "dryRun=no", fixture: "basic-comma-lf.csv"),
                        400, "'dryRun' must be true or false")
            expectError(try await CSVUpload.post(port: port, token: token, query: "dryrun=false", fixture: "basic-comma-lf.csv"),
                        400, "'dryrun' is not a parameter")
            expectError(try await CSVUpload.post(port: port, token: token, query: "dryRun=false&column.Town=new",
                                                 fixture: "basic-comma-lf.csv"),
                        400, "no column \"Town\"")
            expectError(try await CSVUpload.post(port: port, token: token, query: "dryRun=false&column.City=drop",
                                                 fixture: "basic-comma-lf.csv"),
                        400, "is not a choice")
            expectError(try await CSVUpload.post(port: port, token: token, query: "dryRun=false&column.Email=ignore",
                                                 fixture: "basic-comma-lf.csv"),
                        400, "always imported")
            expectError(try await CSVUpload.post(port: port, token: token, query: "dryRun=false",
                                                 body: try CSVUpload.fixture("basic-comma-lf.csv"), contentType: "application/json"),
                        415, "text/csv")
            expectError(try await CSVUpload.post(port: port, token: token, query: "dryRun=false",
                                                 body: try CSVUpload.fixture("latin1-not-utf8.csv"),
                                                 contentType: "text/csv; charset=ISO-8859-1"),
                        415, "UTF-8")
            // A new category whose key exists: a file error saying how to fill the existing one.
            let taken = try await CSVUpload.post(port: port, token: token, query: "dryRun=false&column.Department=new",
                                                 fixture: "basic-comma-lf.csv")
            expectError(taken, 400, "choose category:department")
            #expect(Self.fileErrors(taken).first?[attribute: "code"] == "categoryKeyTaken")
            // Larger than the configured limit.
            let large = try await CSVUpload.post(port: port, token: token, query: "dryRun=false", body: CSVUpload.generated(rows: 200))
            #expect(large.status == 413)
            // Without an admin token.
            let anonymous = try await CSVUpload.post(port: port, token: live.scimToken, fixture: "basic-comma-lf.csv")
            #expect(anonymous.status == 401)

            #expect(try await live.client(token: token).members().isEmpty)
        }
    }

    @Test("rows=issues lists only rows with errors or warnings; rows=none only counts")
    func rowSelection() async throws {
        try await LiveServer.with { live in
            let issues = try await CSVUpload.post(port: live.port, token: live.adminToken, query: "rows=issues", fixture: "duplicate-emails.csv")
            #expect(Self.lines(issues) == [4])
            let none = try await CSVUpload.post(port: live.port, token: live.adminToken, query: "rows=none", fixture: "duplicate-emails.csv")
            #expect(none.report?[attribute: "rows"] == nil && none.count("rows") == 3)
        }
    }

    // MARK: - Crash safety

    @Test("a server SIGKILLed during a 50,000-row import keeps all rows or none")
    func sigkillDuringImport() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("percolator-import-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("db.sqlite").path
        let token = BearerToken.generate()
        let arguments = ["--database", database, "--access-log", "off"]
        let server = ServerProcess(arguments: arguments, environment: ["PERCOLATOR_ADMIN_TOKEN": token])
        try await server.start()
        let rows = 50_000
        let file = CSVUpload.generated(rows: rows)
        let port = server.port

        let upload = Task { try? await CSVUpload.post(port: port, token: token, query: "dryRun=false&welcome=true", body: file) }
        // Kill while the import's chunks are being written: once the WAL holds the accepted
        // run (the file itself) and about a megabyte of rows, or after 30 s at the latest.
        // Whenever it lands, the outcome must be all rows (an accepted import is finished by
        // the next server) or none.
        let wal = database + "-wal"
        func walSize() -> Int { ((try? FileManager.default.attributesOfItem(atPath: wal))?[.size] as? Int) ?? 0 }
        let before = walSize()
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(30)
        while walSize() < before + file.count + 1_048_576, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(2))
        }
        let walAtKill = walSize()
        #expect(await server.stop(signal: SIGKILL) == SIGKILL)
        let answer = await upload.value

        // An import accepted before the kill is finished by the restarted server once the
        // dead one's lease on it expires (ImportService.lease, then a resume tick): wait for
        // all rows, or long enough that an accepted import would have been resumed.
        let restarted = ServerProcess(arguments: arguments)
        try await restarted.start()
        let admin = try SCIMTestClient(port: restarted.port, token: token)
        // A partial count means a resumed import is still writing its rows: on a loaded
        // machine a debug build plans 50,000 rows for seconds after the take-over, so a
        // partial import gets a longer bound to finish before it counts as a survivor.
        let settled = clock.now + .seconds(Int(ImportService.defaultLease) + 12)
        let finishing = clock.now + .seconds(Int(ImportService.defaultLease) + 120)
        var members = try await admin.members()
        while members.count < rows, clock.now < (members.isEmpty ? settled : finishing) {
            try await Task.sleep(for: .milliseconds(500))
            members = try await admin.members()
        }
        let provisioned = try await admin.events(kind: "MemberProvisioned")
        let welcomes = try await admin.events(kind: "WelcomeEmailRequested")
        #expect(members.count == 0 || members.count == rows, "a partial import survived: \(members.count) members")
        #expect(provisioned.count == members.count && welcomes.count == members.count)
        if answer?.status == 200 { #expect(members.count == rows, "an acknowledged import was lost") }
        print("import SIGKILL test: killed with a \(walAtKill / 1024) KiB WAL (\(before / 1024) KiB before the import); "
            + "\(members.count) members after restart; answered before the kill: \(answer?.status.description ?? "no")")
        #expect(await restarted.stop() == 0)
    }
}

import Foundation
import SCIM
import Store
import Testing
import TestSupport
@testable import Percolator

@Suite("Durability — every acknowledged write survives SIGKILL")
struct DurabilityTests {
    /// What a client saw acknowledged: created users, and the last title each PATCH set.
    actor Ledger {
        var created: [String: String] = [:]          // userName → id
        var acknowledgedTitle: [String: Int] = [:]   // id → last acknowledged title
        var sentTitle: [String: Int] = [:]           // id → last title sent (maybe applied)
        func create(_ userName: String, _ id: String) { created[userName] = id }
        func sent(_ id: String, _ title: Int) { sentTitle[id] = title }
        func acknowledged(_ id: String, _ title: Int) { acknowledgedTitle[id] = title }
        var count: Int { created.count + acknowledgedTitle.count }
    }

    @Test("a server killed mid-stream of creates and PATCHes keeps every 2xx write, whole")
    func sigkill() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("percolator-durability-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("db.sqlite").path
        let token = BearerToken.generate()
        let adminToken = BearerToken.generate()
        let arguments = ["--database", database, "--access-log", "off"]
        let server = ServerProcess(arguments: arguments, environment: ["PERCOLATOR_SCIM_TOKEN": token,
                                                                       "PERCOLATOR_ADMIN_TOKEN": adminToken])
        try await server.start()
        let ledger = Ledger()
        let port = server.port

        // Four writers in parallel: create a user, then PATCH its title up and up.
        let writers = (0..<4).map { writer in
            Task {
                guard let client = try? SCIMTestClient(port: port, token: token) else { return }
                for index in 0..<10_000 {
                    let userName = "w\(writer)-\(index)@example.com"
                    guard let created = try? await client.post("/scim/v2/Users", SCIMBodies.user(userName)),
                          created.status == 201, let id = created[attribute: "id"]?.stringValue else { return }
                    await ledger.create(userName, id)
                    for title in 1...3 {
                        await ledger.sent(id, title)
                        let body = SCIMBodies.patch([["op": "replace", "path": "title", "value": .string("t\(title)")]])
                        guard let patched = try? await client.patch("/scim/v2/Users/\(id)", body), patched.status == 200 else { return }
                        await ledger.acknowledged(id, title)
                    }
                }
            }
        }
        // Kill once a good number of writes were acknowledged, with more in flight.
        for _ in 0..<200 {
            if await ledger.count >= 150 { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(await server.stop(signal: SIGKILL) == SIGKILL)
        for writer in writers { await writer.value }

        // Restart on the same file and check.
        let restarted = ServerProcess(arguments: arguments)
        try await restarted.start()
        let client = try SCIMTestClient(port: restarted.port, token: token)
        let created = await ledger.created
        let acknowledged = await ledger.acknowledgedTitle
        let sent = await ledger.sentTitle
        #expect(created.count >= 20, "too few writes before the kill to prove anything")
        for (userName, id) in created {
            let response = try await client.get("/scim/v2/Users/\(id)")
            #expect(response.status == 200, "acknowledged create of \(userName) lost")
            #expect(response[attribute: "userName"] == .string(userName))
            // A PATCH is all or nothing: the title is the last acknowledged one or a later sent one.
            let title = response[attribute: "title"]?.stringValue.flatMap { Int($0.dropFirst()) } ?? 0
            let floor = acknowledged[id] ?? 0
            #expect(title >= floor && title <= (sent[id] ?? 0), "\(userName): title t\(title), acknowledged t\(floor)")
            // The indexed copy (emails table) agrees with the resource.
            let byEmail = try await client.get("/scim/v2/Users?filter=\("emails.value eq \"\(userName)\"".addingPercentEncodingForQuery())")
            #expect(byEmail[attribute: "totalResults"] == 1, "\(userName) not found by email")
        }
        // Nothing half-there: every stored user is complete and findable by its userName.
        let all = try await client.get("/scim/v2/Users?count=1000")
        for resource in all[attribute: "Resources"]?.arrayValue ?? [] {
            let userName = try #require(resource[attribute: "userName"]?.stringValue)
            #expect(resource[attribute: "emails"]?.arrayValue?.first?[attribute: "value"] == .string(userName))
        }
        // The member rows and their events committed with the SCIM rows, or not at all:
        // one live member per User, with the User's title as its job title, and one
        // MemberProvisioned event each.
        let admin = try SCIMTestClient(port: restarted.port, token: adminToken)
        let members = try await admin.get("/api/v1/members?limit=1000").json?[attribute: "items"]?.arrayValue ?? []
        let users = all[attribute: "Resources"]?.arrayValue ?? []
        #expect(members.count == users.count)
        let titleByID = Dictionary(uniqueKeysWithValues: users.compactMap { user in
            user[attribute: "id"]?.stringValue.map { ($0, user[attribute: "title"]) }
        })
        for member in members {
            let id = try #require(member[attribute: "id"]?.stringValue)
            let title = titleByID[id] ?? nil
            let jobTitle = member[attribute: "categories"]?[attribute: "jobTitle"]?.arrayValue?.first
            #expect(jobTitle == title, "member \(id): job title \(String(describing: jobTitle)) vs SCIM title \(String(describing: title))")
        }
        let provisioned = try await admin.get("/api/v1/events?kind=MemberProvisioned&limit=1000")
        #expect(provisioned.json?[attribute: "items"]?.arrayValue?.count == users.count)
        #expect(await restarted.stop() == 0)
    }
}

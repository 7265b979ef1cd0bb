import Foundation
import SCIM
import Testing
@testable import Store

/// ~50 users with every shape the translator meets (absent attributes, special
/// characters, non-ASCII, Entra's string booleans, several emails, memberships) and
/// three groups; `$U0`…, `$G0`… in filter text name their ids.
private struct FilterDataSet {
    let store: any ResourceStore
    let tenant: TenantID
    let users: [StoredResource]
    let groups: [StoredResource]

    static let specialUserNames = ["a%b", "a_b", "a*b", "a?b", "a[b]c", "o'brien", #"x\y"#, "Émile", "zoë", "ÅSA",
                                   #"q"uote"#, "a%"]

    static func make(_ store: any ResourceStore, tenant: TenantID, clock: TestClock) async throws -> FilterDataSet {
        var users: [StoredResource] = []
        for index in 0..<50 {
            let userName = index < specialUserNames.count ? specialUserNames[index] : (index % 3 == 0 ? "User\(index)" : "user\(index)")
            var object = userJSON(userName,
                                  displayName: index % 4 == 0 ? nil : ["Alice", "alice", "Bob", "Carol Li", "Émilie"][index % 5],
                                  externalId: index % 3 == 1 ? nil : "EXT-\(index)",
                                  title: index % 7 == 0 ? "Boss" : nil)
            switch index % 5 {
            case 0: object["active"] = true
            case 1: object["active"] = false
            case 2: object["active"] = "True"  // Entra
            case 3: object["active"] = "False"
            default: break
            }
            switch index % 6 {
            case 0:
                object["emails"] = [["value": .string("U\(index)@Example.com"), "type": "work", "primary": true]]
            case 1:
                object["emails"] = [["value": .string("u\(index)@example.org"), "type": "Home"],
                                    ["value": .string("u\(index)@example.com"), "type": "work", "primary": false]]
            case 2:
                object["emails"] = [["value": .string("u\(index)@x.net")], ["type": "other"]]
            case 3:
                object["emails"] = [["value": "", "type": "work"]]
            default: break
            }
            if index % 8 == 0 { object["name"] = ["familyName": .string(index % 16 == 0 ? "Smith" : "Jones")] }
            switch index % 7 {
            case 1: object["Title"] = "ÉCOLE boss"  // key in another case, non-ASCII value
            case 2: object["title"] = 5
            case 3: object["title"] = ["Boss", "Chief"]
            case 4: object["title"] = ""
            default: break
            }
            if index % 5 == 0 {
                let urn = index % 10 == 0 ? SCIMSchemaURN.enterpriseUser : SCIMSchemaURN.enterpriseUser.uppercased()
                object[urn] = ["employeeNumber": .string("E\(index)"), "manager": ["value": .string("m\(index % 3)")]]
            }
            if index % 9 == 2 { object[SCIMSchemaURN.percolatorUser] = ["city": "Zürich", "portalOptOut": "True"] }
            if index % 4 == 1 {
                object["phoneNumbers"] = [["value": .string("+1 555 \(index)"), "type": "work"], ["type": "home"]]
            }
            users.append(try await store.create(object, kind: .user, tenant: tenant))
            clock.advance(by: 1.5)
        }
        var groups: [StoredResource] = []
        groups.append(try await store.create(groupJSON("Staff", members: users.prefix(10).map(\.id)), kind: .group, tenant: tenant))
        groups.append(try await store.create(groupJSON("Admins", members: [users[3].id, users[20].id]), kind: .group, tenant: tenant))
        groups.append(try await store.create(groupJSON("Empty"), kind: .group, tenant: tenant))
        groups.append(try await store.create(groupJSON("Nested", members: [groups[1].id, users[5].id]), kind: .group, tenant: tenant))
        // Reload, so every resource carries its members/groups.
        let allUsers = try await store.list(ResourceQuery(count: 1000), kind: .user, tenant: tenant).resources
        let allGroups = try await store.list(ResourceQuery(count: 1000), kind: .group, tenant: tenant).resources
        return FilterDataSet(store: store, tenant: tenant, users: allUsers, groups: allGroups)
    }

    func resolve(_ text: String) -> String {
        var text = text
        for (index, user) in users.enumerated().reversed() { text = text.replacingOccurrences(of: "$U\(index)", with: user.id) }
        for (index, group) in groups.enumerated().reversed() { text = text.replacingOccurrences(of: "$G\(index)", with: group.id) }
        text = text.replacingOccurrences(of: "$CREATED10", with: users[10].created)
        return text
    }
}

@Suite("FilterSQL — SQL agrees with FilterEvaluator (RFC 7644 §3.4.2.2)")
struct FilterSQLTests {
    /// (filter, whether SQL expresses all of it).
    static let userFilters: [(String, Bool)] = [
        (#"userName eq "user1""#, true), (#"userName eq "USER13""#, true), (#"userName ne "user13""#, true),
        (#"userName co "ser1""#, true), (#"userName sw "USER""#, true), (#"userName ew "9""#, true),
        (#"userName co "%""#, true), (#"userName co "_""#, true), (#"userName co "*""#, true),
        (#"userName co "?""#, true), (#"userName co "[""#, true), (#"userName sw "a[b]""#, true),
        (#"userName eq "a%b""#, true), (#"userName sw "a%""#, true), (#"userName co "\\""#, true),
        (#"userName co "'""#, true), (#"userName co "\"""#, true), (#"userName gt "user3""#, true),
        (#"userName le "user2""#, true), (#"userName eq "émile""#, true), (#"userName co "ÅS""#, true),
        (#"userName pr"#, true), (#"userName co """#, true),
        (#"displayName eq "ALICE""#, true), (#"displayName pr"#, true), (#"not (displayName pr)"#, true),
        (#"displayName eq null"#, true), (#"displayName ne null"#, true), (#"displayName ne "alice""#, true),
        (#"displayName co "li""#, true), (#"displayName lt "b""#, true), (#"displayName sw "émi""#, true),
        (#"externalId eq "EXT-3""#, true), (#"externalId eq "ext-3""#, true), (#"externalId pr"#, true),
        (#"externalId sw "EXT-1""#, true), (#"not (externalId eq "EXT-3")"#, true), (#"externalId ne "EXT-3""#, true),
        (#"active eq true"#, true), (#"active eq false"#, true), (#"active ne true"#, true),
        (#"not (active eq true)"#, true), (#"active pr"#, true), (#"active eq "True""#, true),
        (#"emails eq "u1@example.com""#, true), (#"emails.value co "@EXAMPLE.org""#, true),
        (#"emails[type eq "work"]"#, true), (#"emails[type eq "work" and value co "example.com"]"#, true),
        (#"emails[not (type eq "work")]"#, true), (#"emails.type eq "home""#, true), (#"emails.primary eq true"#, true),
        (#"emails.value pr"#, true), (#"emails eq null"#, true), (#"emails.value ne "u1@example.com""#, true),
        (#"emails[type eq "work" or primary eq false]"#, true), (#"not (emails[type eq "home"])"#, true),
        (#"emails[value pr]"#, true), (#"emails[type pr and not (value pr)]"#, true),
        (#"meta.created gt "$CREATED10""#, true), (#"meta.created eq "$CREATED10""#, true),
        (#"meta.created ge "2027-01-15T08:00:10.5Z""#, true), (#"meta.created lt "2027-01-15T10:00:15.0001+02:00""#, true),
        (#"meta.lastModified le "2027-01-15T08:00:30Z""#, true), (#"meta.resourceType eq "User""#, true),
        (#"meta.version eq "W/\"1\"""#, true), (#"id eq "$U7""#, true), (#"id eq "$G0""#, true),
        (#"groups.value eq "$G0""#, true), (#"groups eq "$G1""#, true), (#"groups pr"#, true), (#"not (groups pr)"#, true),
        (#"groups[type eq "direct" and value eq "$G1"]"#, true), (#"groups.value ne "$G0""#, true),
        (#"(userName sw "user1" or displayName eq "bob") and not (active eq false)"#, true),
        (#"userName sw "user" and (emails[type eq "work"] or externalId pr)"#, true),
        // Read from the JSON.
        (#"title eq "Boss""#, true), (#"title eq "Boss" and userName sw "user""#, true),
        (#"name.familyName co "smith" or active eq false"#, true), (#"not (title pr)"#, true), (#"title pr"#, true),
        (#"title eq "école BOSS""#, true), (#"title co "É""#, true), (#"title ne "boss""#, true), (#"title eq null"#, true),
        (#"title gt "c""#, true), (#"name pr"#, true), (#"name.familyName eq "SMITH""#, true),
        (#"emails pr"#, true), (#"emails.display pr"#, true), (#"not (emails pr)"#, true),
        (#"phoneNumbers.value sw "+1 555 1""#, true), (#"phoneNumbers eq "+1 555 5""#, true), (#"phoneNumbers.type eq "HOME""#, true),
        (#"employeeNumber eq "e10""#, true), (#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber pr"#, true),
        (#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "M1""#, true),
        (#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager pr"#, true),
        (#"city eq "zürich""#, true), (#"portalOptOut eq true"#, true), (#"not (portalOptOut eq true)"#, true),
        (#"schemas eq "urn:ietf:params:scim:schemas:core:2.0:user""#, true),
        (#"not (title pr) and externalId pr"#, true), (#"title pr or userName eq "user1""#, true),
        // Evaluated in memory on the candidates SQL selects.
        (#"groups.display eq "staff""#, false), (#"emails[display pr]"#, false), (#"phoneNumbers[type eq "work"]"#, false),
        (#"userName sw "user2" and phoneNumbers[type eq "work"]"#, false), (#"not (groups.display pr)"#, false),
        // Injection attempts stay data.
        (#"userName eq "x' OR 1=1 --""#, true), (#"userName eq "\") OR 1=1 --""#, true),
        (#"displayName co "'; DROP TABLE scim_resources; --""#, true), (#"externalId eq "1 OR 1=1""#, true),
    ]

    static let groupFilters: [(String, Bool)] = [
        (#"displayName eq "staff""#, true), (#"displayName co "m""#, true), (#"members.value eq "$U3""#, true),
        (#"members eq "$G1""#, true), (#"members pr"#, true), (#"not (members pr)"#, true),
        (#"members[type eq "group"]"#, true), (#"members[type eq "User" and value eq "$U5"]"#, true),
        (#"members.value ne "$U3""#, true), (#"members.display co "a""#, false), (#"externalId pr"#, true),
    ]

    @Test("every filter of the table selects what the in-memory evaluator selects")
    func sqlAgreesWithEvaluator() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        try await withResourceStore(clock: clock) { store, a, b in
            let data = try await FilterDataSet.make(store, tenant: a, clock: clock)
            _ = try await FilterDataSet.make(store, tenant: b, clock: clock)  // noise in another tenant
            #expect(Self.userFilters.count + Self.groupFilters.count >= 40)
            for (kind, table, resources) in [(ResourceKind.user, Self.userFilters, data.users),
                                             (.group, Self.groupFilters, data.groups)] {
                for (text, exact) in table {
                    let filter = try FilterParser.parse(data.resolve(text))
                    let evaluator = try FilterEvaluator(filter, resourceType: kind.resourceType)
                    let expected = resources.filter { evaluator.matches($0.rendered()) }.map(\.id)
                    let page = try await store.list(ResourceQuery(filter: filter, count: 1000), kind: kind, tenant: a)
                    #expect(page.resources.map(\.id) == expected, "\(text)")
                    #expect(page.total == expected.count, "\(text)")
                    #expect(FilterSQL.translate(filter, kind: kind, tenant: a).isExact == exact, "\(text)")
                }
            }
            // Nothing was dropped by an injection attempt.
            #expect(try await store.list(ResourceQuery(), kind: .user, tenant: a).total == 50)
        }
    }

    @Test("on PostgreSQL too, every filter of the table selects what the evaluator selects, in SQL or in memory")
    func postgresAgreesWithEvaluator() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        try await withBackend(.postgres, clock: clock) { backend in
            let a = try await backend.tenant("a")
            let b = try await backend.tenant("b")
            let data = try await FilterDataSet.make(backend.resources, tenant: a, clock: clock)
            _ = try await FilterDataSet.make(backend.resources, tenant: b, clock: clock)  // noise in another tenant
            var inSQL = 0
            for (kind, table, resources) in [(ResourceKind.user, Self.userFilters, data.users),
                                             (.group, Self.groupFilters, data.groups)] {
                for (text, _) in table {
                    let filter = try FilterParser.parse(data.resolve(text))
                    let evaluator = try FilterEvaluator(filter, resourceType: kind.resourceType)
                    let expected = resources.filter { evaluator.matches($0.rendered()) }.map(\.id)
                    let page = try await backend.resources.list(ResourceQuery(filter: filter, count: 1000), kind: kind, tenant: a)
                    #expect(page.resources.map(\.id) == expected, "\(text)")
                    #expect(page.total == expected.count, "\(text)")
                    if PostgresResourceStore.indexedBound(filter, kind: kind, firstParameter: 2, readsJSON: true)?.isExact == true {
                        inSQL += 1
                    }
                }
            }
            print("PostgreSQL filters answered in SQL: \(inSQL) of \(Self.userFilters.count + Self.groupFilters.count)")
            #expect(inSQL * 2 > Self.userFilters.count + Self.groupFilters.count, "most of the table is answered in SQL")
        }
    }

    @Test("on PostgreSQL, filters SQL expresses page past maxCandidates; a JSON read needs an indexed bound")
    func postgresScanBound() async throws {
        var configuration = SQLiteResourceStore.Configuration()
        configuration.maxCandidates = 5
        try await withBackend(.postgres) { backend in
            let postgres = try #require(backend.store as? PostgresStore)
            let store = PostgresResourceStore(store: postgres, configuration: configuration)
            let a = try await backend.tenant("a")
            for index in 0..<8 {
                var user = userJSON("u\(index)", externalId: index.isMultiple(of: 2) ? "E\(index)" : nil)
                user["title"] = .string(index < 7 ? "Engineer" : "Boss")
                _ = try await store.create(user, kind: .user, tenant: a)
            }
            func total(_ text: String) async throws -> Int {
                try await store.list(ResourceQuery(filter: try FilterParser.parse(text), count: 3), kind: .user, tenant: a).total
            }
            // Before, these were evaluated in memory and refused above maxCandidates.
            #expect(try await total(#"userName gt "u2""#) == 5)
            #expect(try await total(#"not (externalId eq "E2")"#) == 7, "missing values count as not equal")
            #expect(try await total(#"externalId ne "E4""#) == 7)
            // Reading the JSON of every row is refused, as on SQLite…
            await #expect(throws: ResourceStoreError.tooMany(limit: 5)) { try await total(#"title eq "engineer""#) }
            // …unless an indexed part bounds the rows it reads.
            #expect(try await total(#"title eq "ENGINEER" and userName sw "u1""#) == 1)
            #expect(try await total(#"title co "boss" and userName gt "u4""#) == 1)
        }
    }

    @Test("filter values only travel as bindings")
    func valuesAreBound() throws {
        let filter = try FilterParser.parse(#"userName eq "x' OR 1=1 --" or emails[value co "'; DROP"]"#)
        let translation = FilterSQL.translate(filter, kind: .user, tenant: TenantID(rawValue: "t"))
        #expect(!translation.condition.sql.contains("OR 1=1") && !translation.condition.sql.contains("DROP"))
        #expect(translation.condition.bindings.contains(.text("x' or 1=1 --")))
        #expect(translation.condition.bindings.contains(.text("t")))
    }


    @Test("an untranslatable part over more than maxCandidates resources is tooMany")
    func tooMany() async throws {
        var configuration = SQLiteResourceStore.Configuration()
        configuration.maxCandidates = 5
        try await withResourceStore(configuration: configuration) { store, a, _ in
            for index in 0..<6 {
                var user = userJSON("u\(index)")
                user["phoneNumbers"] = [["value": "1", "type": "work"]]
                _ = try await store.create(user, kind: .user, tenant: a)
            }
            let phones = try FilterParser.parse(#"phoneNumbers[type eq "work"]"#)
            await #expect(throws: ResourceStoreError.tooMany(limit: 5)) {
                try await store.list(ResourceQuery(filter: phones), kind: .user, tenant: a)
            }
            // The indexed part narrows the candidates below the limit.
            let narrowed = try FilterParser.parse(#"phoneNumbers[type eq "work"] and userName sw "u1""#)
            #expect(try await store.list(ResourceQuery(filter: narrowed), kind: .user, tenant: a).total == 1)
            // Attributes read from the JSON in SQL are bounded the same way.
            let json = try FilterParser.parse(#"phoneNumbers.type eq "work""#)
            #expect(FilterSQL.translate(json, kind: .user, tenant: a).scanBound == SQLFragment("1"))
            await #expect(throws: ResourceStoreError.tooMany(limit: 5)) {
                try await store.list(ResourceQuery(filter: json), kind: .user, tenant: a)
            }
            let jsonNarrowed = try FilterParser.parse(#"phoneNumbers.type eq "work" and userName sw "u1""#)
            #expect(try await store.list(ResourceQuery(filter: jsonNarrowed), kind: .user, tenant: a).total == 1)
        }
    }

    @Test("userName eq, externalId eq and emails eq use indexes, not a scan")
    func indexUse() async throws {
        try await withResourceStore { store, a, _ in
            for text in [#"userName eq "x""#, #"externalId eq "x""#, #"emails.value eq "x""#, #"groups.value eq "x""#,
                         #"members.value eq "x""#] {
                let kind: ResourceKind = text.hasPrefix("members") ? .group : .user
                let translation = FilterSQL.translate(try FilterParser.parse(text), kind: kind, tenant: a)
                let plan = try await store.database.read { db in
                    try db.query("EXPLAIN QUERY PLAN SELECT r.id FROM scim_resources r WHERE r.tenant_id = ? AND r.resource_type = \(kind.sqlLiteral) AND \(translation.condition.sql)",
                                 bindings: [.text(a.rawValue)] + translation.condition.bindings) { $0.string(3) }
                }
                #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(text): \(plan)")
            }
        }
    }
}

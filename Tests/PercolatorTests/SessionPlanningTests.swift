import Foundation
import SCIM
import Synchronization
import Testing
import TestSupport
@testable import Percolator

/// Sessions are planned when a program is activated, not a tick later, and every
/// scheduler action is logged (issue 16, defect 5).
@Suite("Session planning on activation, and the scheduler's log")
struct SessionPlanningTests {
    @Test("activating a program creates its next session in the same request (the server's tick waits an hour)",
          arguments: ["once", "recurring"])
    func plannedOnActivation(kind: String) async throws {
        try await LiveServer.with({ $0.schedulerInterval = .seconds(3_600) }) { live in
            let admin = try live.client(token: live.adminToken)
            let schedule: JSONValue = kind == "once"
                ? ["type": "once", "at": .string(ProgramSessionTests.iso(Date().addingTimeInterval(86_400)))]
                : ["type": "recurring", "everyWeeks": 1, "weekday": 3, "time": "10:00", "timezone": "Europe/Paris",
                   "optInWindowHours": 24]
            let created = try await admin.post("/api/v1/programs", ["name": "Now", "schedule": schedule])
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(created[attribute: "id"]?.stringValue)
            #expect(try await admin.get("/api/v1/programs/\(id)/sessions").json?[attribute: "items"] == [],
                    "a draft has no session")
            #expect(try await admin.post("/api/v1/programs/\(id)/activate", [:]).status == 200)
            let sessions = try await admin.get("/api/v1/programs/\(id)/sessions").json?[attribute: "items"]?.arrayValue ?? []
            #expect(sessions.count == 1, "\(sessions)")
            #expect(sessions.first?[attribute: "state"] == "scheduled" || sessions.first?[attribute: "state"] == "open")
            // The scheduler's next tick finds nothing more to create.
            let tick = try await live.server.scheduler.tick(at: Date())
            #expect(!tick.contains { $0.hasPrefix("created") }, "\(tick)")
        }
    }

    @Test("each scheduler action is one JSON line naming the trigger, tenant, action and session")
    func logged() async throws {
        let lines = Mutex<[String]>([])
        let log = SchedulerLog { line in lines.withLock { $0.append(line) } }
        #expect(SchedulerLog.line(tenant: "t1", action: "matched", session: "s1", detail: "3 groups", trigger: "tick",
                                  time: "2026-12-04T05:00:00.000Z")
                == #"{"time":"2026-12-04T05:00:00.000Z","level":"info","event":"scheduler","trigger":"tick","tenant":"t1","action":"matched","session":"s1","detail":"3 groups"}"# + "\n")
        try await LiveServer.with({ $0.schedulerInterval = .seconds(3_600) }) { live in
            let scim = try live.client()
            let admin = try live.client(token: live.adminToken)
            _ = try await ProgramSessionTests.provision(scim, 4, prefix: "log")
            let matchAt = Date().addingTimeInterval(86_400)
            let created = try await admin.post("/api/v1/programs", [
                "name": "Logged", "schedule": ["type": "once", "at": .string(ProgramSessionTests.iso(matchAt))],
            ])
            let id = try #require(created[attribute: "id"]?.stringValue)
            #expect(try await admin.post("/api/v1/programs/\(id)/activate", [:]).status == 200)
            var scheduler = live.server.scheduler
            scheduler.log = log
            let done = try await scheduler.tick(at: matchAt.addingTimeInterval(1))
            #expect(done.contains { $0.hasPrefix("matched") }, "\(done)")
            let written = lines.withLock { $0 }
            #expect(written.count == done.count, "\(written)")
            #expect(written.contains { $0.contains(#""action":"opened""#) && $0.contains(#""trigger":"tick""#) }, "\(written)")
            #expect(written.contains { $0.contains(#""action":"matched""#) && $0.contains(#""detail":"2 groups""#) }, "\(written)")
        }
    }
}

import Dispatch
import Synchronization
import Testing
import TestSupport
@testable import HTTP

/// A task executor on one serial queue that counts the jobs enqueued from off that queue
/// (each would wake a thread), and holds the first such enqueue until the test opens it.
private final class CountingExecutor: TaskExecutor, @unchecked Sendable {
    let queue = DispatchQueue(label: "counting-executor")
    private let key = DispatchSpecificKey<Bool>()
    let offQueueEnqueues = Atomic<Int>(0)
    let gate = DispatchSemaphore(value: 0)

    init() { queue.setSpecific(key: key, value: true) }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        if DispatchQueue.getSpecific(key: key) == nil {
            if offQueueEnqueues.add(1, ordering: .sequentiallyConsistent).newValue == 1 { gate.wait() }
        }
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}

@Suite("Event loop — starting async handlers")
struct EventLoopTaskStartTests {
    @Test("the requests one turn of the loop dispatches start from one job on the task executor, not one each")
    func oneWakeUpPerTurn() async throws {
        let executor = CountingExecutor()
        var configuration = TestServer.configuration { $0.eventLoopCount = 1 }
        configuration.readTimeout = .seconds(60)
        let server = HTTPServer(configuration: configuration, router: TestServer.router(), taskExecutor: executor)
        let port = try server.start()
        defer { executor.gate.signal() }
        let clients = try (0..<8).map { _ in try RawClient(port: port) }
        while server.openConnections < clients.count { try await Task.sleep(for: .milliseconds(5)) }
        // The first request's start holds the loop in the executor's enqueue…
        try clients[0].send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n0")
        while executor.offQueueEnqueues.load(ordering: .sequentiallyConsistent) == 0 {
            try await Task.sleep(for: .milliseconds(5))
        }
        // …while the seven others arrive: the next turn of the loop reads them all.
        for (index, client) in clients.enumerated().dropFirst() {
            try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n\(index)")
        }
        try await Task.sleep(for: .milliseconds(100))
        executor.gate.signal()
        for (index, client) in clients.enumerated() {
            let response = try await client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "\(index)")
        }
        // One job for the first request, one for the seven of the next turn (were 8).
        #expect(executor.offQueueEnqueues.load(ordering: .sequentiallyConsistent) == 2)
        await server.shutdown()
    }
}

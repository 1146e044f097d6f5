import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import LedgerServer
import LedgerModel
import LedgerStore
import LedgerTestSupport
import NIOCore
import Synchronization
import Testing

/// A counter shared by concurrent tasks.
final class Counter: Sendable {
    let value = Atomic<Int>(0)
}

/// Expensive requests run on their own few threads; health and `verify` do not wait behind them.
@Suite struct HeavyWorkTests {
    @Test func healthAnswersWhileKnownAtReplaysAreInFlight() async throws {
        let fixture = try ServerTests.Fixture()
        for index in 0..<40 {
            _ = try fixture.ledger.recordMeasure(try MeasureFields.validate(
                ["state": "FRA", "obligation": "art8.record-keeping", "status": "partial", "effective_date": "1990-01-01",
                 "title": "EXAMPLE \(index)", "kind": "legislation"],
                catalogue: fixture.ledger.catalogue, states: fixture.ledger.states), actor: "t")
        }
        let heavyCount = 3 * HeavyWork.limit
        let finished = Counter()
        let healthWhileHeavy = Counter()
        try await fixture.app.test(.router) { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for day in 1...heavyCount {
                    group.addTask {
                        // Every one a different request, so none comes from the cache: a replay of the events each.
                        let uri = "/api/reports/summary?format=html&as_of=2000-01-\(String(format: "%02d", day))&known_at=2099-01-01"
                        try await client.execute(uri: uri, method: .get) { #expect($0.status == .ok, "\(uri)") }
                        finished.value.add(1, ordering: .relaxed)
                    }
                }
                group.addTask {
                    for _ in 0..<20 {
                        try await client.execute(uri: "/api/health", method: .get) { #expect($0.status == .ok) }
                        if finished.value.load(ordering: .relaxed) < heavyCount { healthWhileHeavy.value.add(1, ordering: .relaxed) }
                    }
                }
                try await group.waitForAll()
            }
        }
        #expect(finished.value.load(ordering: .relaxed) == heavyCount)
        #expect(healthWhileHeavy.value.load(ordering: .relaxed) > 0, "health answered while heavy requests were outstanding")
    }

    /// A render runs on the heavy-work threads (NIO's thread pool, named `TP-#N`), never on Swift's
    /// own threads, where health and the cache answer: blocked renders there would starve them.
    @Test func rendersRunOnTheHeavyWorkThreadsNotSwiftsOwn() async throws {
        let heavy = HeavyWork()
        let names = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<(2 * HeavyWork.limit) { group.addTask { try await heavy.run { Thread.current.name ?? "" } } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(names.count == 2 * HeavyWork.limit)
        for name in names { #expect(name.hasPrefix("TP-#"), "a render ran on thread '\(name)'") }
    }

    @Test func tooManyWaitingRendersAreTurnedAwayWith503() async throws {
        let heavy = HeavyWork(maxWaiting: 0)
        let gate = Counter()
        let running = (0..<HeavyWork.limit).map { _ in
            Task { try await heavy.run { while gate.value.load(ordering: .relaxed) == 0 { usleep(1000) } } }
        }
        while heavy.inFlight < HeavyWork.limit { try await Task.sleep(for: .milliseconds(5)) }
        let refused = await #expect(throws: APIError.self) { try await heavy.run { 1 } }
        #expect(refused?.status == .serviceUnavailable)
        #expect(refused?.retryAfter == 1)
        gate.value.store(1, ordering: .relaxed)
        for task in running { try await task.value }
        #expect(try await heavy.run { 2 } == 2)
    }

    @Test func verifyWithoutATokenAnswersFromTheLastRunAndWithATokenRunsAgain() async throws {
        let fixture = try ServerTests.Fixture()
        try await fixture.app.test(.router) { client in
            func verify(_ token: String?) async throws -> [String: Any] {
                try await client.execute(uri: "/api/verify", method: .get, headers: token.map { [.authorization: "Bearer " + $0] } ?? [:]) { response in
                    #expect(response.status == .ok, "\(String(buffer: response.body))")
                    return try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as! [String: Any]
                }
            }
            let first = try await verify(nil)
            #expect(first["sound"] as? Bool == true)
            #expect(first["checked_at"] is String)
            _ = try fixture.ledger.recordMeasure(try MeasureFields.validate(
                ["state": "FRA", "obligation": "art8.record-keeping", "status": "partial", "effective_date": "1990-01-01", "title": "EXAMPLE", "kind": "legislation"],
                catalogue: fixture.ledger.catalogue, states: fixture.ledger.states), actor: "t")
            let anonymous = try await verify(nil)
            #expect(anonymous["events_checked"] as? Int == first["events_checked"] as? Int, "answered from the last run")
            let fresh = try await verify(fixture.tokens["reviewer"])
            #expect(fresh["events_checked"] as? Int == (first["events_checked"] as! Int) + 1)
            try await client.execute(uri: "/api/verify", method: .get, headers: [.authorization: "Bearer cpl_wrong"]) {
                #expect($0.status == .unauthorized)
            }
        }
    }
}

extension HeavyWorkTests {
    /// Found by the load test: an as-of date before a treaty's first recorded action trapped the
    /// whole server (a range from the first year up to an earlier one).
    @Test func anAsOfDateBeforeEveryTreatyActionIsAnAnswerNotACrash() async throws {
        let temp = try TemporaryLedger(statusData: true)
        let ledger = temp.ledger
        try await Application(router: LedgerServer.buildRouter(ledger: ledger)).test(.router) { client in
            for uri in ["/?as_of=1950-01-01", "/api/reports/treaties?as_of=1950-01-01", "/treaties/VI-19?as_of=1950-01-01"] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .ok, "\(uri)") }
            }
        }
    }
}

import PantauAudit
import Testing

@Suite("Ctrl-C: first stops, second quits")
struct InterruptPolicyTests {
    @Test func oneSignalAtATime() {
        var policy = InterruptPolicy()
        #expect(policy.record(1) == .stop)
        #expect(policy.record(1) == .quit)
        #expect(policy.record(1) == .none)
    }

    @Test func twoSignalsCoalescedIntoOneHandlerRunQuit() {
        var policy = InterruptPolicy()
        #expect(policy.record(2) == .quit)
        #expect(policy.record(1) == .none)
    }

    @Test func aHandlerRunWithoutACountStillCountsOne() {
        var policy = InterruptPolicy()
        #expect(policy.record(0) == .stop)
        #expect(policy.record(0) == .quit)
    }
}

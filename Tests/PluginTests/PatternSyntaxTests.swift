import Foundation
import Testing
@testable import PantauPattern

/// A pattern ICU refuses is reported with its mistake named (Foundation on Linux gives no reason).
@Suite struct PatternSyntaxTests {
    @Test(arguments: [
        ("^(ppid$", "'(' at position 2 is never closed"),
        ("ppid)", "')' at position 5 closes nothing"),
        ("[a-z", "'[' at position 1 is never closed"),
        ("*gacor", "'*' at position 1 has nothing to repeat"),
        ("slot|+88", "'+' at position 6 has nothing to repeat"),
        ("akhir\\", "the pattern ends with a lone backslash"),
    ])
    func mistakesAreNamed(pattern: String, problem: String) throws {
        #expect(throws: (any Error).self) { try NSRegularExpression(pattern: pattern) }
        let found = try #require(PatternSyntax.problem(in: pattern))
        #expect(found.hasPrefix(problem), "\(found)")
    }

    @Test(arguments: [
        #"^(layanan\s+|portal\s+)?ppid(\s+pembantu)?$"#, #"(?:a|b)+?c"#, #"[(\]]x"#, #"\(ppid\)"#, #"a*+b"#,
    ])
    func validPatternsHaveNoProblem(pattern: String) throws {
        _ = try NSRegularExpression(pattern: pattern)
        #expect(PatternSyntax.problem(in: pattern) == nil)
    }
}

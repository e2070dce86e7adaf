import Foundation
@testable import pantau
import Testing

/// `pantau rules lint` tells "there is nothing to lint" (invalid input, 65, as `rules test` and
/// `rules list` say it) apart from "the rules have problems" (2).
@Suite struct RulesLintExitTests {
    /// A fresh directory under the system temp directory; `body` gets its path, and it is removed after.
    private func withTempDirectory(_ body: (String) throws -> Void) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try body(path)
    }

    /// `ruleFiles(in:)` must refuse `directory` as invalid input, naming it and saying `why`.
    private func expectInvalidInput(_ directory: String, because why: String) {
        let error = #expect(throws: CLIError.self) { try RulesCommand.Lint.ruleFiles(in: directory) }
        #expect(error?.exitCode.rawValue == 65)
        #expect(error?.description == "nothing to lint in \(directory): \(why)")
    }

    @Test func missingDirectoryIsInvalidInput() throws {
        try withTempDirectory { parent in expectInvalidInput(parent + "/no-such-rules", because: "the rule directory does not exist") }
    }

    @Test func fileInPlaceOfTheDirectoryIsInvalidInput() throws {
        // (An unlistable directory takes the same path; a permission test could not fail as root,
        // who lists any directory.)
        try withTempDirectory { parent in
            let file = parent + "/rules.yaml"
            try "rules: []\n".write(toFile: file, atomically: true, encoding: .utf8)
            expectInvalidInput(file, because: "not a directory: give the directory that holds the rule files")
        }
    }

    @Test func directoryWithoutRuleFilesIsInvalidInput() throws {
        try withTempDirectory { expectInvalidInput($0, because: "no rule files (*.yaml, *.yml) in this directory") }
    }

    @Test func ruleFilesAreListedForLinting() throws {
        // Listed whatever they hold: their problems are lint's findings (exit 2), not an input error.
        try withTempDirectory { directory in
            try "not: [valid".write(toFile: directory + "/b.yaml", atomically: true, encoding: .utf8)
            try "pack: x\n".write(toFile: directory + "/a.yml", atomically: true, encoding: .utf8)
            try "notes".write(toFile: directory + "/README.md", atomically: true, encoding: .utf8)
            #expect(try RulesCommand.Lint.ruleFiles(in: directory) == [directory + "/a.yml", directory + "/b.yaml"])
        }
    }
}

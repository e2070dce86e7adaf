import Foundation
import PantauCore
import PantauReport
import Testing

@Suite struct ReportWriterTests {
    private func scratch() -> String {
        NSTemporaryDirectory() + "pantau-report-test-" + UUID().uuidString
    }

    @Test func writesTheFourFilesAtomically() throws {
        let root = scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dir = root + "/nested/out"
        let report = Fixture.report()
        let paths = try ReportWriter.write(report, to: dir, options: ReportOptions())
        #expect(paths == ReportWriter.fileNames.map { dir + "/" + $0 })
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ReportWriter.fileNames.sorted())
        #expect(FileManager.default.contents(atPath: paths[0]) == (try ReportWriter.json(report)))
        #expect(FileManager.default.contents(atPath: paths[1]) == Data(ReportWriter.html(report, options: ReportOptions()).utf8))
        #expect(FileManager.default.contents(atPath: paths[2]) == Data(ReportWriter.scorecardsCSV(report).utf8))
        #expect(FileManager.default.contents(atPath: paths[3]) == Data(ReportWriter.findingsCSV(report).utf8))

        // A second run replaces the files and leaves no temporary names behind.
        var second = report
        second.tool = "pantau 0.2.0"
        try ReportWriter.write(second, to: dir, options: ReportOptions(language: .en))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ReportWriter.fileNames.sorted())
        let json = try JSONDecoder().decode(AuditReport.self, from: try #require(FileManager.default.contents(atPath: paths[0])))
        #expect(json.tool == "pantau 0.2.0")
    }

    @Test func failsWhenTheDirectoryIsAFile() throws {
        let file = scratch()
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        #expect(throws: ReportWriteError.self) {
            try ReportWriter.write(Fixture.report(), to: file, options: ReportOptions())
        }
        #expect(FileManager.default.contents(atPath: file) == Data("x".utf8))
    }

    @Test func prepareCreatesTheDirectoryAndLeavesNothingBehind() throws {
        let root = scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dir = root + "/laporan dengan spasi/2026"
        try ReportWriter.prepare(directory: dir)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        try ReportWriter.prepare(directory: dir)  // an existing writable directory is fine
    }

    @Test func prepareNamesTheProblemWhenTheOutputCannotBeADirectory() throws {
        let file = scratch()
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        #expect(throws: ReportWriteError.cannotCreateDirectory(path: file, reason: "a file with that name exists; choose another --out")) {
            try ReportWriter.prepare(directory: file)
        }
        #expect(throws: ReportWriteError.cannotCreateDirectory(path: file + "/out", reason: "Not a directory")) {
            try ReportWriter.prepare(directory: file + "/out")
        }
        #expect(FileManager.default.contents(atPath: file) == Data("x".utf8))
    }

    @Test(.enabled(if: geteuid() != 0, "root may write into a read-only directory"))
    func prepareRefusesAReadOnlyDirectory() throws {
        let dir = scratch()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { chmod(dir, 0o755); try? FileManager.default.removeItem(atPath: dir) }
        chmod(dir, 0o555)
        #expect(throws: ReportWriteError.cannotWrite(path: dir, reason: "Permission denied")) {
            try ReportWriter.prepare(directory: dir)
        }
    }
}

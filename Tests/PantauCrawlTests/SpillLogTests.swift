import Testing
import PantauCore

@Suite("SpillLog: bytes in memory up to a budget, then in a temporary file")
struct SpillLogTests {
    /// Appends records of many sizes, then reads each back and scans the whole log: the same
    /// bytes whether they sit in memory, in the file, in the write buffer or across those.
    @Test(arguments: [SpillLog.defaultMemoryBudget, 10_000, 0])
    func everyRecordReadsBackExactly(memoryBudget: Int) {
        let log = SpillLog(memoryBudget: memoryBudget)
        var records: [(offset: Int, bytes: [UInt8])] = []
        var all: [UInt8] = []
        let sizes = [0, 1, 7, 8, 100, 4_000, 70_000]
        for index in 0..<2_000 {
            // Mostly small records, every 7th one of any size (a 70,000-byte one every 49th).
            let size = sizes[index % 7 == 0 ? (index / 7) % 7 : index % 5]
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: index &* 131 &+ $0 &* 7) }
            let offset = bytes.withUnsafeBytes { log.append($0) }
            #expect(offset == all.count, "an append returns where its bytes start")
            records.append((offset, bytes))
            all += bytes
        }
        #expect(log.count == all.count)
        #expect(log.hasSpilled == (memoryBudget < all.count))
        for record in records {
            let back = log.withBytes(at: record.offset, count: record.bytes.count) { Array($0) }
            #expect(back == record.bytes)
        }
        var scanned: [UInt8] = []
        log.scan(alignment: 8) { piece in
            #expect(piece.count % 8 == 0 || scanned.count + piece.count == all.count, "pieces are cut at 8 bytes")
            scanned += piece
        }
        #expect(scanned == all)
    }

    /// A temporary file that cannot be made (no such directory) keeps the bytes in memory:
    /// nothing is lost, only the saving.
    @Test func aFileThatCannotBeMadeKeepsTheBytesInMemory() {
        let log = SpillLog(memoryBudget: 16, directory: "/nonexistent-pantau-test-directory")
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        _ = bytes.withUnsafeBytes { log.append($0) }
        _ = bytes.withUnsafeBytes { log.append($0) }
        #expect(!log.hasSpilled)
        #expect(log.withBytes(at: 150_000, count: 100_000) { Array($0) } == Array(bytes[150_000...] + bytes[..<50_000]))
    }

    /// Several tasks appending to one log (copies of a table share it) get disjoint offsets.
    @Test func concurrentAppendsGetTheirOwnBytes() async {
        let log = SpillLog(memoryBudget: 1_000)
        let results = await withTaskGroup(of: [(Int, UInt8)].self) { group in
            for task in 0..<4 {
                group.addTask {
                    (0..<500).map { index in
                        let value = UInt8(task * 50 + index % 50)
                        let offset = [UInt8](repeating: value, count: 300).withUnsafeBytes { log.append($0) }
                        return (offset, value)
                    }
                }
            }
            var all: [(Int, UInt8)] = []
            for await part in group { all += part }
            return all
        }
        #expect(log.count == 4 * 500 * 300)
        for (offset, value) in results {
            #expect(log.withBytes(at: offset, count: 300) { $0.allSatisfy { $0 == value } })
        }
    }
}

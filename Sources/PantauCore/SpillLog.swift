#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// An append-only byte log that keeps its first bytes in memory and the rest in a temporary
/// file, so that a crawl's per-URL records (URL bytes, referring pages) cost disk, not memory,
/// past a fixed budget.
///
/// A 50,000-page site meets ~76,000 distinct URLs (6.6 MB of bytes) and ~1 million referrer
/// sightings of links not yet decided; held in memory they made the audit's peak RSS grow from
/// 54 MB at 5,000 pages to 83 MB at 50,000 (issue 3 asks for flat memory). Crawlers that must
/// scale keep such sets on disk (Heritrix's BerkeleyDB-backed frontier and URL set; Mercator,
/// Heydon & Najork 1999, §3.5). Here the access patterns are simple (append; read a record back
/// by offset; scan everything once at the end), so the log is a plain file read with `pread`,
/// whose pages the kernel caches outside the process.
///
/// - The first `memoryBudget` bytes stay in memory: a small site never touches the disk.
/// - Later bytes gather in a 64 KiB buffer that is written out when full.
/// - The file is created in `$TMPDIR` (else `/tmp`) and unlinked at once: nothing is left behind,
///   even after a crash. If it cannot be created or written (read-only or full disk), the bytes
///   stay in memory: the run keeps its results and only loses the saving. On a tmpfs `/tmp` the
///   file's pages are RAM outside the process: `TMPDIR` should then name a disk directory.
///
/// Safe to share between tasks and between copies of the structures that use it: appends and
/// reads take a lock, and bytes once appended never change.
public final class SpillLog: Sendable {
    /// Bytes kept in memory before spilling, per log (256 KiB: the URLs of a ~3,000-URL site).
    /// Reading a spilled record back costs one `pread` from the page cache (~1 µs), and a crawl
    /// reads each URL back about once (when it is fetched or checked).
    public static let defaultMemoryBudget = 256 << 10
    /// Size of the write buffer for spilled bytes.
    static let bufferSize = 64 << 10

    private struct State: ~Copyable {
        /// Bytes `0 ..< head.count`.
        var head: [UInt8] = []
        /// Bytes `head.count ..< head.count + fileSize`, in the file.
        var fileSize = 0
        /// Bytes after the file's, not written yet (or kept for good when the file failed).
        var pending: [UInt8] = []
        /// The open temporary file; -1 before it is needed, -2 once it failed.
        var descriptor: Int32 = -1

        var count: Int { head.count + fileSize + pending.count }
    }

    private let memoryBudget: Int
    private let directory: String?
    private let state: Mutex<State>

    /// - Parameters:
    ///   - memoryBudget: bytes kept in memory before later ones go to the file (0 spills
    ///     everything past the write buffer).
    ///   - directory: where the temporary file goes; nil for `$TMPDIR`, else `/tmp`.
    public init(memoryBudget: Int = SpillLog.defaultMemoryBudget, directory: String? = nil) {
        self.memoryBudget = max(0, memoryBudget)
        self.directory = directory
        state = Mutex(State())
    }

    deinit {
        state.withLock { state in
            if state.descriptor >= 0 { close(state.descriptor) }
        }
    }

    /// Number of bytes appended so far.
    public var count: Int { state.withLock { $0.count } }

    /// True when some bytes live in the file (for tests and measurements).
    public var hasSpilled: Bool { state.withLock { $0.fileSize > 0 } }

    /// Appends `bytes`; returns the offset of their first byte.
    @discardableResult
    public func append(_ bytes: UnsafeRawBufferPointer) -> Int {
        state.withLock { state in
            let offset = state.count
            var rest = bytes[...]
            if state.fileSize == 0, state.pending.isEmpty, state.head.count < memoryBudget {
                let room = min(memoryBudget - state.head.count, rest.count)
                // Grown by doubling up to the budget, never past it (a doubled 1 MiB head held 2).
                let needed = state.head.count + room
                if needed > state.head.capacity {
                    state.head.reserveCapacity(min(memoryBudget, max(needed, 2 * state.head.capacity, 4096)))
                }
                state.head.append(contentsOf: rest.prefix(room))
                rest = rest.dropFirst(room)
            }
            guard !rest.isEmpty else { return offset }
            if state.pending.capacity < Self.bufferSize { state.pending.reserveCapacity(Self.bufferSize) }
            state.pending.append(contentsOf: rest)
            if state.pending.count >= Self.bufferSize { flush(&state) }
            return offset
        }
    }

    /// Copies bytes `offset ..< offset + destination.count` (all appended earlier) into `destination`.
    public func read(at offset: Int, into destination: UnsafeMutableRawBufferPointer) {
        guard destination.count > 0 else { return }
        state.withLock { state in
            precondition(offset >= 0 && offset + destination.count <= state.count, "SpillLog: read past the end")
            var offset = offset
            var written = 0
            // Three regions in order: head (memory), file, pending (memory).
            if offset < state.head.count {
                let n = min(state.head.count - offset, destination.count)
                state.head.withUnsafeBytes { head in
                    destination.baseAddress!.copyMemory(from: head.baseAddress! + offset, byteCount: n)
                }
                written += n
                offset += n
            }
            let fileEnd = state.head.count + state.fileSize
            if written < destination.count, offset < fileEnd {
                let n = min(fileEnd - offset, destination.count - written)
                Self.readFile(state.descriptor, at: offset - state.head.count,
                              into: UnsafeMutableRawBufferPointer(rebasing: destination[written..<(written + n)]))
                written += n
                offset += n
            }
            if written < destination.count {
                let n = destination.count - written
                state.pending.withUnsafeBytes { pending in
                    (destination.baseAddress! + written).copyMemory(from: pending.baseAddress! + (offset - fileEnd), byteCount: n)
                }
            }
        }
    }

    /// Calls `body` with bytes `offset ..< offset + count` (read into a temporary buffer).
    public func withBytes<R>(at offset: Int, count: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard count > 0 else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buffer in
            read(at: offset, into: UnsafeMutableRawBufferPointer(buffer))
            return body(UnsafeBufferPointer(buffer))
        }
    }

    /// Calls `body` with consecutive pieces of bytes `0 ..< count` (as of the call), in order,
    /// each at most 64 KiB and cut at a multiple of `alignment` bytes (so fixed-size records
    /// are never split); a piece's offset is the sum of the earlier pieces' sizes.
    public func scan(alignment: Int = 1, _ body: (UnsafeRawBufferPointer) -> Void) {
        let end = count
        let piece = max(alignment, Self.bufferSize / alignment * alignment)
        withUnsafeTemporaryAllocation(byteCount: piece, alignment: 8) { buffer in
            var offset = 0
            while offset < end {
                let n = min(piece, end - offset)
                let slice = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<n])
                read(at: offset, into: slice)
                body(UnsafeRawBufferPointer(slice))
                offset += n
            }
        }
    }

    // MARK: - The file

    /// Writes the pending bytes to the file, opening it first if needed; on any failure the
    /// bytes stay pending (in memory) for the rest of the log's life.
    private func flush(_ state: inout State) {
        if state.descriptor == -1 { state.descriptor = Self.openTemporaryFile(in: directory) }
        guard state.descriptor >= 0 else { return }
        let ok = state.pending.withUnsafeBytes { bytes in
            var done = 0
            while done < bytes.count {
                let n = pwrite(state.descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(state.fileSize + done))
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
        guard ok else {
            // Keep what the file got out of the way: the pending bytes stay in memory from now on.
            close(state.descriptor)
            state.descriptor = -2
            return
        }
        state.fileSize += state.pending.count
        state.pending.removeAll(keepingCapacity: true)
    }

    private static func readFile(_ descriptor: Int32, at offset: Int, into destination: UnsafeMutableRawBufferPointer) {
        var done = 0
        while done < destination.count {
            let n = pread(descriptor, destination.baseAddress! + done, destination.count - done, off_t(offset + done))
            if n < 0, errno == EINTR { continue }
            // The bytes were written by this process to a file only it can name: failing to read
            // them back is an I/O error of the machine, with no correct answer to give.
            precondition(n > 0, "SpillLog: reading the temporary file failed (errno \(errno))")
            done += n
        }
    }

    /// An unlinked file in `directory` (nil: `$TMPDIR`, else `/tmp`), or -2 when none can be made.
    private static func openTemporaryFile(in directory: String?) -> Int32 {
        let directory = directory
            ?? getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((directory + "/pantau-spill-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return -2 }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return descriptor
    }
}

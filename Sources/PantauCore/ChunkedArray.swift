/// An array that grows in fixed chunks of 32,768 elements, for the per-URL tables a crawl keeps
/// for its whole run (fingerprints, where each URL's bytes are, each page's anchor names).
///
/// A Swift `Array` grows by doubling: a table of 76,000 entries (the 50,000-page benchmark site)
/// has room for 131,072, and while it grows it holds the old buffer and the new one. These tables
/// are what makes a crawl's memory grow with the site, so here the spare room is at most one
/// chunk and growing never copies a full chunk.
///
/// The first chunk grows like an `Array` (a small site's table stays small); later chunks are
/// allocated whole. A chunk of 8-byte elements is 256 KiB, at glibc's mmap threshold as the
/// executable sets it (`MallocTuning`), so chunks are mapped on their own: smaller run-long
/// blocks (4,096-element chunks were tried) land between short-lived page buffers in the heap
/// arenas and left peak RSS ~1-2 MB higher at 50,000 pages.
///
/// Value semantics like `Array`: a copy shares the chunks until either side writes to one.
public struct ChunkedArray<Element: Sendable>: Sendable, RandomAccessCollection {
    static var chunkShift: Int { 15 }
    static var chunkSize: Int { 1 << chunkShift }

    private var chunks: [[Element]] = []
    /// Number of elements.
    public private(set) var count = 0

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count, "ChunkedArray: index \(index) out of range 0..<\(count)")
            return chunks[index >> Self.chunkShift][index & (Self.chunkSize - 1)]
        }
        set {
            precondition(index >= 0 && index < count, "ChunkedArray: index \(index) out of range 0..<\(count)")
            chunks[index >> Self.chunkShift][index & (Self.chunkSize - 1)] = newValue
        }
    }

    /// Adds `element` at the end.
    public mutating func append(_ element: Element) {
        if count & (Self.chunkSize - 1) == 0 {
            var chunk: [Element] = []
            if count > 0 { chunk.reserveCapacity(Self.chunkSize) }
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    /// Adds `element` until there are `count` elements (nothing when there are already as many).
    public mutating func extend(to count: Int, with element: Element) {
        while self.count < count { append(element) }
    }

    /// Frees the chunks that hold only elements below `index`, which must not be read again
    /// (a queue's consumed head); the indices of the others do not change.
    public mutating func releaseChunks(below index: Int) {
        let end = Swift.min(index >> Self.chunkShift, chunks.count)
        var chunk = end - 1
        while chunk >= 0, chunks[chunk].capacity > 0 {
            chunks[chunk] = []
            chunk -= 1
        }
    }
}

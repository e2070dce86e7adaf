/// Interns URLs: each distinct URL gets a dense id (0, 1, 2, ... in order of first sight) and its
/// bytes are stored once, back to back in fixed-size chunks.
///
/// One site's crawl meets every URL many times (a 50,000-page benchmark site has 76,000 distinct
/// URLs but 4.2 million link occurrences), and the frontier, the link bookkeeping, the crawl's
/// own results, the run-wide link checker (through ``URLKey``) and the site's summary
/// (``SiteLinks``) all need to name them. A `String` per URL in each of those places costs
/// ~100-150 bytes per URL and place; here a URL costs its UTF-8 bytes plus 12 bytes (end offset,
/// hash, one hash slot at most half full), and the other structures hold 4-byte ids or keys.
///
/// The bytes live in 64 KiB chunks that never move or grow: a growing table adds a chunk instead
/// of doubling one buffer (a doubled buffer held up to twice the bytes, 12.6 MB for 6.4 MB of
/// URLs), and a ``URLKey`` can point into a chunk from another task. Bytes once written never
/// change; a table appends only past its own last URL, and a copy of the table that appends first
/// takes a private copy of the chunk it writes into.
///
/// Lookups hash the UTF-8 bytes (``URLChunk/hash(_:)``) and probe linearly; equal hashes are
/// confirmed by comparing the bytes, so two URLs never share an id.
public struct URLTable: Sendable {
    /// URL `id` occupies `start..<ends[id]` of a virtual byte space cut into 64 KiB slots;
    /// `chunks[offset >> chunkShift]` holds the slot's bytes. A URL never spans two chunks: one
    /// that does not fit in the rest of the current slot starts at the next slot, and one longer
    /// than a slot gets a chunk of several slots (the same chunk listed once per slot). So `start`
    /// is `ends[id - 1]` when the URL fits behind it, else that offset rounded up to a slot.
    private var ends: [UInt32] = []
    private var chunks: [URLChunk] = []
    /// Each URL's hash, by id: probing compares these before the bytes, and growing the slots
    /// needs no rehash of the bytes.
    private var hashes: [UInt32] = []
    private var slots = HashSlots()
    /// Shared by copies of this table: a copy that is not the only holder writes into a copy of
    /// its last chunk, so two copies never append into the same bytes.
    private var owner = Owner()

    private final class Owner: Sendable {}

    public init() {}

    /// Number of distinct URLs interned.
    public var count: Int { ends.count }

    /// The id of `url`, interning it first if it is new.
    public mutating func intern(_ url: String) -> Int32 {
        var url = url
        return url.withUTF8 { utf8 in
            let hash = URLChunk.hash(utf8)
            let (found, slot) = find(utf8, hash: hash)
            if let found { return found }
            let id = Int32(ends.count)
            ends.append(append(utf8))
            hashes.append(hash)
            slots.insert(id, at: slot) { hashes[$0] }
            return id
        }
    }

    /// The id of `url`, or nil when it was never interned.
    public func id(of url: String) -> Int32? {
        var url = url
        return url.withUTF8 { utf8 in find(utf8, hash: URLChunk.hash(utf8)).found }
    }

    /// The URL with id `id` (which must come from this table).
    public subscript(id: Int32) -> String {
        withBytes(of: id) { String(decoding: $0, as: UTF8.self) }
    }

    /// The length of URL `id` in UTF-8 bytes.
    public func utf8Count(of id: Int32) -> Int { location(Int(id)).count }

    /// A key naming URL `id` that stays valid, and readable from any task, for as long as it is
    /// held (it keeps the URL's chunk alive, not the table).
    public func key(_ id: Int32) -> URLKey {
        let (start, count) = location(Int(id))
        guard count > 0 else { return URLKey(chunk: URLChunk.empty, offset: 0, count: 0, hash: hashes[Int(id)]) }
        let chunk = chunks[start >> URLChunk.shift]
        return URLKey(chunk: chunk, offset: UInt32(start - chunk.origin), count: UInt32(count), hash: hashes[Int(id)])
    }

    /// True when URL `a` sorts before URL `b` by their UTF-8 bytes (Unicode scalar order).
    public func precedes(_ a: Int32, _ b: Int32) -> Bool {
        withBytes(of: a) { a in withBytes(of: b) { b in a.lexicographicallyPrecedes(b) } }
    }

    /// Calls `body` with the UTF-8 bytes of URL `id`.
    public func withBytes<R>(of id: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let (start, count) = location(Int(id))
        guard count > 0 else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        let chunk = chunks[start >> URLChunk.shift]
        return body(UnsafeBufferPointer(start: chunk.base + (start - chunk.origin), count: count))
    }

    /// Where URL `id` starts in the virtual byte space, and its length.
    private func location(_ id: Int) -> (start: Int, count: Int) {
        let previous = id == 0 ? 0 : Int(ends[id - 1])
        let end = Int(ends[id])
        let start = end <= URLChunk.slotEnd(previous) ? previous : URLChunk.roundUp(previous)
        return (start, end - start)
    }

    /// Stores `utf8` behind the last URL (see ``ends`` for the placement); returns its end.
    private mutating func append(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let cursor = Int(ends.last ?? 0)
        guard !utf8.isEmpty else { return UInt32(cursor) }
        let inSlot = cursor & URLChunk.mask != 0
        if !isKnownUniquelyReferenced(&owner) {
            owner = Owner()
            if inSlot { chunks[cursor >> URLChunk.shift] = chunks[cursor >> URLChunk.shift].copy(upTo: cursor) }
        }
        let start: Int
        if inSlot, cursor + utf8.count <= URLChunk.slotEnd(cursor) {
            start = cursor
        } else {
            start = URLChunk.roundUp(cursor)
            let slotCount = (utf8.count + URLChunk.mask) >> URLChunk.shift
            let chunk = URLChunk(origin: start, capacity: slotCount << URLChunk.shift)
            // Every slot below `start` has its chunk (a URL ending exactly on a boundary included).
            assert(chunks.count == start >> URLChunk.shift)
            chunks.append(contentsOf: repeatElement(chunk, count: slotCount))
        }
        precondition(start + utf8.count <= Int(UInt32.max), "URLTable holds at most 4 GiB of URLs")
        let chunk = chunks[start >> URLChunk.shift]
        (chunk.base + (start - chunk.origin)).initialize(from: utf8.baseAddress!, count: utf8.count)
        return UInt32(start + utf8.count)
    }

    /// The id holding `utf8`, or the empty slot where it would go.
    private func find(_ utf8: UnsafeBufferPointer<UInt8>, hash: UInt32) -> (found: Int32?, slot: Int) {
        slots.find(hash: hash) { id in
            hashes[id] == hash && withBytes(of: Int32(id)) { sameBytes($0, utf8) }
        }
    }
}

/// One URL's bytes where a ``URLTable`` stored them, with their hash: a run-wide structure (the
/// link checker) names the crawl's URLs with these instead of copying the bytes.
///
/// Safe to read from any task: the bytes it names were written before the key was made and
/// never change (see ``URLTable``).
public struct URLKey: Sendable {
    fileprivate let chunk: URLChunk
    fileprivate let offset: UInt32
    fileprivate let count: UInt32
    /// The hash of the bytes, as ``URLTable`` hashes them (``URLChunk/hash(_:)``).
    fileprivate let hash: UInt32

    /// The URL.
    public var string: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    /// Calls `body` with the URL's UTF-8 bytes.
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(start: chunk.base + Int(offset), count: Int(count)))
    }

    /// True when the URL starts with `prefix` (ASCII).
    public func hasPrefix(_ prefix: StaticString) -> Bool {
        withBytes { bytes in
            prefix.withUTF8Buffer { bytes.count >= $0.count && bytes.prefix($0.count).elementsEqual($0) }
        }
    }
}

/// Interns ``URLKey``s: dense ids for distinct URLs, one key (24 bytes, the bytes not copied) each.
public struct URLKeyIndex: Sendable {
    private var keys: [URLKey] = []
    private var slots = HashSlots()

    public init() {}

    /// Number of distinct URLs interned.
    public var count: Int { keys.count }

    /// The id of the URL `key` names, interning `key` if no key with the same bytes is known.
    public mutating func intern(_ key: URLKey) -> Int32 {
        let (found, slot) = key.withBytes { utf8 in
            slots.find(hash: key.hash) { id in keys[id].hash == key.hash && keys[id].withBytes { sameBytes($0, utf8) } }
        }
        if let found { return found }
        let id = Int32(keys.count)
        keys.append(key)
        slots.insert(id, at: slot) { keys[$0].hash }
        return id
    }

    /// The key stored for id `id`.
    public subscript(id: Int32) -> URLKey { keys[Int(id)] }
}

/// Open-addressing slots holding `id + 1` (0 = empty); the count is a power of two and kept at
/// most half full. The caller stores the entries and says what matches.
struct HashSlots: Sendable {
    private var slots: [Int32] = Array(repeating: 0, count: 64)
    private var used = 0

    /// The first id on `hash`'s probe path for which `matches` is true, or the empty slot where
    /// a new id would go.
    func find(hash: UInt32, matches: (Int) -> Bool) -> (found: Int32?, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return (nil, slot) }
            if matches(Int(entry - 1)) { return (entry - 1, slot) }
            slot = (slot + 1) & mask
        }
    }

    /// Puts `id` in the empty `slot` (from ``find(hash:matches:)``); doubles the slots and places
    /// every id again from `hashOf` once they are more than half full. Ids are dense: 0 ..< used.
    mutating func insert(_ id: Int32, at slot: Int, hashOf: (Int) -> UInt32) {
        slots[slot] = id + 1
        used += 1
        guard used * 2 > slots.count else { return }
        var larger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for id in 0..<used {
            var slot = Int(hashOf(id)) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = Int32(id + 1)
        }
        slots = larger
    }
}

/// A fixed block of URL bytes, written once per byte by the one table that owns it.
final class URLChunk: @unchecked Sendable {
    // @unchecked: the bytes are written only below ``URLTable``'s cursor, once, before any key or
    // id names them; readers on other tasks read only bytes some key names.
    static let shift = 16
    static let size = 1 << shift
    static let mask = size - 1
    /// Shared by empty URLs, which name no bytes.
    static let empty = URLChunk(origin: 0, capacity: 0)

    /// Where the chunk starts in its table's virtual byte space (a multiple of ``size``).
    let origin: Int
    let base: UnsafeMutablePointer<UInt8>

    private let capacity: Int

    init(origin: Int, capacity: Int) {
        self.origin = origin
        self.capacity = capacity
        base = .allocate(capacity: max(1, capacity))
    }

    deinit { base.deallocate() }

    /// A chunk at the same place holding the bytes written below virtual offset `end`.
    func copy(upTo end: Int) -> URLChunk {
        let copy = URLChunk(origin: origin, capacity: capacity)
        copy.base.initialize(from: base, count: end - origin)
        return copy
    }

    /// The end of the slot `offset` lies in.
    static func slotEnd(_ offset: Int) -> Int { ((offset >> shift) + 1) << shift }

    /// `offset` rounded up to a slot boundary.
    static func roundUp(_ offset: Int) -> Int { (offset + mask) & ~mask }

    /// The 32-bit hash of a URL's bytes: eight bytes per multiply, then a final avalanche
    /// (MurmurHash3's `fmix64`) so that the low bits, which pick the slot, depend on every byte.
    /// Every link occurrence of a crawl is hashed; the byte-at-a-time FNV-1a this replaced was
    /// most of `URLTable.intern`'s 2.2% self time on the 50,000-page benchmark site.
    static func hash(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(utf8.count)
        guard let base = utf8.baseAddress else { return UInt32(truncatingIfNeeded: hash) }
        var index = 0
        while index + 8 <= utf8.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < utf8.count {
            tail |= UInt64(base[index]) << shift
            shift += 8
            index += 1
        }
        hash = (hash ^ tail) &* 0x9E37_79B9_7F4A_7C15
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash &*= 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return UInt32(truncatingIfNeeded: hash)
    }
}

/// Byte equality eight bytes at a time: a hash hit is confirmed with it for every link occurrence
/// of a crawl (4.2 million on the 50,000-page benchmark site), where the generic
/// `elementsEqual` was 1.5% of the audit's CPU.
@inline(__always) func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    guard let left = a.baseAddress, let right = b.baseAddress else { return true }
    var index = 0
    while index + 8 <= a.count {
        let x = UnsafeRawPointer(left + index).loadUnaligned(as: UInt64.self)
        let y = UnsafeRawPointer(right + index).loadUnaligned(as: UInt64.self)
        if x != y { return false }
        index += 8
    }
    while index < a.count {
        if left[index] != right[index] { return false }
        index += 1
    }
    return true
}

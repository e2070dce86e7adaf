/// Interns URLs: each distinct URL gets a dense id (0, 1, 2, ... in order of first sight); its
/// bytes are stored once, in a ``SpillLog``, and it is recognised by its 64-bit fingerprint.
///
/// One site's crawl meets every URL many times (a 50,000-page benchmark site has 76,000 distinct
/// URLs but 4.2 million link occurrences), and the frontier, the link bookkeeping, the crawl's
/// own results and the site's summary (``SiteLinks``) all need to name them: they hold 4-byte ids.
///
/// Memory per URL is 16 bytes plus its hash slot (4 bytes, at most three-quarters full): the
/// fingerprint and where its bytes are. The bytes go to the table's ``SpillLog``: in memory up to
/// its budget (256 KiB, a site of ~3,000 URLs), then to a temporary file. So a crawl's memory
/// stays about the same whether the site has 5,000 pages or 50,000 (issue 3); a URL's bytes are
/// read back only when it is fetched or reported.
///
/// Two URLs are the same when their fingerprints are (``fingerprint(_:)``), the URL-seen test of
/// large crawlers (Mercator, Heydon & Najork 1999, §3.5, with 64-bit fingerprints). The chance
/// that some two of `n` distinct URLs share one is about n² / 2⁶⁵: one in 6 billion for a
/// 76,000-URL site, one in 40 million for a run of a million URLs.
///
/// Copies share the log (append-only, locked), so a copy can keep appending: each copy records
/// where its own URLs went.
public struct URLTable: Sendable {
    private var index = FingerprintIndex()
    /// Where URL `id`'s bytes are in `log`: offset in the high 40 bits, length in the low 24.
    private var locations = ChunkedArray<UInt64>()
    private let log: SpillLog

    /// Longest URL the table stores, in UTF-8 bytes (16 MiB; page bodies are capped far below).
    public static let maxURLBytes = (1 << 24) - 1

    /// - Parameter memoryBudget: bytes of URLs kept in memory before the rest go to a temporary
    ///   file (see ``SpillLog``).
    public init(memoryBudget: Int = SpillLog.defaultMemoryBudget) {
        log = SpillLog(memoryBudget: memoryBudget)
    }

    /// Number of distinct URLs interned.
    public var count: Int { index.count }

    /// The id of `url`, interning it first if it is new.
    public mutating func intern(_ url: String) -> Int32 {
        var url = url
        return url.withUTF8 { intern(utf8: $0) }
    }

    /// The id of the URL whose UTF-8 bytes are `utf8`, interning it first if it is new.
    public mutating func intern(utf8: UnsafeBufferPointer<UInt8>) -> Int32 {
        let fingerprint = Self.fingerprint(utf8)
        let (found, slot) = index.find(fingerprint)
        if let found { return found }
        precondition(utf8.count <= Self.maxURLBytes, "URLTable: a URL of \(utf8.count) bytes")
        let offset = log.append(UnsafeRawBufferPointer(utf8))
        locations.append(UInt64(offset) << 24 | UInt64(utf8.count))
        return index.insert(fingerprint, at: slot)
    }

    /// The id of `url`, or nil when it was never interned.
    public func id(of url: String) -> Int32? {
        var url = url
        return url.withUTF8 { index.find(Self.fingerprint($0)).found }
    }

    /// The URL with id `id` (which must come from this table).
    public subscript(id: Int32) -> String {
        withBytes(of: id) { String(decoding: $0, as: UTF8.self) }
    }

    /// The fingerprint of URL `id` (``fingerprint(_:)`` of its bytes).
    public func fingerprint(of id: Int32) -> UInt64 { index[id] }

    /// The length of URL `id` in UTF-8 bytes.
    public func utf8Count(of id: Int32) -> Int { Int(locations[Int(id)] & 0xFF_FFFF) }

    /// Calls `body` with the UTF-8 bytes of URL `id` (read back from the log: from memory, or
    /// from the temporary file for a URL past the memory budget).
    public func withBytes<R>(of id: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let location = locations[Int(id)]
        return log.withBytes(at: Int(location >> 24), count: Int(location & 0xFF_FFFF), body)
    }

    /// True when some URL bytes went to the temporary file (for tests and measurements).
    public var hasSpilled: Bool { log.hasSpilled }

    /// The 64-bit fingerprint of a URL's bytes: eight bytes per multiply, then a final avalanche
    /// (MurmurHash3's `fmix64`), so that every output bit depends on every input byte. Every link
    /// occurrence of a crawl is fingerprinted (4.2 million on the 50,000-page benchmark site).
    /// Each step is a bijection of the state, so two inputs of the same length that differ in
    /// one 8-byte word never collide; the length is mixed in first.
    public static func fingerprint(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(utf8.count)
        var tail: UInt64 = 0
        if let base = utf8.baseAddress {
            var index = 0
            while index + 8 <= utf8.count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
                hash ^= hash >> 29
                index += 8
            }
            var shift: UInt64 = 0
            while index < utf8.count {
                tail |= UInt64(base[index]) << shift
                shift += 8
                index += 1
            }
        }
        return finalMix((hash ^ tail) &* 0x9E37_79B9_7F4A_7C15)
    }

    /// The fingerprint of `url`'s UTF-8 bytes.
    public static func fingerprint(_ url: String) -> UInt64 {
        var url = url
        return url.withUTF8 { fingerprint($0) }
    }

    @inline(__always) private static func finalMix(_ value: UInt64) -> UInt64 {
        var hash = value
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash &*= 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return hash
    }
}

/// Dense ids for distinct 64-bit fingerprints: 8 bytes per id plus a hash slot. The run-wide link
/// checker names URLs with it, and ``URLTable`` is one plus the URL bytes.
public struct FingerprintIndex: Sendable {
    private var fingerprints = ChunkedArray<UInt64>()
    private var slots = HashSlots()

    public init() {}

    /// Number of distinct fingerprints.
    public var count: Int { fingerprints.count }

    /// The fingerprint with id `id`.
    public subscript(id: Int32) -> UInt64 { fingerprints[Int(id)] }

    /// The id of `fingerprint`, giving it the next id if it is new.
    public mutating func intern(_ fingerprint: UInt64) -> Int32 {
        let (found, slot) = find(fingerprint)
        return found ?? insert(fingerprint, at: slot)
    }

    /// The id of `fingerprint`, or the empty slot where it would go.
    func find(_ fingerprint: UInt64) -> (found: Int32?, slot: Int) {
        slots.find(hash: UInt32(truncatingIfNeeded: fingerprint)) { fingerprints[$0] == fingerprint }
    }

    /// Gives `fingerprint` (not known) the next id, in `slot` from ``find(_:)``.
    mutating func insert(_ fingerprint: UInt64, at slot: Int) -> Int32 {
        let id = Int32(fingerprints.count)
        fingerprints.append(fingerprint)
        slots.insert(id, at: slot) { UInt32(truncatingIfNeeded: fingerprints[$0]) }
        return id
    }
}

/// Open-addressing slots holding `id + 1` (0 = empty), probed linearly; the count is a power of
/// two, kept at most three-quarters full. A hit then takes ~1.5 probes on average (Knuth, TAOCP
/// vol. 3, §6.4: ½(1 + 1/(1 − α)) at load α ≤ ¾), and the slots cost 5.3-10.7 bytes per id
/// where at most half full they cost 8-16. The caller stores the entries and says what matches.
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
    /// every id again from `hashOf` once they are more than three-quarters full. Ids are dense: 0 ..< used.
    mutating func insert(_ id: Int32, at slot: Int, hashOf: (Int) -> UInt32) {
        slots[slot] = id + 1
        used += 1
        guard used * 4 > slots.count * 3 else { return }
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

/// Interns URLs: each distinct URL gets a dense id (0, 1, 2, ... in order of first sight) and its
/// bytes are stored once, back to back in one buffer.
///
/// One site's crawl meets every URL many times (a 50,000-page benchmark site has 76,000 distinct
/// URLs but 4.2 million link occurrences), and the frontier, the link bookkeeping and the crawl's
/// own results all need to name them. A `String` per URL in each of those dictionaries costs
/// ~100-150 bytes per URL and place; here a URL costs its UTF-8 bytes plus 12 bytes (end offset,
/// hash, one hash slot at most half full), and the other structures hold 4-byte ids.
///
/// Lookups hash the UTF-8 bytes with FNV-1a and probe linearly; equal hashes are confirmed by
/// comparing the bytes, so two URLs never share an id.
public struct URLTable: Sendable {
    /// The UTF-8 bytes of every URL, in id order.
    private var bytes: [UInt8] = []
    /// `ends[id]` is where URL `id` ends in `bytes`; it starts where `id - 1` ends.
    private var ends: [UInt32] = []
    /// Each URL's hash, by id: probing compares these before the bytes, and growing the slots
    /// needs no rehash of the bytes.
    private var hashes: [UInt32] = []
    /// Open-addressing slots holding `id + 1` (0 = empty); the count is a power of two and kept
    /// at most half full.
    private var slots: [Int32] = Array(repeating: 0, count: 64)

    public init() {}

    /// Number of distinct URLs interned.
    public var count: Int { ends.count }

    /// The id of `url`, interning it first if it is new.
    public mutating func intern(_ url: String) -> Int32 {
        var url = url
        return url.withUTF8 { utf8 in
            let hash = Self.hash(utf8)
            let (found, slot) = find(utf8, hash: hash)
            if let found { return found }
            let id = Int32(ends.count)
            bytes.append(contentsOf: utf8)
            precondition(bytes.count <= Int(UInt32.max), "URLTable holds at most 4 GiB of URLs")
            ends.append(UInt32(bytes.count))
            hashes.append(hash)
            slots[slot] = id + 1
            if ends.count * 2 > slots.count { grow() }
            return id
        }
    }

    /// The id of `url`, or nil when it was never interned.
    public func id(of url: String) -> Int32? {
        var url = url
        return url.withUTF8 { utf8 in find(utf8, hash: Self.hash(utf8)).found }
    }

    /// The URL with id `id` (which must come from this table).
    public subscript(id: Int32) -> String {
        let range = self.range(Int(id))
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// The length of URL `id` in UTF-8 bytes.
    public func utf8Count(of id: Int32) -> Int { range(Int(id)).count }

    private func range(_ id: Int) -> Range<Int> {
        (id == 0 ? 0 : Int(ends[id - 1]))..<Int(ends[id])
    }

    /// The id holding `utf8`, or the empty slot where it would go.
    private func find(_ utf8: UnsafeBufferPointer<UInt8>, hash: UInt32) -> (found: Int32?, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        return bytes.withUnsafeBufferPointer { stored in
            while true {
                let entry = slots[slot]
                if entry == 0 { return (nil, slot) }
                let id = Int(entry - 1)
                if hashes[id] == hash {
                    let range = self.range(id)
                    if range.count == utf8.count, UnsafeBufferPointer(rebasing: stored[range]).elementsEqual(utf8) {
                        return (Int32(id), slot)
                    }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Doubles the slots and places every id again from its stored hash.
    private mutating func grow() {
        var larger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for id in 0..<ends.count {
            var slot = Int(hashes[id]) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = Int32(id + 1)
        }
        slots = larger
    }

    /// FNV-1a over the bytes (64-bit), folded to 32 bits so that the low bits, which pick the
    /// slot, depend on every byte.
    private static func hash(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
    }
}

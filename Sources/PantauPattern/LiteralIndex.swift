#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The literals of a group of patterns, and the tables that find every one of them in a text in
/// one pass.
///
/// How: each literal of three bytes or more is keyed by its first three bytes. The pass keeps the
/// text's last three bytes in a window and looks the window up in a small hashed table (one load
/// per byte, nothing written); only where the table says some literal starts with those bytes is
/// the whole literal compared. Literals of one or two bytes (rare: `88`) are looked for with
/// `memchr` afterwards. The same pass checks that the text is well-formed UTF-8 and notes a
/// character whose case mappings produce ASCII (see ``LiteralPrefilter``).
///
/// Why: a page's text is searched by every pattern of every rule; one pass for all of them costs
/// ~1.5 ns per byte on the benchmark's pages (45 literals), where a byte sketch of the text plus a
/// `memchr` per literal cost ~4.5 and a fold of the text came on top.
final class LiteralIndex: Sendable {
    /// Per filter: where its literals' ids start in `ids`, by ``LiteralPrefilter/serial`` less
    /// `firstSerial` (-1: not one of this index's). An array, not a dictionary: it is read for
    /// every pattern and text.
    private let offsets: [Int32]
    private let firstSerial: Int
    /// Per filter, per literal number (``LiteralPrefilter/literals``): the literal's id here.
    private let ids: [Int32]

    /// Distinct literals (by bytes and case sensitivity), numbered 0..<count.
    let count: Int
    /// Every literal's bytes back to back; literal `id` is `bytes[starts[id]..<starts[id + 1]]`.
    private let bytes: [UInt8]
    private let starts: [Int32]
    private let caseSensitive: [Bool]
    /// Per literal of three bytes or more: its first three bytes, each `| 0x20`, as the window holds them.
    private let keys: [UInt32]
    /// A hashed window to its bucket number plus one (0: no literal starts with such bytes).
    private let slots: [UInt16]
    /// `slots.count - 1`: a slot is bits 16 and up of a multiplicative hash (a mask, not a
    /// variable shift, which costs more per byte).
    private let slotMask: UInt32
    /// Bucket `b` holds the ids `bucketIDs[bucketStarts[b]..<bucketStarts[b + 1]]`.
    private let bucketStarts: [Int32]
    private let bucketIDs: [Int32]
    /// Literals of one or two bytes, looked for after the pass.
    private let shortIDs: [Int32]
    /// The case-insensitive literals as a bit set: all count as present in a text that holds a
    /// character whose case mappings produce ASCII.
    private let caseInsensitiveMask: [UInt64]

    private struct Literal: Hashable {
        var bytes: [UInt8]
        var caseSensitive: Bool
    }

    init(_ prefilters: [LiteralPrefilter]) {
        var seen: Set<Int> = []
        let kept = prefilters.filter { seen.insert($0.serial).inserted }
        firstSerial = kept.map(\.serial).min() ?? 0
        var offsets = [Int32](repeating: -1, count: (kept.map(\.serial).max() ?? -1) - firstSerial + 1)
        var numbered: [Literal: Int32] = [:]
        var literals: [Literal] = []
        var ids: [Int32] = []
        for prefilter in kept {
            offsets[prefilter.serial - firstSerial] = Int32(ids.count)
            for bytes in prefilter.literals {
                let literal = Literal(bytes: bytes, caseSensitive: prefilter.caseSensitive)
                if let id = numbered[literal] {
                    ids.append(id)
                } else {
                    numbered[literal] = Int32(literals.count)
                    ids.append(Int32(literals.count))
                    literals.append(literal)
                }
            }
        }
        self.offsets = offsets
        self.ids = ids
        count = literals.count
        bytes = literals.flatMap(\.bytes)
        starts = literals.reduce(into: [0]) { $0.append($0.last! + Int32($1.bytes.count)) }
        caseSensitive = literals.map(\.caseSensitive)
        keys = literals.map { $0.bytes.count >= 3 ? Self.key($0.bytes[0], $0.bytes[1], $0.bytes[2]) : 0 }
        shortIDs = literals.indices.filter { literals[$0].bytes.count < 3 }.map(Int32.init)
        var mask = [UInt64](repeating: 0, count: (literals.count + 63) / 64)
        for (id, literal) in literals.enumerated() where !literal.caseSensitive { mask[id >> 6] |= 1 << UInt64(id & 63) }
        caseInsensitiveMask = mask

        // 64 slots per key (a false hit at one window in 64 at most), 256 to 32,768 of them (0.5 to
        // 64 KB): a page's group fits in the cache, and a pattern alone (every pattern has its own
        // index) costs little memory.
        let keyed = literals.indices.filter { literals[$0].bytes.count >= 3 }
        var bits = 8
        while bits < 15, (1 << bits) < keyed.count * 64 { bits += 1 }
        slotMask = UInt32(1 << bits - 1)
        var byBucket: [Int: [Int32]] = [:]
        for id in keyed { byBucket[Self.slot(keys[id], mask: slotMask), default: []].append(Int32(id)) }
        var slots = [UInt16](repeating: 0, count: 1 << bits)
        var bucketStarts: [Int32] = [0]
        var bucketIDs: [Int32] = []
        for (slot, members) in byBucket.sorted(by: { $0.key < $1.key }) {
            bucketIDs += members
            bucketStarts.append(Int32(bucketIDs.count))
            slots[slot] = UInt16(bucketStarts.count - 1)
        }
        self.slots = slots
        self.bucketStarts = bucketStarts
        self.bucketIDs = bucketIDs
    }

    /// Whether `prefilter` allows a match in a text holding the literals `found` (a bit set by
    /// id, from ``scan(_:)``), or nil when it is not one of this index's filters.
    func mayMatch(_ prefilter: LiteralPrefilter, found: [UInt64]) -> Bool? {
        let slot = prefilter.serial - firstSerial
        guard slot >= 0, slot < offsets.count, offsets[slot] >= 0 else { return nil }
        let offset = Int(offsets[slot])
        return ids.withUnsafeBufferPointer { ids in
            found.withUnsafeBufferPointer { found in
                prefilter.mayMatch(ids: UnsafeBufferPointer(rebasing: ids[offset..<(offset + prefilter.literals.count)]),
                                   found: found)
            }
        }
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    /// Three bytes as the window holds them: each `| 0x20`, which maps the two cases of an ASCII
    /// letter together (and some other bytes too: the comparison that follows a hit is exact).
    private static func key(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt32 {
        UInt32(a | 0x20) | UInt32(b | 0x20) << 8 | UInt32(c | 0x20) << 16
    }

    /// The window of the three bytes ending at `position` (at least 3): one load of the four
    /// bytes before it, nothing carried from the previous window.
    @inline(__always)
    private static func window(_ base: UnsafePointer<UInt8>, endingAt position: Int) -> UInt32 {
        (UnsafeRawPointer(base + position - 3).loadUnaligned(as: UInt32.self) | 0x2020_2020) &>> 8
    }

    @inline(__always)
    private static func slot(_ window: UInt32, mask: UInt32) -> Int {
        Int((window &* 0x9E37_79B1) &>> 16 & mask)
    }

    /// Which literals `text` holds, as a bit set by id (case-insensitive ones all set when the
    /// text holds a character whose case mappings produce ASCII), and whether it holds such a
    /// character; nil when `text` is not well-formed UTF-8.
    func scan(_ text: UnsafeBufferPointer<UInt8>) -> (found: [UInt64], foldsToASCII: Bool)? {
        var found = [UInt64](repeating: 0, count: (count + 63) / 64)
        var foldsToASCII = false
        let wellFormed = found.withUnsafeMutableBufferPointer { found in
            slots.withUnsafeBufferPointer { slots in
                pass(text, slots, found, &foldsToASCII)
            }
        }
        guard wellFormed else { return nil }
        found.withUnsafeMutableBufferPointer { found in
            for id in shortIDs where Self.containsShort(text, literal: Int(id), self) {
                found[Int(id) >> 6] |= 1 << UInt64(id & 63)
            }
        }
        if foldsToASCII {
            for word in found.indices { found[word] |= caseInsensitiveMask[word] }
        }
        return (found, foldsToASCII)
    }

    /// The pass over the text: literals of three bytes or more, UTF-8 well-formedness, characters
    /// folding to ASCII. False when the text is not well-formed.
    ///
    /// ASCII runs go through ``windows(_:from:to:slots:mask:flagged:pending:)``, which only notes
    /// where the table flags a window; the literals are compared a batch at a time. With the
    /// comparison inside the loop its state no longer fit the registers, and a window carried from
    /// byte to byte made every byte wait for the one before: each cost a third more.
    private func pass(_ text: UnsafeBufferPointer<UInt8>, _ slots: UnsafeBufferPointer<UInt16>,
                      _ found: UnsafeMutableBufferPointer<UInt64>, _ foldsToASCII: inout Bool) -> Bool {
        guard let base = text.baseAddress, let table = slots.baseAddress else { return true }
        let count = text.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.batch) { flagged in
            var pending = 0
            var index = 0
            while index < count {
                index = Self.windows(base, from: index, to: count, slots: table, mask: slotMask,
                                     flagged: flagged.baseAddress!, pending: &pending)
                if pending == Self.batch {
                    confirm(text, flagged, slots, found)
                    pending = 0
                }
                guard index < count, text[index] >= 0x80 else { continue }
                // A window holding a non-ASCII byte matches no key (keys are ASCII): no lookup.
                guard let (length, scalar) = Self.decode(text, at: index) else { return false }
                if !foldsToASCII, Self.foldsToASCII(scalar) { foldsToASCII = true }
                index += length
            }
            confirm(text, UnsafeMutableBufferPointer(rebasing: flagged[..<pending]), slots, found)
            return true
        }
    }

    /// Notes in `flagged` each position from `start` on where the window of the three bytes
    /// ending there is flagged by the table; stops at a non-ASCII byte, at `end`, or when the batch
    /// is full. Returns the index reached.
    @inline(never)
    private static func windows(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int, slots: UnsafePointer<UInt16>,
                                mask: UInt32, flagged: UnsafeMutablePointer<Int>, pending count: inout Int) -> Int {
        // A local, written back once: the loop keeps it in a register.
        var pending = count
        var index = start
        while index < end {
            // Eight ASCII bytes at a time (most text): no test per byte for the start of a sequence.
            if index >= 3, index + 8 <= end, pending + 8 <= batch,
               UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                for position in index..<(index + 8) where slots[slot(window(base, endingAt: position), mask: mask)] != 0 {
                    flagged[pending] = position
                    pending += 1
                }
                index += 8
                continue
            }
            let byte = base[index]
            guard byte < 0x80, pending < batch else { break }
            // The first windows: fewer than three bytes before them hold no literal.
            if index >= 2 {
                let window = key(base[index - 2], base[index - 1], byte)
                if slots[slot(window, mask: mask)] != 0 {
                    flagged[pending] = index
                    pending += 1
                }
            }
            index += 1
        }
        count = pending
        return index
    }

    /// Windows flagged per batch.
    private static let batch = 64

    /// For each position that ended a window the table flagged, compares the literals keyed by
    /// the three bytes up to it.
    private func confirm(_ text: UnsafeBufferPointer<UInt8>, _ positions: UnsafeMutableBufferPointer<Int>,
                         _ slots: UnsafeBufferPointer<UInt16>, _ found: UnsafeMutableBufferPointer<UInt64>) {
        for position in positions where position >= 2 {
            let window = Self.key(text[position - 2], text[position - 1], text[position])
            let bucket = Int(slots[Self.slot(window, mask: slotMask)])
            if bucket != 0 { compare(text, at: position - 2, window: window, bucket: bucket, found) }
        }
    }

    /// Compares every literal of `bucket` keyed `window` with the text at `start`.
    private func compare(_ text: UnsafeBufferPointer<UInt8>, at start: Int, window: UInt32, bucket: Int,
                         _ found: UnsafeMutableBufferPointer<UInt64>) {
        for member in Int(bucketStarts[bucket - 1])..<Int(bucketStarts[bucket]) {
            let id = Int(bucketIDs[member])
            guard keys[id] == window, found[id >> 6] & (1 << UInt64(id & 63)) == 0 else { continue }
            let from = Int(starts[id]), length = Int(starts[id + 1]) - from
            guard start + length <= text.count else { continue }
            var offset = 0
            if caseSensitive[id] {
                while offset < length, text[start + offset] == bytes[from + offset] { offset += 1 }
            } else {
                while offset < length, Self.lower(text[start + offset]) == bytes[from + offset] { offset += 1 }
            }
            if offset == length { found[id >> 6] |= 1 << UInt64(id & 63) }
        }
    }

    /// True when `text` holds the one- or two-byte literal `id`: `memchr` for each case of its first byte.
    private static func containsShort(_ text: UnsafeBufferPointer<UInt8>, literal id: Int, _ index: LiteralIndex) -> Bool {
        guard let base = text.baseAddress else { return false }
        let from = Int(index.starts[id]), length = Int(index.starts[id + 1]) - from
        let first = index.bytes[from]
        let insensitive = !index.caseSensitive[id]
        let matchesSecond = { (byte: UInt8) in
            insensitive ? lower(byte) == index.bytes[from + 1] : byte == index.bytes[from + 1]
        }
        let firsts: [UInt8] = insensitive && first >= 0x61 && first <= 0x7A ? [first, first - 0x20] : [first]
        for target in firsts {
            var position = 0
            while position < text.count,
                  let hit = memchr(base + position, Int32(target), text.count - position) {
                let at = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
                if length == 1 || (at + 1 < text.count && matchesSecond(text[at + 1])) { return true }
                position = at + 1
            }
        }
        return false
    }

    /// The length and value of the well-formed UTF-8 sequence starting at `index` (Unicode 15,
    /// table 3-7: no overlong forms, no surrogates, nothing past U+10FFFF), or nil.
    @inline(__always)
    static func decode(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> (length: Int, scalar: UInt32)? {
        let lead = text[index]
        let available = text.count - index
        @inline(__always) func continuation(_ offset: Int) -> UInt32? {
            let byte = text[index + offset]
            return byte & 0xC0 == 0x80 ? UInt32(byte & 0x3F) : nil
        }
        switch lead {
        case 0xC2...0xDF:
            guard available >= 2, let b1 = continuation(1) else { return nil }
            return (2, UInt32(lead & 0x1F) << 6 | b1)
        case 0xE0...0xEF:
            guard available >= 3, let b1 = continuation(1), let b2 = continuation(2) else { return nil }
            if lead == 0xE0 && b1 < 0x20 { return nil }
            if lead == 0xED && b1 >= 0x20 { return nil }
            return (3, UInt32(lead & 0x0F) << 12 | b1 << 6 | b2)
        case 0xF0...0xF4:
            guard available >= 4, let b1 = continuation(1), let b2 = continuation(2), let b3 = continuation(3) else { return nil }
            if lead == 0xF0 && b1 < 0x10 { return nil }
            if lead == 0xF4 && b1 >= 0x10 { return nil }
            return (4, UInt32(lead & 0x07) << 18 | b1 << 12 | b2 << 6 | b3)
        default:
            return nil
        }
    }

    /// True for the non-ASCII scalars whose lower, upper or title case mapping, or a mapping of
    /// those (`ẞ` → `ß` → `SS`), contains an ASCII character: `ß`, `İ`, `ı`, `ŉ`, `ſ`, `ǰ`,
    /// `ẖ`...`ẚ`, `ẞ`, the Kelvin sign and the Latin ligatures `ﬀ`...`ﬆ`. The list is what the
    /// Unicode tables of this Swift runtime say; a test derives it from them for every scalar.
    @inline(__always)
    static func foldsToASCII(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0xDF, 0x130, 0x131, 0x149, 0x17F, 0x1F0, 0x1E96...0x1E9A, 0x1E9E, 0x212A, 0xFB00...0xFB06: true
        default: false
        }
    }
}

/// Text kept as ranges of a page's text arena with word breaks between them, collapsed when
/// read.
///
/// Why: a page's body text reaches several collectors at once (the visible text and each
/// candidate root of the content text); copying and collapsing it for each was the scan's
/// largest cost, and most pages never have their content text read.
struct TextPieces: Sendable {
    /// Pairs `start, end` (byte offsets into the arena), or ``breakMark`` for a word break.
    private var marks: [Int32] = []
    private static let breakMark: Int32 = -1
    /// The pieces' bytes plus one per word break: collapsing never makes the text longer (a space
    /// is written only for white space or a break it replaces). Counted as pieces come, because
    /// summing them when read, branching on every mark, cost as much as collapsing.
    private var bound = 0

    mutating func breakWord() {
        if marks.last != Self.breakMark {
            marks.append(Self.breakMark)
            bound += 1
        }
    }

    mutating func add(_ range: Range<Int>) {
        marks.append(Int32(truncatingIfNeeded: range.lowerBound))
        marks.append(Int32(truncatingIfNeeded: range.upperBound))
        bound += range.count
    }

    /// The text's UTF-8 bytes, white space collapsed and trimmed (as ``TextBuffer`` collapses
    /// it), as the arena holds them: ill-formed UTF-8 is left for `String(decoding:as:)` to repair.
    func utf8(in arena: [UInt8]) -> [UInt8] {
        // Written in place: a page's text arrives as hundreds of short pieces, and appending each
        // run to an array cost more than copying it.
        return [UInt8](unsafeUninitializedCapacity: bound) { output, initialized in
            var position = 0
            var pendingSpace = false
            arena.withUnsafeBufferPointer { bytes in
                guard let base = bytes.baseAddress, let out = output.baseAddress else { return }
                var index = 0
                while index < marks.count {
                    if marks[index] == Self.breakMark {
                        pendingSpace = true
                        index += 1
                        continue
                    }
                    let start = base + Int(marks[index])
                    TextBuffer.forEachRun(in: start, count: Int(marks[index + 1]) - Int(marks[index]),
                                          pendingSpace: &pendingSpace) { run, spaced in
                        if spaced, position > 0 {
                            out[position] = 0x20
                            position += 1
                        }
                        (out + position).initialize(from: start + run.lowerBound, count: run.count)
                        position += run.count
                    }
                    index += 2
                }
            }
            initialized = position
        }
    }
}
/// Text kept as ranges of a page's text arena with word breaks between them, collapsed into a
/// string only when read.
///
/// Why: a page's body text reaches several collectors at once (the visible text and each
/// candidate root of the content text); copying and collapsing it for each was the scan's
/// largest cost, and most pages never have their content text read.
struct TextPieces: Sendable {
    /// Pairs `start, end` (byte offsets into the arena), or ``breakMark`` for a word break.
    private var marks: [Int32] = []
    private static let breakMark: Int32 = -1

    mutating func breakWord() {
        if marks.last != Self.breakMark { marks.append(Self.breakMark) }
    }

    mutating func add(_ range: Range<Int>) {
        marks.append(Int32(truncatingIfNeeded: range.lowerBound))
        marks.append(Int32(truncatingIfNeeded: range.upperBound))
    }

    /// The text, white space collapsed and trimmed (as ``TextBuffer`` collapses it).
    func string(in arena: [UInt8]) -> String {
        var buffer = TextBuffer(capacity: 4096)
        arena.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            var index = 0
            while index < marks.count {
                if marks[index] == Self.breakMark {
                    buffer.breakWord()
                    index += 1
                } else {
                    let start = Int(marks[index]), end = Int(marks[index + 1])
                    buffer.append(base + start, count: end - start)
                    index += 2
                }
            }
        }
        return buffer.string
    }
}

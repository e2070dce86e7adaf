/// Reads gzip files (RFC 1952) holding DEFLATE data (RFC 1951): sitemaps published as
/// `sitemap.xml.gz` arrive as a file, not as a `Content-Encoding` libcurl would undo, and Foundation
/// has no decompressor on Linux.
///
/// Output is capped (a few kilobytes of gzip can expand to gigabytes); checksums are not verified
/// (a damaged sitemap simply yields fewer URLs).
enum Gzip {
    /// The decompressed bytes of the first gzip member, or nil when `data` is not gzip, is
    /// damaged, or expands beyond `maxBytes` bytes.
    static func decompress(_ data: [UInt8], maxBytes: Int) -> [UInt8]? {
        // RFC 1952 §2.3: magic, method 8 (deflate), flags, mtime, xfl, os.
        guard data.count >= 18, data[0] == 0x1F, data[1] == 0x8B, data[2] == 8 else { return nil }
        let flags = data[3]
        var position = 10
        if flags & 0x04 != 0 { // FEXTRA
            guard position + 2 <= data.count else { return nil }
            position += 2 + Int(data[position]) | Int(data[position + 1]) << 8
        }
        for flag in [UInt8(0x08), 0x10] where flags & flag != 0 { // FNAME, FCOMMENT: zero-terminated
            while position < data.count, data[position] != 0 { position += 1 }
            position += 1
        }
        if flags & 0x02 != 0 { position += 2 } // FHCRC
        guard position < data.count else { return nil }
        var inflater = Inflater(data, start: position, maxBytes: maxBytes)
        return inflater.run()
    }
}

/// RFC 1951 DEFLATE decoder: stored, fixed-Huffman and dynamic-Huffman blocks.
private struct Inflater {
    private let input: [UInt8]
    private var bytePosition: Int
    private var bitBuffer: UInt32 = 0
    private var bitCount = 0
    private var output: [UInt8] = []
    private let maxBytes: Int

    init(_ input: [UInt8], start: Int, maxBytes: Int) {
        self.input = input
        bytePosition = start
        self.maxBytes = maxBytes
    }

    /// A canonical Huffman code: symbol counts per length and symbols in code order (RFC 1951 §3.2.2).
    private struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int] = []

        init?(lengths: [Int]) {
            for length in lengths { counts[length] += 1 }
            counts[0] = 0
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<16 { offsets[length] = offsets[length - 1] + counts[length - 1] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, length) in lengths.enumerated() where length != 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
        }
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                                     67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                                       1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    private enum Failure: Error { case damaged, tooLarge }

    mutating func run() -> [UInt8]? {
        do {
            var last = false
            while !last {
                last = try bits(1) == 1
                switch try bits(2) {
                case 0: try storedBlock()
                case 1: try codes(literal: Self.fixedLiteral, distance: Self.fixedDistance)
                case 2:
                    let (literal, distance) = try dynamicTables()
                    try codes(literal: literal, distance: distance)
                default: throw Failure.damaged
                }
            }
            return output
        } catch {
            return nil
        }
    }

    private mutating func bits(_ count: Int) throws(Failure) -> Int {
        while bitCount < count {
            guard bytePosition < input.count else { throw .damaged }
            bitBuffer |= UInt32(input[bytePosition]) << UInt32(bitCount)
            bytePosition += 1
            bitCount += 8
        }
        let value = Int(bitBuffer & ((1 << UInt32(count)) - 1))
        bitBuffer >>= UInt32(count)
        bitCount -= count
        return value
    }

    private mutating func storedBlock() throws(Failure) {
        bitBuffer = 0
        bitCount = 0
        guard bytePosition + 4 <= input.count else { throw .damaged }
        let length = Int(input[bytePosition]) | Int(input[bytePosition + 1]) << 8
        bytePosition += 4
        guard bytePosition + length <= input.count else { throw .damaged }
        guard output.count + length <= maxBytes else { throw .tooLarge }
        output.append(contentsOf: input[bytePosition..<bytePosition + length])
        bytePosition += length
    }

    private mutating func decode(_ code: Huffman) throws(Failure) -> Int {
        var value = 0, first = 0, index = 0
        for length in 1..<16 {
            value |= try bits(1)
            let count = code.counts[length]
            if value - count < first { return code.symbols[index + (value - first)] }
            index += count
            first = (first + count) << 1
            value <<= 1
        }
        throw .damaged
    }

    private mutating func codes(literal: Huffman, distance: Huffman) throws(Failure) {
        while true {
            let symbol = try decode(literal)
            if symbol < 256 {
                guard output.count < maxBytes else { throw .tooLarge }
                output.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let lengthIndex = symbol - 257
                guard lengthIndex < Self.lengthBase.count else { throw .damaged }
                let length = Self.lengthBase[lengthIndex] + (try bits(Self.lengthExtra[lengthIndex]))
                let distanceIndex = try decode(distance)
                guard distanceIndex < Self.distanceBase.count else { throw .damaged }
                let back = Self.distanceBase[distanceIndex] + (try bits(Self.distanceExtra[distanceIndex]))
                guard back <= output.count else { throw .damaged }
                guard output.count + length <= maxBytes else { throw .tooLarge }
                let start = output.count - back
                for offset in 0..<length { output.append(output[start + offset]) }
            }
        }
    }

    private mutating func dynamicTables() throws(Failure) -> (Huffman, Huffman) {
        let literalCount = try bits(5) + 257
        let distanceCount = try bits(5) + 1
        let codeLengthCount = try bits(4) + 4
        var codeLengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeLengthCount { codeLengths[Self.codeLengthOrder[index]] = try bits(3) }
        guard let codeLengthCode = Huffman(lengths: codeLengths) else { throw .damaged }
        var lengths: [Int] = []
        while lengths.count < literalCount + distanceCount {
            let symbol = try decode(codeLengthCode)
            switch symbol {
            case 0..<16: lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw .damaged }
                lengths += [Int](repeating: previous, count: 3 + (try bits(2)))
            case 17: lengths += [Int](repeating: 0, count: 3 + (try bits(3)))
            default: lengths += [Int](repeating: 0, count: 11 + (try bits(7)))
            }
        }
        guard lengths.count == literalCount + distanceCount,
              let literal = Huffman(lengths: Array(lengths[..<literalCount])),
              let distance = Huffman(lengths: Array(lengths[literalCount...])) else { throw .damaged }
        return (literal, distance)
    }

    private static let fixedLiteral = Huffman(lengths: [Int](repeating: 8, count: 144) + [Int](repeating: 9, count: 112)
                                              + [Int](repeating: 7, count: 24) + [Int](repeating: 8, count: 8))!
    private static let fixedDistance = Huffman(lengths: [Int](repeating: 5, count: 30))!
}

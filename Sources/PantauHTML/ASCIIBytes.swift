/// Byte-level ASCII helpers for attribute values and names: per element of every page, so no
/// `String` is built to compare.

@inline(__always) func asciiLowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

/// ASCII case-insensitive equality with a lowercase literal.
func equalsFolded(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
    guard bytes.count == literal.utf8CodeUnitCount else { return false }
    let expected = literal.utf8Start
    for offset in 0..<bytes.count where asciiLowercased(bytes[offset]) != expected[offset] { return false }
    return true
}

/// Where a lowercase literal first occurs in `bytes`, ASCII case ignored.
func findFolded(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Int? {
    let length = literal.utf8CodeUnitCount
    guard bytes.count >= length else { return nil }
    for start in 0...(bytes.count - length)
    where equalsFolded(UnsafeBufferPointer(rebasing: bytes[start..<start + length]), literal) {
        return start
    }
    return nil
}

/// True when the white-space-separated tokens of `bytes` include the lowercase `token`, ASCII case
/// ignored (`rel="Stylesheet preload"`).
func hasTokenFolded(_ bytes: UnsafeBufferPointer<UInt8>, _ token: StaticString) -> Bool {
    var start = 0
    while start < bytes.count {
        while start < bytes.count, isTokenSeparator(bytes[start]) { start += 1 }
        var end = start
        while end < bytes.count, !isTokenSeparator(bytes[end]) { end += 1 }
        if end > start, equalsFolded(UnsafeBufferPointer(rebasing: bytes[start..<end]), token) { return true }
        start = end
    }
    return false
}

@inline(__always) private func isTokenSeparator(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
}

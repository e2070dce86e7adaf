import Foundation
import Testing
@testable import Freshness

/// Freshness's per-page string tests done by bytes, each held to the string operation it replaces
/// (ASCII, non-ASCII, combining marks, case, empty).
@Suite struct FreshnessShortcutTests {
    private static let urls = [
        "", "https://contoh.go.id/", "https://contoh.go.id/#top", "https://contoh.go.id/ppid/?p=1#x", "#",
        "https://contoh.go.id/é#", "https://contoh.go.id/#\u{301}", "http://a.go.id/2019/02/06/slug/", "/20", "/19",
        "/2", "x/1999", "/10/", "/29", "/21", "/0", "//19", "https://contoh.go.id/page/2019", "https://contoh.go.id/€/2024/x",
    ]

    @Test func substringTestsAreFoundationsContains() {
        let texts = Self.urls + ["application/rss+xml", "text/XML", "application/atom+xml; charset=utf-8", "text/html",
                                 "https://contoh.go.id/comments/feed/", "https://contoh.go.id/COMMENTS/feed", "COMMENTS",
                                 "https://contoh.go.id/İcomments", "https://contoh.go.id/komentar", "comment", "xm", "ſrss"]
        for text in texts {
            for needle in ["xml", "rss", "atom", "comments"] {
                #expect(ASCIIText.contains(text, needle) == text.contains(needle), "\(text) \(needle)")
                #expect(ASCIIText.contains(text, lowercased: true, needle) == text.lowercased().contains(needle), "\(text) \(needle)")
            }
        }
    }

    /// The loop `mayContainDate` replaced: a `/`, then `1` or `2`, then `9` or `0`.
    private static func mayContainDateReference(_ href: String) -> Bool {
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for byte in href.utf8 {
            if beforePrevious == 0x2F, previous == 0x31 || previous == 0x32, byte == 0x39 || byte == 0x30 { return true }
            beforePrevious = previous
            previous = byte
        }
        return false
    }

    @Test func datedPathTestIsTheReferenceLoop() {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<2_000).map { _ in
            String((0..<Int.random(in: 0..<12, using: &generator)).map { _ in "/1290a".randomElement(using: &generator)! })
        }
        for href in Self.urls + random {
            #expect(DatedPath.mayContainDate(href) == Self.mayContainDateReference(href), "\(href)")
        }
    }
}

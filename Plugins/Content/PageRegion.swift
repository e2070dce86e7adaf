import PantauHTML
import PantauPattern

/// The part of a page whose text a rule's `text:` conditions read.
public enum PageRegion: String, Sendable, CaseIterable {
    /// The `<title>` and all visible text of `<body>`.
    case page
    /// The main content only (``HTMLDocument/contentText()``: menus, header, footer, sidebars left out).
    case content
    /// Navigation: `<nav>`, `[role=navigation]` and elements whose class or id names a menu.
    case navigation
    /// The site footer: `<footer>` outside articles, `[role=contentinfo]`, `#footer`, `.site-footer`.
    case footer
    /// The `<head>`: the title and every `<meta content>` value (description, generator, ...).
    case head

    /// Outermost elements of the region, so nested menus are not read twice.
    private static let navigationXPath = """
        //*[self::nav or @role='navigation' or contains(@class,'menu') or contains(@id,'menu')]\
        [not(ancestor::*[self::nav or @role='navigation' or contains(@class,'menu') or contains(@id,'menu')])]
        """
    private static let footerXPath = """
        //*[(self::footer and not(ancestor::article)) or @role='contentinfo' or @id='footer' \
        or contains(concat(' ',normalize-space(@class),' '),' site-footer ')]\
        [not(ancestor::*[(self::footer and not(ancestor::article)) or @role='contentinfo' or @id='footer' \
        or contains(concat(' ',normalize-space(@class),' '),' site-footer ')])]
        """
    private static let headXPath = "//head/title | //head/meta/@content"

    /// The region's text, white space collapsed.
    func text(of document: HTMLDocument) -> String {
        switch self {
        case .page:
            return [document.title ?? "", document.visibleText()].filter { !$0.isEmpty }.joined(separator: " ")
        case .content:
            return document.contentText()
        case .navigation:
            return joined(document, Self.navigationXPath)
        case .footer:
            return joined(document, Self.footerXPath)
        case .head:
            return joined(document, Self.headXPath)
        }
    }

    /// The region's text prepared for `patterns`. The page's text and its content text are
    /// read as the scan's bytes: no string is built unless a pattern's engine must run.
    func prepared(of document: HTMLDocument, for patterns: PatternGroup) -> FoldedText {
        switch self {
        case .page:
            // The same bytes as `text(of:)`: the title and the visible text joined by a space.
            let visible = document.visibleTextUTF8()
            guard let title = document.title, !title.isEmpty else { return patterns.prepare(utf8: visible) }
            guard !visible.isEmpty else { return patterns.prepare(title) }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(title.utf8.count + 1 + visible.count)
            bytes.append(contentsOf: title.utf8)
            bytes.append(0x20)
            bytes.append(contentsOf: visible)
            return patterns.prepare(utf8: bytes)
        case .content:
            return patterns.prepare(utf8: document.contentTextUTF8())
        case .navigation, .footer, .head:
            return patterns.prepare(text(of: document))
        }
    }

    private func joined(_ document: HTMLDocument, _ xpath: String) -> String {
        // The expressions are constants checked by the tests; a failure means no such region.
        ((try? document.strings(xpath)) ?? []).filter { !$0.isEmpty }.joined(separator: " ")
    }
}

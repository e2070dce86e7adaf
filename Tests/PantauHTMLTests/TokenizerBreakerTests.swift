@testable import PantauDemo
import Testing
@testable import PantauHTML

/// Hunts for pages where ``HTMLTokenizer`` reads a page and sends other events than libxml2
/// would: grammar-generated documents (seeded), and whole pages compared at the level the audit
/// sees them (links, title, texts, headings, metadata). Complements `HTMLTokenizerTests`, whose
/// edge cases hold the minimal inputs found here.
@Suite struct TokenizerBreakerTests {
    /// Random small documents (``MarkupGenerator``): wherever the tokenizer reads one, its events
    /// are libxml2's; and enough of them are read for that to mean something.
    @Test func generatedDocumentsAreReadAsLibXMLReadsThemOrGivenUp() {
        var generator = MarkupGenerator(seed: 0xB4EA_CE55)
        let total = 3_000
        var read = 0, cleanRead = 0, clean = 0
        for round in 0..<total {
            let page = generator.document()
            if generator.mess == 0 { clean += 1 }
            guard let fast = tokenizerEvents(page) else { continue }
            read += 1
            if generator.mess == 0 { cleanRead += 1 }
            let slow = libxmlEvents(page)
            #expect(fast == slow, "document \(round): \(String(decoding: page, as: UTF8.self))")
        }
        // With the charset given (an HTTP header naming UTF-8) libxml2 ignores `<meta charset>`
        // and skips a byte order mark however short the page: the same comparison in that mode.
        generator = MarkupGenerator(seed: 0xC4A2_5E7)
        for round in 0..<total / 3 {
            let page = generator.document()
            guard let fast = tokenizerEvents(page, encoding: "UTF-8") else { continue }
            #expect(fast == libxmlEvents(page, encoding: "UTF-8"), "document \(round): \(String(decoding: page, as: UTF8.self))")
        }
        #expect(read > total / 3, "read \(read) of \(total)")
        // Documents written as a CMS writes them are the tokenizer's to read.
        #expect(cleanRead * 10 > clean * 7, "read \(cleanRead) of \(clean) clean documents")
    }

    /// Whole pages: what the audit reads from a page (``PageScan``) is the same whether the
    /// tokenizer or libxml2 sent the events. The page is given as UTF-8 both times; the name
    /// "UTF8" (UTF-8 to libxml2, through iconv) makes the tokenizer step aside, so libxml2 reads it.
    @Test func pagesTheTokenizerReadsScanAsLibXMLScansThem() {
        var pages = HTMLTokenizerTests.demoPages.enumerated().filter { $0.offset % 4 == 0 }.map(\.element.html)
        var generator = MarkupGenerator(seed: 0x5CA_77ED)
        for _ in 0..<600 { pages.append(generator.document()) }
        var compared = 0
        for page in pages {
            let tokenized = page.withUnsafeBufferPointer { buffer -> Bool in
                var recorder = EventRecorder()
                return HTMLTokenizer.read(buffer, encoding: "UTF-8", into: &recorder)
            }
            guard tokenized else { continue }
            compared += 1
            let url = "https://dinkes.contohkab.go.id/berita/"
            let fast = PageScanner.scan(page, url: url, encoding: "UTF-8")
            let slow = PageScanner.scan(page, url: url, encoding: "UTF8")
            let what = String(decoding: page.prefix(300), as: UTF8.self)
            #expect(fast.title == slow.title, "title: \(what)")
            #expect(fast.baseHref == slow.baseHref && fast.language == slow.language, "base, lang: \(what)")
            #expect(fast.links == slow.links, "links: \(what)")
            #expect(fast.headings == slow.headings, "headings: \(what)")
            #expect(fast.metas == slow.metas && fast.times == slow.times && fast.jsonLD == slow.jsonLD, "metadata: \(what)")
            #expect(fast.fragmentTargets == slow.fragmentTargets, "ids: \(what)")
            #expect(fast.namedTexts.map(\.text) == slow.namedTexts.map(\.text), "named texts: \(what)")
            #expect(fast.visiblePieces?.utf8(in: fast.arena) == slow.visiblePieces?.utf8(in: slow.arena), "visible text: \(what)")
            #expect(fast.contentPieces?.utf8(in: fast.arena) == slow.contentPieces?.utf8(in: slow.arena), "content text: \(what)")
        }
        #expect(compared > pages.count / 2, "compared \(compared) of \(pages.count)")
    }

    /// Past the few custom element names the tokenizer remembers per page, each further name is
    /// asked of libxml2 again: still read, still libxml2's events (known names among them too).
    @Test func pagesWithManyCustomElementNamesAreReadAsLibXMLReadsThem() throws {
        var body = ""
        for index in 0..<300 { body += "<x-widget-\(index) id=w\(index)>t\(index)<b>b</b></x-widget-\(index)><p>p</p>" }
        let page = Array("<html><head></head><body>\(body)<x-widget-7>again</x-widget-7></body></html>".utf8)
        let fast = try #require(tokenizerEvents(page), "the tokenizer gave up")
        #expect(fast == libxmlEvents(page))
    }

    private func tokenizerEvents(_ html: [UInt8], encoding: String? = nil) -> [String]? {
        var recorder = EventRecorder()
        let read = html.withUnsafeBufferPointer { HTMLTokenizer.read($0, encoding: encoding, into: &recorder) }
        return read ? recorder.finished : nil
    }

    private func libxmlEvents(_ html: [UInt8], encoding: String? = nil) -> [String] {
        var recorder = EventRecorder()
        LibXMLSAX.read(html, url: "https://dinkes.contohkab.go.id/", encoding: encoding, into: &recorder)
        return recorder.finished
    }
}

/// Small random HTML documents built from a grammar of what CMS pages and broken pages contain:
/// doctypes, comments, head items, nested elements of every kind libxml2 treats specially,
/// attributes in every quoting, text with entities and stray markup characters. Each document
/// has a level of mess (0: what a CMS writes; higher: more damage), so that many are clean enough
/// for the tokenizer to read and the comparison means something. Seeded.
struct MarkupGenerator {
    var random: SplitMix64
    /// Elements and texts left for the document being built (bounds its size).
    private var budget = 0
    /// Percent chance of each risky choice.
    private(set) var mess: UInt64 = 0

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    private mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }
    private mutating func risky() -> Bool { chance(mess) }
    private mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    private mutating func upTo(_ limit: Int) -> Int { Int(random.next() % UInt64(limit + 1)) }

    static let blocks = ["div", "p", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td",
                         "th", "caption", "colgroup", "form", "select", "option", "optgroup", "h1", "h2", "h3", "h6",
                         "blockquote", "pre", "center", "nav", "header", "footer", "article", "aside", "main", "section",
                         "figure", "figcaption", "fieldset", "legend", "address", "details", "summary", "menu", "dir",
                         "noscript", "template", "textarea", "button", "label", "object", "video", "audio", "picture",
                         "map", "iframe", "svg", "g", "my-widget", "x-very-long-custom-element", "o:p", "frameset",
                         "noframes", "title", "xmp", "listing", "plaintext", "marquee", "nobr", "canvas", "math"]
    static let inlines = ["a", "span", "b", "i", "em", "strong", "small", "font", "sup", "sub", "abbr", "code", "time",
                          "q", "u", "s", "strike", "tt", "big", "mark", "cite", "kbd", "var", "ins", "del", "bdo"]
    static let voids = ["br", "img", "hr", "input", "meta", "link", "source", "track", "wbr", "embed", "param", "area",
                        "col", "base", "frame", "basefont", "isindex", "keygen", "path", "circle"]
    static let attributeNames = ["href", "src", "class", "id", "style", "hidden", "title", "alt", "rel", "type", "name",
                                 "content", "data-x", "aria-label", "onclick", "HREF", "Class", "srcset", "datetime",
                                 "role", "lang", "http-equiv", "property", "x:y", "_u", "data.v", "width", ":a", ".b"]
    static let values = ["/", "/berita/", "https://contoh.go.id/a?b=1&c=2", "a&amp;b", "x&ampy", "&#x41;&#66;", "&lt;b&gt;",
                         "display:none", "visibility: hidden", "font-size:0", "left:-9999px", "nofollow", "main",
                         "entry-content", "sidebar widget", "menu", "content", "", " spaced  value ", "é ü",
                         "a\nb", "a\r\nb\tc", "it's", "say \"hi\"", "a>b", "a/b/", "&copy &nbsp;x", "&hellip;", "&#8211;",
                         "&#x2F;&#47;", "&foo;", "&amp", "&", "&1", "text/html; charset=utf-8", "utf-8",
                         "application/ld+json", "2026-11-02", "#", "javascript:void(0)", "mailto:a@b.c", "&_x;&a:b;&a.b;",
                         "&#X41;&#x000041;", "&#150;&#13;", "&amp;&AMP;", "😀", "&euro;&trade;", "&#x0D;"]
    static let riskyValues = ["&#0;", "&#x110000;", "&#;", "&#x;", "&é", "&#xD800;", "&#65"]
    static let texts = ["Dinas", "Kesehatan", " ", "  ", "\n", "\r\n", "\t", "Kabupaten Contoh", "é", "\u{A0}", "—",
                        "&amp;", "&nbsp;", "&nbsp", "&hellip;", "&#8211;", "&#x41;", "&#X2014;", "&bogus;",
                        "&amp", "& ", "&", "&1", "&lt;b&gt;", "&AMP;", "a < b", "<3", "< ", "1 > 0", "\"", "'", "=",
                        "/", "x;y", "&#13;", "&#x0D;", "&#9;", "&#150;", "&apos;", "&euro;", "&quot;",
                        "tanggal 2 Nov 2026", "&_a;", "&a:b;", "😀", "&ampx;", "&amp1;", "&#0065;", "<é", "]]>", "&#x10FFFF;"]
    static let riskyTexts = ["&#65", "&#0;", "&#x110000;", "&#;", "&é", "<!x>", "<?php x ?>", "<![CDATA[x]]>", "<_a>",
                             "<.a>", "</ a>", "</1>", "\u{1}", "<!DOCTYPE html>", "<", "&#xFFFE;"]
    static let comments = ["<!-- c -->", "<!---->", "<!-- a -- b -->", "<!--[if lt IE 9]><script src=x></script><![endif]-->",
                           "<!--[if !IE]>--><b>x</b><!--<![endif]-->", "<!--<!-- nested -->", "<!---x--->",
                           "<!-- a > b -->", "<!--\n-->", "<!-- -- -->"]
    static let riskyComments = ["<!-- --!> -->", "<!--->", "<!-->", "<!-- unterminated"]
    static let scripts = ["var a = 1;", "if (a<b) {}", "document.write('<a href=x>y</a>');", "x = '<\\/div>';",
                          "a</b>c", "<!-- hide", "x</scr", "", " ", "\n  ", "<p>tmpl</p>",
                          "<div class=x>t</div>", "p { color: red }", "&amp;", "a = \"</style>\";", "<b>"]
    static let riskyScripts = ["</scr", "x = '</SCRIPT' + '>';", "<body>", "<noscript>", "<frameset>", "</div>", "x = '</script';", "</scriptx>", "</ x>",
                               "<head>", "<title>t</title>"]
    static let doctypes = ["<!DOCTYPE html>", "<!doctype html>", "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">",
                           "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">",
                           "<!DOCTYPE html SYSTEM \"about:legacy-compat\">", "<!DOCTYPE>", "<!DOCTYPEhtml>",
                           "<!DOCTYPE html PUBLIC 'a' 'b'>", "<!DOCTYPE html PUBLIC \"a\">", "<!DOCTYPE html >"]
    static let riskyDoctypes = ["<!DOCTYPE html \"x>y\">", "<!DOCTYPE html PUBLIC \"a\tb\">", "<!DOCTYPE html foo>",
                                "<!DOCTYPE html PUBLIC \"a\" x \"b>c\">", "<!DOCTYPE html PUBLIC \"a<b>\">",
                                "<!DOCTYPE html SYSTEM>", "<!DOCTYPE é>"]

    mutating func document() -> [UInt8] {
        budget = 40
        mess = pick([0, 0, 0, 1, 2, 5, 15])
        var out = ""
        if chance(3) { out += "\u{FEFF}" }
        if chance(20) { out += pick(["\n", "  ", "\r\n", "\t"]) }
        if chance(20) { out += comment() + pick(["", "\n"]) }
        if chance(70) {
            out += risky() ? pick(Self.riskyDoctypes) : pick(Self.doctypes)
            out += pick(["", "\n", "\r\n", " "])
        }
        if chance(10) { out += comment() + "\n" }
        if !risky() { out += pick(["<html>", "<html lang=\"id\">", "<HTML>", "<html lang=id class='no-js'>", "<html >"]) }
        out += blank()
        if !risky() {
            out += pick(["<head>", "<HEAD>", "<head profile=x>"])
            for _ in 0..<upTo(6) { out += headItem() + blank() }
            if !risky() { out += pick(["</head>", "</HEAD>", "</head >"]) }
            out += blank()
        }
        if risky() { out += pick(["<script>s</script>", "<div>x</div>", "teks", "<meta name=a content=b>", "<my-el>"]) + blank() }
        if !risky() {
            out += "<body" + attributes() + ">"
            out += content(depth: 0)
            if !risky() { out += pick(["</body>", "</BODY>", "</body >"]) }
        } else {
            out += content(depth: 0)
        }
        if chance(20) {
            out += blank() + (risky() ? pick(["<script>a()</script>", "<p>setelah</p>", "x", "</div>", "<br>"]) : "<!-- akhir -->")
        }
        if !risky() { out += pick(["</html>", "</HTML>", "</html>\n", "</html>\n<!-- c -->\n"]) }
        if chance(10) { out += risky() ? pick(["<script>b()</script>", " t", "<html>", "</p>"]) : pick(["\n", "\n\n", "<!-- x -->"]) }
        return Array(out.utf8)
    }

    private mutating func comment() -> String { risky() ? pick(Self.riskyComments) : pick(Self.comments) }

    private mutating func blank() -> String {
        if risky() { return pick([String(repeating: " ", count: 990 + upTo(20)), "x", "&amp;", "\u{A0}", "< "]) }
        return pick(["", "", "\n", "\n  ", "\r\n", "\t", " "])
    }

    private mutating func rawText() -> String { risky() ? pick(Self.riskyScripts) : pick(Self.scripts) }

    private mutating func headItem() -> String {
        switch random.next() % 12 {
        case 0:
            let safe = ["<meta charset=\"utf-8\">", "<meta charset=UTF-8>", "<meta charset=' utf8'>", "<meta charset>",
                        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">"]
            let unsafe = ["<meta charset=windows-1252>", "<meta http-equiv=content-type content='text/html;charset=ISO-8859-1'>",
                          "<meta charset=\"utf-8\" charset=latin1>", "<meta charset=\"utf-8 \">", "<meta charset=utf-8/>",
                          "<meta http-equiv=\"Content-Type\" content=\"text/html; charset = latin1\">"]
            return risky() ? pick(unsafe) : pick(safe)
        case 1: return "<meta" + attributes() + ">"
        case 2: return "<title>" + text() + "</title>"
        case 3: return "<link" + attributes() + pick([">", "/>", " />"])
        case 4: return "<script" + attributes() + ">" + rawText() + pick(["</script>", "</SCRIPT>", "</script >"])
        case 5: return "<style>" + rawText() + "</style>"
        case 6: return risky() ? pick(Self.comments + Self.riskyComments) : pick(["<!-- c -->", "<!---->", "<!--\n-->"])
        case 7: return "<base href=\"/\">"
        case 8: return "<noscript><img src=x><link href=y></noscript>"
        case 9: return pick(["<meta name=viewport content=\"width=device-width\">", "<meta property=og:title content='a &amp; b'>"])
        case 10: return risky() ? pick(["<my-el>", "<div>x</div>", "<p>", "teks", "&amp;", "<object>"]) : "<meta name=x>"
        default: return "<script src=\"/s.js\"" + pick(["></script>", "/>", " defer></script>"])
        }
    }

    private mutating func attributes() -> String {
        var out = ""
        for _ in 0..<upTo(chance(80) ? 2 : 5) {
            out += pick([" ", " ", "\n", "  ", "\t"])
            out += pick(Self.attributeNames)
            let value = risky() ? pick(Self.riskyValues) : pick(Self.values)
            switch random.next() % 10 {
            case 0: break
            case 1: out += "='" + value.replacingOccurrences(of: "'", with: "") + "'"
            case 2:
                let bare = value.filter { ![" ", "\n", "\r", "\t", ">", "\r\n"].contains($0) }
                out += "=" + (bare.isEmpty ? "x" : bare)
            case 3: out += pick([" = ", "= ", " =", "\n=\n"]) + "\"" + value.replacingOccurrences(of: "\"", with: "") + "\""
            default: out += "=\"" + value.replacingOccurrences(of: "\"", with: "&quot;") + "\""
            }
        }
        if risky() { out += pick([" /", " \"x\"", " =x", " 1a=2", " @click=x", " a=", " -x=1", " a=''b=c", " a='x"]) }
        return out
    }

    private mutating func text() -> String {
        var out = ""
        for _ in 0...upTo(3) { out += risky() ? pick(Self.riskyTexts) : pick(Self.texts) }
        return out
    }

    private mutating func content(depth: Int) -> String {
        var out = ""
        for _ in 0..<upTo(depth == 0 ? 8 : 4) {
            guard budget > 0 else { break }
            budget -= 1
            switch random.next() % 20 {
            case 0, 1, 2, 3: out += text()
            case 4: out += comment()
            case 5: out += "<" + pick(Self.voids) + attributes() + pick([">", "/>", " />", ">"])
            case 6: out += "<script" + attributes() + ">" + rawText() + pick(["</script>", "</SCRIPT>", "</script >", "</script\n>"])
            case 7: out += "<style>" + rawText() + "</style>"
            case 8:
                guard risky() else { continue }
                out += pick(["</p>", "</div>", "</span>", "</a>", "</li>", "</td>", "</x>", "</br>", "</table>",
                             "</form>", "</b>", "</my-widget>", "</head>", "</body>", "</html>", "<html>", "<head>", "<body>"])
            case 9:
                guard risky() else { continue }
                out += pick(["<p>", "<li>", "<dt>", "<dd>", "<option>", "<td>", "<tr>", "<a href=x>", "<b>", "<div>"])
            case 10, 11, 12:
                out += element(pick(Self.inlines), depth: depth)
            default:
                out += element(pick(Self.blocks), depth: depth)
            }
        }
        return out
    }

    private mutating func element(_ name: String, depth: Int) -> String {
        let written = chance(5) ? name.uppercased() : name
        var out = "<" + written + attributes()
        if chance(4) { return out + pick(["/>", " />"]) }
        out += ">"
        if depth < 6 { out += content(depth: depth + 1) }
        if !risky() { out += "</" + (chance(5) ? name.uppercased() : name) + pick([">", " >", "\n>"]) }
        return out
    }
}

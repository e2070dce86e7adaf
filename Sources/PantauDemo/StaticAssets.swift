/// Tiny but valid files the generated sites link to, so that every non-planted link answers 200.
enum StaticAssets {
    /// A 1×1 transparent GIF89a (43 bytes), the classic spacer image.
    static let gif: [UInt8] = [
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
        0xFF, 0xFF, 0xFF, 0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00,
        0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
    ]

    static let css = """
    body{font-family:sans-serif;margin:0}.top-bar{background:#0b4f8a;color:#fff;padding:4px 12px}
    .site-content{display:flex;gap:24px;padding:12px}main{flex:3}aside{flex:1}footer{padding:12px;background:#eee}

    """

    /// A one-page PDF 1.4 with a correct cross-reference table (ISO 32000-1 §7.5), showing `title`.
    static func pdf(title: String) -> [UInt8] {
        let safe = String(title.unicodeScalars.filter { $0.isASCII && $0 != "(" && $0 != ")" && $0 != "\\" })
        let stream = "BT /F1 16 Tf 72 760 Td (\(safe)) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            out += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
        }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(out.utf8)
    }
}

/// The report's only CSS and script, inlined so the file works offline and from an e-mail.
enum HTMLStyle {
    /// Opens every collapsed `<details>` before printing, so paper shows every referrer.
    static let printScript =
        #"addEventListener("beforeprint",function(){document.querySelectorAll("details").forEach(function(d){d.open=true})});"#

    /// Content Security Policy (W3C CSP Level 3): nothing is loaded from anywhere, inline styles
    /// are allowed, and the only script that may run is ``printScript`` by its hash. Escaping is the
    /// real defence against crawled markup; this is the second wall if escaping ever slips.
    /// Recompute the hash when the script changes:
    /// `printf '%s' '<script text>' | openssl dgst -sha256 -binary | base64`.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; "
        + "script-src 'sha256-GpTnJ7XwVcMMKWdObwMqkWrQ+v6uUITCf5S1AORc+yA='; base-uri 'none'; form-action 'none'"

    static let css = """
    :root{--fg:#1d2430;--muted:#5b6574;--line:#d9dee5;--soft:#f4f6f9;--accent:#0b5cad}
    *{box-sizing:border-box}
    body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:var(--fg);background:#fff}
    main{max-width:1120px;margin:0 auto;padding:24px 16px 48px}
    h1{font-size:1.6rem;line-height:1.25;margin:0 0 6px}
    h2{font-size:1.3rem;margin:36px 0 12px;padding-bottom:4px;border-bottom:2px solid var(--line)}
    h3{font-size:1.15rem;margin:0 0 4px}
    h4{font-size:1rem;margin:18px 0 8px}
    a{color:var(--accent)}
    .meta{color:var(--muted);margin:0 0 8px}
    .banner{border-left:4px solid #b42318;background:#fef3f2;padding:8px 12px;margin:16px 0}
    .stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px;margin-bottom:16px}
    .stat{background:var(--soft);border-radius:8px;padding:10px 14px}
    .stat b{display:block;font-size:1.7rem;line-height:1.2;font-variant-numeric:tabular-nums}
    .stat span{color:var(--muted);font-size:.9rem}
    .dist{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:6px 0 12px}
    .dist .label{color:var(--muted);min-width:9em}
    .guide{color:var(--muted);font-size:.9em;max-width:60em;margin:4px 0 0}
    .table-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:8px}
    table{border-collapse:collapse;width:100%;font-size:.9rem}
    th,td{padding:7px 8px;text-align:left;border-bottom:1px solid var(--line);vertical-align:top}
    th{background:var(--soft);font-weight:600;line-height:1.25}
    tbody tr:last-child td{border-bottom:0}
    .num{text-align:right;font-variant-numeric:tabular-nums}
    td.num{white-space:nowrap}
    .nowrap{white-space:nowrap}
    .badge{display:inline-block;padding:1px 9px;border-radius:999px;font-size:.82em;font-weight:600;white-space:nowrap;background:#eaecf0;color:#344054}
    .good{background:#dcfae6;color:#085d3a}
    .fair{background:#d1ecf7;color:#0b4a6f}
    .mid{background:#fef0c7;color:#7a2e0e}
    .low{background:#fee4cc;color:#93370d}
    .bad{background:#fee4e2;color:#912018}
    .groups{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:12px}
    .group{border:1px solid var(--line);border-radius:8px;padding:10px 14px}
    .group h3{display:flex;justify-content:space-between;align-items:center}
    .group ol{margin:6px 0 0;padding-left:1.4em}
    article.inst{border-top:2px solid var(--line);padding-top:18px;margin-top:28px}
    h2+article.inst{border-top:0;padding-top:0;margin-top:0}
    .headline{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:8px 0}
    .score{font-size:1.5rem;font-weight:700;font-variant-numeric:tabular-nums}
    .cats{display:grid;grid-template-columns:minmax(110px,240px) minmax(80px,1fr) 3.5em;gap:6px 12px;align-items:center;max-width:720px}
    .bar{background:#e6e9ee;border-radius:4px;height:10px}
    .bar span{display:block;height:100%;border-radius:4px;background:var(--accent)}
    .url{overflow-wrap:anywhere}
    .tech{color:var(--muted);overflow-wrap:anywhere}
    ul.items{list-style:none;padding:0;margin:0}
    ul.items>li{border:1px solid var(--line);border-radius:8px;padding:8px 12px;margin-bottom:8px}
    .sub{color:var(--muted);font-size:.88rem}
    .evidence{margin:6px 0 0;padding-left:1.2em;font-size:.9rem}
    .evidence li{margin-bottom:4px}
    .msg{white-space:pre-line}
    blockquote{white-space:pre-line;margin:4px 0;padding:2px 10px;border-left:3px solid var(--line);color:#344054;overflow-wrap:anywhere}
    code{font-size:.85em;overflow-wrap:anywhere}
    details summary{cursor:pointer;color:var(--accent)}
    ol.plain{margin:4px 0;padding-left:1.6em}
    .empty{color:var(--muted);font-style:italic}
    footer{color:var(--muted);font-size:.85rem;margin-top:40px;border-top:1px solid var(--line);padding-top:8px}
    @media (max-width:600px){body{font-size:14px}main{padding:16px 10px}th,td{padding:5px 6px}.cats{grid-template-columns:minmax(90px,1fr) 1fr 3em}}
    @page{size:A4;margin:14mm 12mm}
    @media print{
      body{font-size:10pt}
      table{font-size:8.5pt}
      th,td{padding:3px 4px}
      .badge{padding:0 5px;white-space:normal;border-radius:6px}
      .nowrap{white-space:normal}
      main{max-width:none;padding:0}
      .table-wrap{overflow:visible;border:0}
      a{color:inherit;text-decoration:none}
      .noprint{display:none}
      article.inst{break-before:page;border-top:0}
      h2,h3,h4{break-after:avoid}
      tr,ul.items>li{break-inside:avoid}
      *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
    }
    """
}

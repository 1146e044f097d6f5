import LedgerModel

extension ReportDocument {
    /// The status colours: the Okabe–Ito palette (safe for the common colour-vision deficiencies),
    /// with grey for cells the ledger cannot say anything about.
    static let palette: [CountedStatus: String] = [
        .implemented: "#009E73", .partial: "#56B4E9", .planned: "#E69F00", .noMeasures: "#D55E00",
        .ratedExternally: "#CC79A7", .assessedOnly: "#0072B2", .notApplicable: "#FFFFFF", .notReported: "#BBBBBB",
    ]

    /// The counted status a status column's cell shows (its ``CountedStatus/label``).
    static let statusOfLabel: [String: CountedStatus] = Dictionary(uniqueKeysWithValues: CountedStatus.allCases.map { ($0.label, $0) })

    /// The counted status a status column's cell shows in `localizer`'s language.
    static func countedStatus(ofLabel label: String, _ localizer: Localizer) -> CountedStatus? {
        localizer.language == .en ? statusOfLabel[label] : CountedStatus.allCases.first { localizer.label($0) == label }
    }

    /// A colour for an aggregated score in [0, 1]: vermillion (0) through yellow to bluish green (1).
    static func scoreColour(_ score: Double) -> String {
        let stops: [(Double, (Double, Double, Double))] = [(0, (213, 94, 0)), (0.5, (240, 228, 66)), (1, (0, 158, 115))]
        let x = min(1, max(0, score))
        let (lo, hi) = x <= 0.5 ? (stops[0], stops[1]) : (stops[1], stops[2])
        let t = (x - lo.0) / (hi.0 - lo.0)
        func mix(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * t).rounded()) }
        let rgb = [mix(lo.1.0, hi.1.0), mix(lo.1.1, hi.1.1), mix(lo.1.2, hi.1.2)]
        return "#" + rgb.map { String($0, radix: 16).leftPadded(2) }.joined()
    }

    /// One self-contained HTML file: inline CSS and SVG, no script, no font or image from the network.
    /// For the dashboard (`dashboard` given): its navigation and controls, notes in a browser reader's
    /// words, codes linked to their pages and tables sorted by the column asked for.
    public func renderHTML(dashboard: Dashboard? = nil) -> String {
        func reword(_ line: String) -> String { dashboard == nil ? line : Self.forBrowser(line, localizer) }
        var out = """
            <!DOCTYPE html>
            <html lang="\(localizer.language.rawValue)"\(localizer.language.isRightToLeft ? " dir=\"rtl\"" : "")>
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escapeXML(title))</title>
            <style>\(Self.css)\(localizer.language.isRightToLeft ? "\n" + Self.rightToLeftCSS : "")</style>
            </head>
            <body>

            """
        if let dashboard { out += dashboard.navigation }
        out += "<main>\n<h1>\(escapeXML(title))</h1>\n"
        for banner in banners { out += "<p class=\"banner\">\(escapeXML(banner))</p>\n" }
        if !facts.isEmpty { out += "<ul class=\"facts\">" + facts.map { "<li>\(escapeXML(reword($0)))</li>" }.joined() + "</ul>\n" }
        if let dashboard { out += dashboard.controls }
        for chart in charts {
            let grouped: Bool
            if case .heatMap = chart, charts.count > 2 { grouped = true } else { grouped = false }
            out += "<figure\(grouped ? " class=\"group\"" : "")><div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(escapeXML(localizer.text("report.html.chart", ["title": chart.title])))\">"
                + Self.svg(chart, localizer) + "</div></figure>\n"
        }
        for section in sections { out += Self.table(section, dashboard: dashboard, localizer: localizer) }
        if !notes.isEmpty { out += "<section><h2>\(escapeXML(localizer.text("document.notes")))</h2><ul>" + notes.map { "<li>\(escapeXML(reword($0)))</li>" }.joined() + "</ul></section>\n" }
        out += "</main>\n"
        if let log { out += "<footer><p class=\"log\">\(escapeXML(log))</p></footer>\n" }
        out += "</body>\n</html>\n"
        return out
    }

    /// One section as a table in a keyboard-reachable scrolling box; on the dashboard its headers sort it.
    package static func table(_ section: Section, dashboard: Dashboard?, localizer: Localizer = .english) -> String {
        var out = "<section><h2>\(escapeXML(section.title))</h2>\n"
        if section.rows.isEmpty { return out + "<p>\(escapeXML(localizer.text("document.none")))</p></section>\n" }
        let sorted = dashboard.flatMap { d in d.sort.flatMap { order(of: section, by: $0, descending: d.descending) } }
        out += "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(escapeXML(localizer.text("report.html.table", ["title": section.title])))\"><table><thead><tr>"
        for header in section.headers {
            guard let dashboard, section.rows.count > 1 else {
                out += "<th scope=\"col\">\(escapeXML(header))</th>"
                continue
            }
            let key = columnKey(header)
            let current = dashboard.sort == key && sorted != nil
            let next = current && !dashboard.descending ? "desc" : "asc"
            let state = current ? " aria-sort=\"\(dashboard.descending ? "descending" : "ascending")\"" : ""
            let arrow = current ? (dashboard.descending ? " ▼" : " ▲") : ""
            out += "<th scope=\"col\"\(state)><a href=\"\(escapeXML(dashboard.link([("sort", key), ("dir", next)])))\" title=\"\(escapeXML(localizer.text("report.html.sort_by", ["column": header])))\">\(escapeXML(header))\(arrow)</a></th>"
        }
        out += "</tr></thead><tbody>\n"
        func cells(_ row: [String], at index: Int?) -> String {
            var line = "<tr>"
            for (column, cell) in row.enumerated() {
                var content = escapeXML(cell)
                if column == section.statusColumn, let status = countedStatus(ofLabel: cell, localizer) {
                    content = "<span class=\"swatch\" style=\"background:\(palette[status]!)\"></span>" + content
                }
                if dashboard != nil, let index, let target = section.links[column]?[index] {
                    content = "<a href=\"\(escapeXML(target))\">\(content)</a>"
                }
                if let index, let extra = section.secondary[column]?[index], !extra.isEmpty {
                    content += (cell.isEmpty ? "" : " ") + "<small class=\"id\">\(escapeXML(extra))</small>"
                }
                line += "<td>\(content)</td>"
            }
            return line + "</tr>\n"
        }
        for index in sorted ?? Array(section.rows.indices) { out += cells(section.rows[index], at: index) }
        out += "</tbody>"
        if !section.footer.isEmpty { out += "<tfoot>\n" + section.footer.map { cells($0, at: nil) }.joined() + "</tfoot>" }
        return out + "</table></div></section>\n"
    }

    static let css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,"Noto Sans","Noto Sans Arabic","Noto Naskh Arabic","Noto Sans CJK SC","Noto Sans SC",sans-serif;margin:0;color:#222;background:#fff}
        main{max-width:1100px;margin:0 auto;padding:1rem}
        h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
        .facts{padding-left:1.2rem;font-size:.9rem;color:#444}
        .banner{border:2px solid #D55E00;background:#fff4ec;padding:.5rem .75rem;font-weight:bold}
        figure{margin:1rem 0}figure svg{display:block;height:auto}
        .scroll{overflow-x:auto}.scroll:focus{outline:2px solid #0072B2;outline-offset:2px}
        table{border-collapse:collapse;font-size:.85rem;width:100%}
        th,td{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
        th{background:#f4f4f4;position:sticky;top:0}th a{color:inherit}tfoot td{font-weight:bold;border-top:2px solid #888}
        small.id{color:#555;font-size:.8em;white-space:nowrap}
        .swatch{display:inline-block;width:.8em;height:.8em;margin-right:.35em;border:1px solid #888;vertical-align:-.05em}
        nav.dash{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;max-width:1100px;margin:0 auto;padding:.5rem 1rem;border-bottom:1px solid #ddd}
        nav.dash form,form.filters{display:flex;flex-wrap:wrap;gap:.25rem;align-items:center;margin:0}
        nav.dash select,nav.dash input,nav.dash button{font-size:.9rem;max-width:14rem}
        nav.dash .account{margin-left:auto}nav.dash[dir=rtl] .account{margin-left:0;margin-right:auto}nav.languages{display:flex;flex-wrap:wrap;gap:.5rem;max-width:1100px;margin:0 auto;padding:.25rem 1rem;font-size:.9rem}
        form.filters{margin:.5rem 0;padding:.5rem;background:#f7f7f7;border:1px solid #ddd}form.filters label{margin-right:.5rem}
        .downloads{font-size:.9rem}
        @media (max-width:600px){nav.dash form{width:100%}nav.dash select{flex:1 1 0;min-width:0;width:100%;max-width:none}nav.dash .account,nav.dash[dir=rtl] .account{margin-left:0;margin-right:0}}
        @media print{nav,form,button,.downloads,.noprint{display:none}th{position:static}th a{text-decoration:none}
        .scroll{overflow:visible}figure,tr{page-break-inside:avoid;break-inside:avoid}figure.group~figure.group{break-before:page}
        body{font-size:10pt}main{max-width:none;padding:0}}
        """

    /// What a page written right to left changes: cells and lists aligned to the right, a swatch's gap on its left.
    static let rightToLeftCSS = """
        .facts{padding-left:0;padding-right:1.2rem}th,td{text-align:right}
        .swatch{margin-right:0;margin-left:.35em}form.filters label{margin-right:0;margin-left:.5rem}input[type=date]{direction:ltr}
        """

    static func svg(_ chart: Chart, _ l: Localizer = .english) -> String {
        switch chart {
        case .heatMap(let title, let rows, let columns, let cells): heatMap(title: title, rows: rows, columns: columns, cells: cells, l)
        case .bars(let title, let groups): bars(title: title, groups: groups, l)
        case .timeline(let title, let series): timeline(title: title, series: series, l)
        }
    }

    /// A chart's geometry drawn left to right, or mirrored for a language written right to left: every x
    /// measured from the right edge, and the SVG's `direction` set so that each text's start is on its right
    /// (text anchors then keep their meaning: a label that ends at the bars in English starts at them in Arabic).
    struct Mirror {
        let width: Int
        let on: Bool

        init(width: Int, _ l: Localizer) {
            self.width = width
            on = l.language.isRightToLeft
        }

        /// A point's x.
        func x(_ x: Int) -> Int { on ? width - x : x }
        /// The left edge of a box drawn from `x`, `boxWidth` wide.
        func box(_ x: Int, _ boxWidth: Int) -> Int { on ? width - x - boxWidth : x }
        /// The SVG root's attribute for the direction of its text (none left to right).
        var direction: String { on ? " direction=\"rtl\"" : "" }
        /// A rotation for text that rises away from its anchor (rising to the left when mirrored).
        func rise(_ degrees: Int) -> Int { on ? -degrees : degrees }
    }

    static func heatMap(title: String, rows: [String], columns: [String], cells: [[HeatCell]], _ l: Localizer = .english) -> String {
        let cell = 14
        let labelWidth = max(36, (rows.map(\.count).max() ?? 4) * 6 + 8)
        let longest = columns.map(\.count).max() ?? 4
        // Column labels rise at 60°: about 5 px a character along the text, so 4.4 px up and 2.5 px
        // across a character: the last ones need room on the right as well as above.
        let top = max(40, longest * 9 / 2 + 24)
        let aggregated = cells.joined().contains { $0.score != nil }
        let present = Set(cells.joined().map(\.status))
        let legend: [CountedStatus] = aggregated ? [.notApplicable, .notReported] : CountedStatus.allCases.filter(present.contains)
        let scoreWord = l.text("report.chart.score")
        let scaleStart = max(40, scoreWord.count * 6 + 8)
        let width = max(labelWidth + columns.count * cell + longest * 5 / 2 + 12, title.count * 7 + 8, 360)
        let m = Mirror(width: width, l)
        // The legend's entries, wrapped to the chart's width.
        let legendStart = aggregated ? scaleStart + 11 * 14 + 20 : 0
        var placed: [(status: CountedStatus, x: Int, line: Int)] = []
        var x = legendStart, line = 0
        for status in legend {
            let entry = 16 + l.label(status).count * 6 + 14
            if x > legendStart && x + entry > width { (x, line) = (legendStart, line + 1) }
            placed.append((status, x, line))
            x += entry
        }
        let legendHeight = 56 + line * 18
        let height = top + rows.count * cell + legendHeight
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" font-family=\"sans-serif\" font-size=\"9\"\(m.direction)>"
        out += "<title>\(escapeXML(title))</title><text x=\"\(m.x(0))\" y=\"12\" font-size=\"12\" font-weight=\"bold\">\(escapeXML(title))</text>"
        for (c, column) in columns.enumerated() {
            let x = labelWidth + c * cell + cell / 2
            out += "<text transform=\"translate(\(m.x(x)),\(top - 4)) rotate(\(m.rise(-60)))\">\(escapeXML(column))</text>"
        }
        for (r, row) in rows.enumerated() {
            let y = top + r * cell
            out += "<text x=\"\(m.x(labelWidth - 4))\" y=\"\(y + cell - 3)\" text-anchor=\"end\">\(escapeXML(row))</text>"
            for (c, value) in cells[r].enumerated() {
                let colour = value.score.map(scoreColour) ?? palette[value.status]!
                out += "<rect x=\"\(m.box(labelWidth + c * cell, cell - 1))\" y=\"\(y)\" width=\"\(cell - 1)\" height=\"\(cell - 1)\" fill=\"\(colour)\" stroke=\"#999\" stroke-width=\"0.3\"><title>\(escapeXML(value.tooltip))</title></rect>"
            }
        }
        // Legend.
        let y = top + rows.count * cell + 16
        if aggregated {
            out += "<text x=\"\(m.x(0))\" y=\"\(y + 9)\">\(escapeXML(scoreWord))</text>"
            for step in 0...10 {
                out += "<rect x=\"\(m.box(scaleStart + step * 14, 14))\" y=\"\(y)\" width=\"14\" height=\"12\" fill=\"\(scoreColour(Double(step) / 10))\"/>"
            }
            out += "<text x=\"\(m.x(scaleStart))\" y=\"\(y + 24)\">0</text><text x=\"\(m.x(scaleStart + 11 * 14))\" y=\"\(y + 24)\" text-anchor=\"end\">1</text>"
        }
        for entry in placed {
            let top = y + entry.line * 18
            out += "<rect x=\"\(m.box(entry.x, 12))\" y=\"\(top)\" width=\"12\" height=\"12\" fill=\"\(palette[entry.status]!)\" stroke=\"#888\" stroke-width=\"0.5\"/><text x=\"\(m.x(entry.x + 16))\" y=\"\(top + 10)\">\(escapeXML(l.label(entry.status)))</text>"
        }
        return out + "</svg>"
    }

    static func bars(title: String, groups: [(label: String, coverage: Double?, score: Double?)], _ l: Localizer = .english) -> String {
        // Room for the longest label (an Arabic group's name is longer than any English one).
        let labelWidth = max(200, (groups.map(\.label.count).max() ?? 0) * 6 + 12), barWidth = 320, rowHeight = 34, top = 40
        let height = top + groups.count * rowHeight + 30
        let width = labelWidth + barWidth + 80
        let m = Mirror(width: width, l)
        let coverage = l.text("report.chart.coverage"), score = l.text("report.chart.score")
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" font-family=\"sans-serif\" font-size=\"11\"\(m.direction)>"
        out += "<title>\(escapeXML(title))</title><text x=\"\(m.x(0))\" y=\"14\" font-size=\"12\" font-weight=\"bold\">\(escapeXML(title))</text>"
        let second = max(90, coverage.count * 7 + 24)
        out += "<rect x=\"\(m.box(labelWidth, 10))\" y=\"22\" width=\"10\" height=\"10\" fill=\"#0072B2\"/><text x=\"\(m.x(labelWidth + 14))\" y=\"31\">\(escapeXML(coverage))</text>"
        out += "<rect x=\"\(m.box(labelWidth + second, 10))\" y=\"22\" width=\"10\" height=\"10\" fill=\"#E69F00\"/><text x=\"\(m.x(labelWidth + second + 14))\" y=\"31\">\(escapeXML(score))</text>"
        for (index, group) in groups.enumerated() {
            let y = top + index * rowHeight
            out += "<text x=\"\(m.x(labelWidth - 6))\" y=\"\(y + 18)\" text-anchor=\"end\">\(escapeXML(group.label))</text>"
            for (offset, (value, colour)) in [(group.coverage, "#0072B2"), (group.score, "#E69F00")].enumerated() {
                let barY = y + 4 + offset * 13
                let length = Int(((value ?? 0) * Double(barWidth)).rounded())
                out += "<rect x=\"\(m.box(labelWidth, barWidth))\" y=\"\(barY)\" width=\"\(barWidth)\" height=\"11\" fill=\"#f0f0f0\"/>"
                out += "<rect x=\"\(m.box(labelWidth, length))\" y=\"\(barY)\" width=\"\(length)\" height=\"11\" fill=\"\(colour)\"/>"
                out += "<text x=\"\(m.x(labelWidth + barWidth + 6))\" y=\"\(barY + 10)\">\(value.map { l.number(ScoreTally.fixed($0)) } ?? l.text("report.chart.no_value"))</text>"
            }
        }
        return out + "</svg>"
    }

    static func timeline(title: String, series: [(label: String, points: [(year: Int, value: Int)])], _ l: Localizer = .english) -> String {
        let width = 760, height = 300, left = 44, right = 250, top = 30, bottom = 30
        let m = Mirror(width: width, l)
        let years = series.flatMap { $0.points.map(\.year) }
        guard let first = years.min(), let last = years.max(), last > first else {
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"30\"\(Mirror(width: 400, l).direction)><text x=\"\(Mirror(width: 400, l).x(0))\" y=\"20\" font-family=\"sans-serif\" font-size=\"12\">\(escapeXML(l.text("report.chart.no_data", ["title": title])))</text></svg>"
        }
        let maxValue = max(1, series.flatMap { $0.points.map(\.value) }.max() ?? 1)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        // Years run from the axis outward: left to right, or right to left when mirrored.
        func x(_ year: Int) -> Int { m.x(left + (year - first) * plotWidth / (last - first)) }
        func y(_ value: Int) -> Int { top + plotHeight - value * plotHeight / maxValue }
        let colours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000", "#F0E442"]
        let dashes = ["", "6,3", "2,2", "8,3,2,3"]
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" font-family=\"sans-serif\" font-size=\"10\"\(m.direction)>"
        out += "<title>\(escapeXML(title))</title><text x=\"\(m.x(0))\" y=\"14\" font-size=\"12\" font-weight=\"bold\">\(escapeXML(title))</text>"
        out += "<line x1=\"\(m.x(left))\" y1=\"\(top + plotHeight)\" x2=\"\(m.x(left + plotWidth))\" y2=\"\(top + plotHeight)\" stroke=\"#444\"/>"
        out += "<line x1=\"\(m.x(left))\" y1=\"\(top)\" x2=\"\(m.x(left))\" y2=\"\(top + plotHeight)\" stroke=\"#444\"/>"
        for tick in stride(from: 0, through: maxValue, by: max(1, maxValue / 5)) {
            out += "<text x=\"\(m.x(left - 4))\" y=\"\(y(tick) + 3)\" text-anchor=\"end\">\(tick)</text><line x1=\"\(m.x(left))\" y1=\"\(y(tick))\" x2=\"\(m.x(left + plotWidth))\" y2=\"\(y(tick))\" stroke=\"#eee\"/>"
        }
        for year in stride(from: first - first % 10 + (first % 10 == 0 ? 0 : 10), through: last, by: 10) {
            out += "<text x=\"\(x(year))\" y=\"\(top + plotHeight + 14)\" text-anchor=\"middle\">\(year)</text>"
        }
        for (index, line) in series.enumerated() {
            let colour = colours[index % colours.count], dash = dashes[(index / colours.count + index) % dashes.count]
            let points = line.points.map { "\(x($0.year)),\(y($0.value))" }.joined(separator: " ")
            out += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.8\" stroke-dasharray=\"\(dash)\" points=\"\(points)\"><title>\(escapeXML(line.label))</title></polyline>"
            let legendY = top + index * 14
            out += "<line x1=\"\(m.x(left + plotWidth + 10))\" y1=\"\(legendY)\" x2=\"\(m.x(left + plotWidth + 30))\" y2=\"\(legendY)\" stroke=\"\(colour)\" stroke-width=\"2\" stroke-dasharray=\"\(dash)\"/>"
            out += "<text x=\"\(m.x(left + plotWidth + 34))\" y=\"\(legendY + 3)\">\(escapeXML(line.label)) (\(line.points.last?.value ?? 0))</text>"
        }
        return out + "</svg>"
    }
}

/// Escapes text for HTML and SVG (`&`, `<`, `>`, `"`); shared with the dashboard.
package func escapeXML(_ text: String) -> String {
    var out = ""
    for character in text {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.append(character)
        }
    }
    return out
}


extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

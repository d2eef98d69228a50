/// A gettext PO file as a glossary (GNOME's glossaries are kept so): each
/// translated `msgid` is a source term, its `msgstr` the target, its extracted
/// comments (`#.`) the definition and `msgctxt` a note. The header's `Language:`
/// names the target language; the source is English. Fuzzy and untranslated
/// entries are left out, as gettext leaves them out of a build.
enum POGlossary {
    static func read(_ text: String, file: String, languages: GlossaryLanguages) throws(InputError) -> [Concept] {
        var concepts: [Concept] = []
        var target = languages.given ? languages.target : "ko"
        let source = languages.given ? languages.source : "en"
        var entry = Entry(line: 1)
        var field: WritableKeyPath<Entry, String>?

        func finish() {
            defer { entry = Entry(line: entry.line) }
            if entry.msgid.isEmpty {
                if let language = entry.msgstr.split(separator: "\n").first(where: { $0.hasPrefix("Language:") }) {
                    let tag = language.dropFirst("Language:".count).trimmingSpaces
                    if !languages.given && LanguageTag.isWellFormed(tag) { target = LanguageTag.normalized(tag) }
                }
                return
            }
            guard !entry.isFuzzy, !entry.msgstr.trimmingSpaces.isEmpty else { return }
            var concept = Concept(definitions: entry.comments.isEmpty ? [] : [entry.comments.joined(separator: " ")],
                                  notes: entry.context.isEmpty ? [] : [entry.context])
            concept.add(Term(entry.msgid.trimmingSpaces), language: source)
            concept.add(Term(entry.msgstr.trimmingSpaces), language: target)
            concepts.append(concept)
        }

        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingSpaces
            let number = index + 1
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                if field != nil || !entry.msgid.isEmpty { finish(); field = nil; entry.line = number }
                if line.hasPrefix("#.") { entry.comments.append(line.dropFirst(2).trimmingSpaces) }
                if line.hasPrefix("#,") && line.contains("fuzzy") { entry.isFuzzy = true }
                continue
            }
            let keyword: WritableKeyPath<Entry, String>?
            var rest = Substring(line)
            if line.hasPrefix("msgctxt ") { keyword = \.context; rest = rest.dropFirst(8) }
            else if line.hasPrefix("msgid_plural ") { keyword = \.plural; rest = rest.dropFirst(13) }
            else if line.hasPrefix("msgid ") { keyword = \.msgid; rest = rest.dropFirst(6) }
            else if line.hasPrefix("msgstr[0] ") { keyword = \.msgstr; rest = rest.dropFirst(10) }
            else if line.hasPrefix("msgstr[") { keyword = \.plural; rest = Substring(line.drop { $0 != " " }.dropFirst()) }
            else if line.hasPrefix("msgstr ") { keyword = \.msgstr; rest = rest.dropFirst(7) }
            else if line.hasPrefix("\"") { keyword = nil }
            else { throw InputError(file: file, line: number, reason: "is not PO: expected msgid, msgstr, a \"string\" or a # comment") }
            if let keyword {
                if (keyword == \Entry.msgid || keyword == \Entry.context) && (field == \Entry.msgstr || field == \Entry.plural) {
                    finish()
                    entry.line = number
                }
                field = keyword
            }
            guard let field else { throw InputError(file: file, line: number, reason: "has a string that belongs to no msgid or msgstr") }
            guard let string = unquoted(rest.trimmingSpaces) else {
                throw InputError(file: file, line: number, reason: "has a string that is not in double quotes, or whose quote is not closed")
            }
            entry[keyPath: field] += string
        }
        finish()
        return concepts
    }

    private struct Entry {
        var line: Int
        var context = "", msgid = "", plural = "", msgstr = ""
        var comments: [String] = []
        var isFuzzy = false
    }

    /// The text of a C-style quoted string, escapes resolved.
    private static func unquoted(_ quoted: String) -> String? {
        guard quoted.count >= 2, quoted.hasPrefix("\""), quoted.hasSuffix("\"") else { return nil }
        var text = "", escaping = false
        for character in quoted.dropFirst().dropLast() {
            if escaping {
                switch character {
                case "n": text += "\n"
                case "t": text += "\t"
                default: text.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                text.append(character)
            }
        }
        return escaping ? nil : text
    }
}

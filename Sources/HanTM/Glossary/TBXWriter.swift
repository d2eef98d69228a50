/// Writes a glossary as TBX v3 (ISO 30042:2019) in the TBX-Basic dialect, DCA
/// style: what `TBXcoreStructV03.rng` and `TBX-Basic_DCA.sch` accept.
///
/// TBX-Basic's administrative status has no "forbidden": a forbidden term is
/// written `deprecatedTerm-admn-sts` with the note ``forbiddenNote``, which
/// ``TBXReader`` reads back as forbidden. A part of speech TBX-Basic v3 does not
/// list becomes a note (`properNoun` becomes `noun`).
enum TBXWriter {
    static let forbiddenNote = "forbidden: do not use this term"
    static let partsOfSpeech: Set<String> = ["adjective", "noun", "other", "verb", "adverb"]

    static func document(_ glossary: Glossary) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
            <?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>
            <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
              <tbxHeader>
                <fileDesc>
                  <sourceDesc>
                    <p>Written by hantm \(HanTMVersion.current)</p>
                  </sourceDesc>
                </fileDesc>
              </tbxHeader>
              <text>
                <body>

            """
        var usedIDs = Set<String>()
        for (index, concept) in glossary.concepts.enumerated() {
            var id = concept.id.flatMap { isName($0) && !usedIDs.contains($0) ? $0 : nil } ?? "c\(index + 1)"
            while usedIDs.contains(id) { id += "_" }
            usedIDs.insert(id)
            xml += "      <conceptEntry id=\"\(escaped(id))\">\n"
            if let subject = concept.subjectField { xml += "        <descrip type=\"subjectField\">\(escaped(subject))</descrip>\n" }
            for definition in concept.definitions { xml += "        <descrip type=\"definition\">\(escaped(definition))</descrip>\n" }
            for note in concept.notes { xml += "        <note>\(escaped(note))</note>\n" }
            for section in concept.languages where !section.terms.isEmpty {
                xml += "        <langSec xml:lang=\"\(escaped(section.language))\">\n"
                for definition in section.definitions { xml += "          <descrip type=\"definition\">\(escaped(definition))</descrip>\n" }
                for note in section.notes { xml += "          <note>\(escaped(note))</note>\n" }
                for term in section.terms { xml += termSection(term) }
                xml += "        </langSec>\n"
            }
            xml += "      </conceptEntry>\n"
        }
        xml += "    </body>\n  </text>\n</tbx>\n"
        return xml
    }

    private static func termSection(_ term: Term) -> String {
        var xml = "          <termSec>\n            <term>\(escaped(term.text))</term>\n"
        var notes = term.notes
        if let partOfSpeech = term.partOfSpeech {
            let written = partOfSpeech == "properNoun" ? "noun" : partOfSpeech
            if partsOfSpeech.contains(written) {
                xml += "            <termNote type=\"partOfSpeech\">\(written)</termNote>\n"
            } else {
                notes.insert(partOfSpeechNote + partOfSpeech, at: 0)
            }
        }
        if let status = term.status {
            let written = status == .forbidden ? "deprecated" : status.rawValue
            xml += "            <termNote type=\"administrativeStatus\">\(written)Term-admn-sts</termNote>\n"
            if status == .forbidden { notes.append(forbiddenNote) }
        }
        for note in notes { xml += "            <note>\(escaped(note))</note>\n" }
        return xml + "          </termSec>\n"
    }

    /// What ``termSection(_:)`` wrote as notes, read back: a forbidden status, a part of speech.
    static func restoreWhatTBXBasicCannotSay(in term: inout Term) {
        if term.status == .deprecated, let index = term.notes.firstIndex(of: forbiddenNote) {
            term.status = .forbidden
            term.notes.remove(at: index)
        }
        if term.partOfSpeech == nil, let index = term.notes.firstIndex(where: { $0.hasPrefix(partOfSpeechNote) }) {
            term.partOfSpeech = String(term.notes[index].dropFirst(partOfSpeechNote.count))
            term.notes.remove(at: index)
        }
    }

    private static let partOfSpeechNote = "part of speech: "

    /// Whether `id` is an XML name (xs:ID): TBX requires one for a concept's id.
    private static func isName(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return id.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || "_-.".unicodeScalars.contains($0) }
    }

    /// `text` for XML content or an attribute; characters XML 1.0 cannot carry are left out.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

import Foundation

/// Drafts and candidates written into an XLIFF document, as each version
/// spells them.
///
/// XLIFF 1.x: the draft in the unit's `<target>` (or in the target's
/// `<mrk mtype="seg">` of the segment, built from the `<seg-source>` when the
/// unit has no target), `state="translated"` and `state-qualifier="exact-match"`
/// at 100 and 101, `state="needs-review-translation"` and `"fuzzy-match"` below;
/// a draft of a source holding inline codes, which the draft (text) lacks, is
/// `needs-review-translation` (2.x `initial`) whatever its score;
/// each candidate an `<alt-trans origin="hantm" match-quality="92">` (with the
/// segment's `mid`).
///
/// XLIFF 2.x: the draft in the segment's `<target>`, the segment's `state`
/// `translated` at 100 and 101 and `initial` below (2.x has no state between),
/// `subState` `hantm:exact`, `hantm:in-context` or `hantm:fuzzy`; each candidate
/// an `<mtc:match ref="#segment" similarity="92" origin="hantm" type="tm">` in
/// the unit's `<mtc:matches>`; a 101's similarity is written 100 (the module's
/// highest), with `subType="hantm:in-context"`.
///
/// Candidates hantm wrote before into a unit are replaced; anyone else's are left.
extension XLIFFDocument {
    public static let origin = "hantm"

    /// Writes `draft` as segment `index`'s target unless it holds a translation
    /// to keep (see ``Segment/isTranslated``) and `overwrite` is false, and
    /// `candidates` as its alternatives. Returns whether the target was written.
    @discardableResult
    public mutating func write(draft: Match?, candidates: [Match], forSegment index: Int, overwrite: Bool) -> Bool {
        let segment = segments[index]
        if index == 0 || segments[index - 1].place.unit !== segment.place.unit { removeCandidates(of: segment) }
        let written = draft.map { draft in
            guard overwrite || !segment.isTranslated else { return false }
            switch family {
            case .one: writeTarget(draft, oneSegment: segment)
            case .two: writeTarget(draft, twoSegment: segment)
            }
            setTargetLanguage(draft.targetLanguage, of: segment)
            segments[index].target = draft.target
            return true
        } ?? false
        if !candidates.isEmpty {
            switch family {
            case .one: writeAlternatives(candidates, oneSegment: segment)
            case .two: writeMatches(candidates, twoSegment: &segments[index])
            }
        }
        return written
    }

    /// The state of each XLIFF 1.x target of segments (`<mrk mtype="seg">`)
    /// drafted by ``write(draft:candidates:forSegment:overwrite:)``, which is
    /// the whole unit's: `translated` only when every segment of it holds a
    /// translation kept or drafted at 100 or more.
    public mutating func settleUnitStates(scores: [Int?]) {
        guard family == .one else { return }
        var units: [ObjectIdentifier: (unit: XMLElement, lowest: Int, complete: Bool, drafted: Bool, codesLost: Bool)] = [:]
        for (segment, score) in zip(segments, scores) where segment.place.segment != nil {
            let key = ObjectIdentifier(segment.place.unit)
            var entry = units[key] ?? (segment.place.unit, 101, true, false, false)
            if let score {
                entry.lowest = min(entry.lowest, score)
                entry.drafted = true
                entry.codesLost = entry.codesLost || segment.holdsCodes
            } else if segment.target?.isEmpty ?? true {
                entry.complete = false
            }
            units[key] = entry
        }
        for entry in units.values where entry.drafted {
            guard let target = coreChild(entry.unit, "target") else { continue }
            let exact = entry.complete && entry.lowest >= 100
            target["state"] = exact && !entry.codesLost ? "translated" : "needs-review-translation"
            target["state-qualifier"] = exact ? "exact-match" : "fuzzy-match"
        }
    }

    /// Takes out the candidates hantm wrote into the segment's unit before:
    /// a unit's candidates are written anew with its first segment.
    private func removeCandidates(of segment: Segment) {
        let unit = segment.place.unit
        switch family {
        case .one:
            unit.removeElements { isCore($0) && $0.localName == "alt-trans" && $0["origin"] == Self.origin }
        case .two:
            guard let (matches, _) = matchesElement(of: unit, inheritedPrefix: segment.place.matchesPrefix) else { return }
            matches.removeElements { $0.localName == "match" && $0["origin"] == Self.origin }
            if matches.elements.isEmpty { unit.removeElements { $0 === matches } }
        }
    }

    private func writeTarget(_ draft: Match, oneSegment segment: Segment) {
        let unit = segment.place.unit
        guard let mark = segment.place.segment else {
            let target = coreChild(unit, "target") ?? insertTarget(in: unit, after: ["seg-source", "source"], element: XMLElement(coreName("target")))
            target.children = [.text(draft.target)]
            target["state"] = draft.score >= 100 && !segment.holdsCodes ? "translated" : "needs-review-translation"
            target["state-qualifier"] = draft.score >= 100 ? "exact-match" : "fuzzy-match"
            return
        }
        let target: XMLElement
        if let existing = coreChild(unit, "target") {
            target = existing
        } else {
            // The target mirrors the segmented source: its codes and the text
            // between segments, each segment empty until drafted.
            let copy = coreChild(unit, "seg-source")!.copy()
            copy.name = coreName("target")
            copy.attributes = []
            for mark in segmentMarks(copy) { mark.children = [] }
            target = insertTarget(in: unit, after: ["seg-source", "source"], element: copy)
        }
        let targetMark = segmentMarks(target).first { $0["mid"] == mark["mid"] } ?? {
            let added = XMLElement(mark.name, attributes: mark.attributes)
            target.insert(added, after: target.children.count - 1)
            return added
        }()
        targetMark.children = [.text(draft.target)]
    }

    private mutating func writeTarget(_ draft: Match, twoSegment segment: Segment) {
        let element = segment.place.segment!
        let target = coreChild(element, "target") ?? insertTarget(in: element, after: ["source"], element: XMLElement(coreName("target")))
        target.children = [.text(draft.target)]
        element["state"] = draft.score >= 100 && !segment.holdsCodes ? "translated" : "initial"
        element["subState"] = "\(Self.origin):\(draft.score > 100 ? "in-context" : draft.score == 100 ? "exact" : "fuzzy")"
    }

    /// Puts `element` after the last of `after` the parent has (the first name found), returning it.
    private func insertTarget(in parent: XMLElement, after names: [String], element: XMLElement) -> XMLElement {
        let anchor = names.lazy.compactMap { name in
            parent.children.lastIndex { node in
                if case .element(let child) = node { return self.isCore(child) && child.localName == name }
                return false
            }
        }.first
        parent.insert(element, after: anchor ?? parent.children.count - 1)
        return element
    }

    /// A document that had no target language gets the draft's: XLIFF 2 needs
    /// `trgLang` once a target is there.
    private mutating func setTargetLanguage(_ language: String, of segment: Segment) {
        switch family {
        case .one:
            if segment.place.fileElement["target-language"] == nil { segment.place.fileElement["target-language"] = language }
        case .two:
            if tree.root["trgLang"] == nil { tree.root["trgLang"] = language }
        }
        if targetLanguage == nil { targetLanguage = language }
    }

    private func writeAlternatives(_ candidates: [Match], oneSegment segment: Segment) {
        let unit = segment.place.unit
        // The schema knows a `mid` only of a `<mrk>` right in the `<seg-source>`:
        // a candidate for one deeper (inside a `<g>`) is the unit's.
        let mid = segment.place.segment.flatMap { mark in
            coreChild(unit, "seg-source")?.elements.contains { $0 === mark } == true ? mark["mid"] : nil
        }
        // After the unit's last XLIFF element: 1.2's strict schema puts other namespaces' elements last.
        var anchor = unit.children.lastIndex { node in
            if case .element(let child) = node { return isCore(child) }
            return false
        }
        for candidate in candidates {
            var attributes = [("match-quality", String(candidate.score)), ("origin", Self.origin)]
            if let mid { attributes.insert(("mid", mid), at: 0) }
            let alternative = XMLElement(coreName("alt-trans"), attributes: attributes, children: [
                .element(XMLElement(coreName("source"), attributes: [("xml:lang", candidate.sourceLanguage)], children: [.text(candidate.source)])),
                .element(XMLElement(coreName("target"), attributes: [("xml:lang", candidate.targetLanguage)], children: [.text(candidate.target)])),
            ])
            unit.insert(alternative, after: anchor)
            anchor = unit.children.firstIndex { node in
                if case .element(let child) = node { return child === alternative }
                return false
            }
        }
    }

    private func writeMatches(_ candidates: [Match], twoSegment segment: inout Segment) {
        let unit = segment.place.unit
        let element = segment.place.segment!
        if element["id"] == nil {
            let taken = Self.identifiers(in: unit)
            element["id"] = (1...).lazy.map { "s\($0)" }.first { !taken.contains($0) }
        }
        segment.segmentID = element["id"]
        let reference = "#\(element["id"]!)"
        let matches: XMLElement
        let prefix: String
        if let (existing, existingPrefix) = matchesElement(of: unit, inheritedPrefix: segment.place.matchesPrefix) {
            (matches, prefix) = (existing, existingPrefix)
        } else {
            prefix = segment.place.matchesPrefix ?? "mtc"
            let declaration = segment.place.matchesPrefix == nil ? [("xmlns:mtc", Self.matchesNamespace)] : []
            matches = XMLElement("\(prefix):matches", attributes: declaration)
            unit.insert(matches, after: nil)
        }
        for candidate in candidates {
            var attributes = [("ref", reference), ("similarity", String(min(100, candidate.score))), ("origin", Self.origin), ("type", "tm")]
            if candidate.score > 100 { attributes.append(("subType", "\(Self.origin):in-context")) }
            let match = XMLElement("\(prefix):match", attributes: attributes, children: [
                .element(XMLElement(coreName("source"), children: [.text(candidate.source)])),
                .element(XMLElement(coreName("target"), children: [.text(candidate.target)])),
            ])
            matches.insert(match, after: matches.children.lastIndex { if case .element = $0 { true } else { false } })
        }
    }

    /// The unit's `<mtc:matches>` and its prefix: under the prefix in scope, or one it declares itself.
    private func matchesElement(of unit: XMLElement, inheritedPrefix: String?) -> (XMLElement, String)? {
        for child in unit.elements where child.localName == "matches" {
            guard let prefix = child.prefix.map(String.init) else { continue }
            if child.namespaceDeclarations[prefix] == Self.matchesNamespace || (child.namespaceDeclarations[prefix] == nil && prefix == inheritedPrefix) {
                return (child, prefix)
            }
        }
        return nil
    }

    /// Every `id` in the unit (segments, ignorables, inline codes share one space of ids).
    private static func identifiers(in element: XMLElement) -> Set<String> {
        var ids = Set(element.elements.compactMap { $0["id"] })
        for child in element.elements { ids.formUnion(identifiers(in: child)) }
        return ids
    }
}

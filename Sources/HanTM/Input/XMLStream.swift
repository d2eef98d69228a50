import CLibXML
import Foundation

/// A forward-only stream of XML nodes from libxml2's reader, for documents of
/// any size in constant memory. Nothing outside the document is loaded (see
/// `hantm_xml.h`); user-defined entities come out as references, not text.
///
/// Every XML format hantm reads (TMX, TBX, XLIFF) goes through this one reader, so they
/// share its safety rules and its messages.
final class XMLStream {
    enum Node {
        case element(name: String, attributes: [(name: String, value: String)], isEmpty: Bool)
        case endElement(name: String)
        case text(String)
        case entityReference(name: String)
        /// Only from a stream that keeps them (see ``keepsComments``).
        case comment(String)
        case processingInstruction(target: String, data: String)
    }

    /// Whether `text` holds U+FDD0, what a character XML cannot carry was turned into.
    /// On UTF-8 bytes: every segment of every unit goes through here.
    static func containsInvalidCharacter(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= 3 else { return false }
            for index in 0..<(bytes.count - 2) where bytes[index] == 0xEF && bytes[index + 1] == 0xB7 && bytes[index + 2] == 0x90 {
                return true
            }
            return false
        }
    }

    private let reader: OpaquePointer
    let file: String
    /// What the file should be, for messages: `TMX`, `TBX`.
    private let format: String
    /// Its root element, for messages: `tmx`, `martif`.
    private let root: String
    /// Whether comments and processing instructions come out as nodes: a reader
    /// that writes the document back keeps them; one that takes units from it
    /// has no use for them.
    let keepsComments: Bool
    /// The bytes of a document read from memory, kept for as long as the reader reads them.
    private let bytes: UnsafeMutableRawBufferPointer?

    init(path: String, format: String, root: String, keepsComments: Bool = false) throws(InputError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw InputError(file: path, reason: "is a directory, not a \(format) file") }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size > 0 else { throw InputError(file: path, reason: "is empty") }
        guard let reader = hantm_xml_open_file(path) else {
            throw InputError(file: path, reason: "cannot be read (\(String(cString: strerror(errno))))")
        }
        self.reader = reader
        file = path
        self.format = format
        self.root = root
        self.keepsComments = keepsComments
        bytes = nil
    }

    /// Reads `data` as the document `name` (a request's body, say).
    init(data: Data, name: String, format: String, root: String, keepsComments: Bool = false) throws(InputError) {
        guard !data.isEmpty else { throw InputError(file: name, reason: "is empty") }
        let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: data.count, alignment: 1)
        bytes.copyBytes(from: data)
        guard let reader = hantm_xml_open_memory(bytes.baseAddress, Int64(bytes.count), name) else {
            bytes.deallocate()
            throw InputError(file: name, reason: "cannot be read (\(String(cString: strerror(errno))))")
        }
        self.reader = reader
        self.bytes = bytes
        file = name
        self.format = format
        self.root = root
        self.keepsComments = keepsComments
    }

    deinit {
        hantm_xml_close(reader)
        bytes?.deallocate()
    }

    /// The line of the current node (after its attributes are read too: the
    /// reader goes back to the element, see `hantm_xml_next_attribute`).
    var line: Int { Int(hantm_xml_line(reader)) }

    var bytesRead: Int { Int(hantm_xml_bytes_read(reader)) }

    /// A refusal at the current node's line.
    func failure(_ reason: String) -> InputError {
        InputError(file: file, line: line, reason: reason)
    }

    /// The refusal of a user-defined entity: hantm never expands one (an entity bomb, an external file).
    func entityFailure(_ name: String) -> InputError {
        failure("uses the entity &\(name);, which hantm does not expand: only XML's built-in entities (&amp; &lt; &gt; &quot; &apos;) and character references are read")
    }

    /// The next node, or nil at the end of the document.
    func next() throws(InputError) -> Node? {
        while true {
            switch hantm_xml_read(reader) {
            case 0: return nil
            case 1: break
            default:
                let message = hantm_xml_error_message(reader).map { String(cString: $0) } ?? "malformed XML"
                let line = Int(hantm_xml_error_line(reader))
                throw InputError(file: file, line: line > 0 ? line : nil,
                                 reason: explained(message, atEnd: hantm_xml_error_at_end(reader) != 0))
            }
            switch hantm_xml_node_type(reader) {
            case Int32(HANTM_XML_ELEMENT):
                let name = String(cString: hantm_xml_name(reader))
                let isEmpty = hantm_xml_is_empty_element(reader) != 0
                var attributes: [(name: String, value: String)] = []
                while hantm_xml_next_attribute(reader) != 0 {
                    attributes.append((String(cString: hantm_xml_name(reader)), hantm_xml_value(reader).map { String(cString: $0) } ?? ""))
                }
                return .element(name: name, attributes: attributes, isEmpty: isEmpty)
            case Int32(HANTM_XML_END_ELEMENT):
                return .endElement(name: String(cString: hantm_xml_name(reader)))
            case Int32(HANTM_XML_TEXT), Int32(HANTM_XML_CDATA), Int32(HANTM_XML_WHITESPACE), Int32(HANTM_XML_SIGNIFICANT_WHITESPACE):
                return .text(hantm_xml_value(reader).map { String(cString: $0) } ?? "")
            case Int32(HANTM_XML_ENTITY_REFERENCE):
                return .entityReference(name: String(cString: hantm_xml_name(reader)))
            case Int32(HANTM_XML_COMMENT) where keepsComments:
                return .comment(hantm_xml_value(reader).map { String(cString: $0) } ?? "")
            case Int32(HANTM_XML_PROCESSING_INSTRUCTION) where keepsComments:
                return .processingInstruction(target: String(cString: hantm_xml_name(reader)),
                                              data: hantm_xml_value(reader).map { String(cString: $0) } ?? "")
            default:
                continue // comments and processing instructions a reader does not keep, the document type
            }
        }
    }

    /// Whether the document holds its root's end tag (`</tmx>`), looked for in
    /// its bytes as UTF-8: its last megabyte, for a regular file (a pipe's bytes
    /// are gone, and reading it again could wait for ever: not looked for).
    private func endsRoot() -> Bool {
        let tag = Array("</\(root)".utf8)
        if let bytes { return bytes.firstRange(of: tag) != nil }
        var status = stat()
        guard stat(file, &status) == 0, status.st_mode & S_IFMT == S_IFREG, let handle = FileHandle(forReadingAtPath: file) else { return false }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > 1 << 20 ? size - (1 << 20) : 0)
        return ((try? handle.readToEnd()) ?? Data()).firstRange(of: tag) != nil
    }

    /// libxml2's messages, with the common ones said for a person who did not
    /// write the file; `atEnd` when the error came where the file ends.
    private func explained(_ message: String, atEnd: Bool) -> String {
        if message.hasPrefix("Input is not proper UTF-8") {
            return "is not valid UTF-8 (\(message.split(separator: "\n").last.map(String.init) ?? "bad bytes")); save it as UTF-8, or declare its real encoding in <?xml … encoding=\"…\"?>"
        }
        if message.contains("Detected an entity reference loop") || message.contains("amplification") {
            return "entities expand without bound (an entity bomb): \(message)"
        }
        if message.hasPrefix("Document is empty") || message.hasPrefix("Start tag expected") {
            return "is empty or not XML (\(message))"
        }
        // libxml2 says so of a file cut short between two elements too: only one that ends its root has content after it.
        let extraContent = message.hasPrefix("Extra content at the end of the document")
        if extraContent && endsRoot() {
            return "has content after its root element ends (</\(root)>): only comments and white space may follow it"
        }
        if atEnd || extraContent || message.contains("Premature end of data") || message.contains("EndTag: '</' not found") {
            return "ends early (a truncated file?): \(message)"
        }
        return message
    }
}

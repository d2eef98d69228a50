#include "hantm_xml.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>

/// Raw input is read in chunks this big; filtering can at most triple a chunk.
#define CHUNK 65536
/// The longest character reference worth holding back between chunks (`&#x10FFFF;`).
#define LONGEST_REFERENCE 12
/// Attributes one start tag may have (a TMX element has at most about 15).
/// libxml2 checks each attribute against all before it: 100,000 in one tag
/// (1 MB) cost 16 s of CPU before the reader could see the element.
#define MOST_ATTRIBUTES 100

/// Where the attribute count is in the input: outside tags, just after '<',
/// in a start tag, in a quoted value, or in a tag that is not a start tag
/// (`</`, `<!`, `<?`), which is skipped up to its '>'.
enum tag_state { OUTSIDE, OPENED, START_TAG, QUOTED, OTHER_TAG };

struct hantm_xml_reader {
    xmlTextReaderPtr reader;
    FILE *file;
    int64_t consumed;
    /// -1 until the first bytes are seen; 1 for UTF-8 (or ASCII-compatible) input,
    /// which is filtered for characters XML cannot carry; 0 for UTF-16.
    int filter;
    /// The byte order mark to hand libxml2 before UTF-16 input that has none
    /// (libxml2 detects UTF-16 without one only when the file starts `<?xml`).
    unsigned char missing_bom[2];
    /// Whether the filter is inside a CDATA section, where `&#1;` is text, not a
    /// reference; and how much of the marker that opens or closes one it has seen.
    int in_cdata;
    int cdata_marker_seen;
    unsigned char input[CHUNK + LONGEST_REFERENCE];
    int carried;
    /// Line breaks in the UTF-8 input read so far: the file's last line, once all is read.
    int64_t line_breaks;
    char error[512];
    int error_line;
    /// Whether the error came where the input ends (the file is cut short).
    int error_at_end;
    enum tag_state tag;
    int quote;
    int attributes;
    int line;
    /// For UTF-16: 1 when big-endian, and the first byte of a code unit cut by a chunk's end (-1: none).
    int big_endian;
    int half_unit;
};

/// Counts the attributes of start tags, one character (UTF-8 byte or UTF-16
/// code unit) at a time, as the input goes to libxml2: 0, or -1 once a tag has
/// too many (the reader's error then says so, with the line).
static int count_attributes(hantm_xml_reader *reader, unsigned c) {
    if (c == '\n') reader->line++;
    switch (reader->tag) {
    case OUTSIDE:
        if (c == '<') reader->tag = OPENED;
        break;
    case OPENED:
        reader->tag = (c == '/' || c == '!' || c == '?') ? OTHER_TAG : START_TAG;
        reader->attributes = 0;
        break;
    case START_TAG:
        if (c == '"' || c == '\'') {
            reader->quote = (int)c;
            reader->tag = QUOTED;
        } else if (c == '>') {
            reader->tag = OUTSIDE;
        } else if (c == '=' && ++reader->attributes > MOST_ATTRIBUTES) {
            snprintf(reader->error, sizeof reader->error, "an element has more than %d attributes", MOST_ATTRIBUTES);
            reader->error_line = reader->line;
            return -1;
        }
        break;
    case QUOTED:
        if ((int)c == reader->quote) reader->tag = START_TAG;
        break;
    case OTHER_TAG:
        if (c == '>') reader->tag = OUTSIDE;
        break;
    }
    return 0;
}

static void record_error(void *context, const char *message, xmlParserSeverities severity,
                         xmlTextReaderLocatorPtr locator) {
    hantm_xml_reader *reader = context;
    if (reader->error[0] || (severity != XML_PARSER_SEVERITY_ERROR && severity != XML_PARSER_SEVERITY_VALIDITY_ERROR)) return;
    snprintf(reader->error, sizeof reader->error, "%s", message ? message : "malformed XML");
    size_t length = strlen(reader->error);
    while (length > 0 && (reader->error[length - 1] == '\n' || reader->error[length - 1] == ' ')) reader->error[--length] = 0;
    reader->error_line = locator ? xmlTextReaderLocatorLineNumber(locator) : 0;
    int parser_line = reader->reader ? xmlTextReaderGetParserLineNumber(reader->reader) : 0;
    if (reader->error_line <= 0) reader->error_line = parser_line;
    // The locator names the open element's line; a file cut short is better said by its last line.
    reader->error_at_end = reader->filter == 1 && feof(reader->file) && reader->carried == 0 && parser_line > reader->line_breaks;
    if (reader->error_at_end) reader->error_line = parser_line;
}

/// Refuses every external resource: DTDs, external entities, XInclude, catalogs.
static xmlParserInputPtr refuse_external(const char *url, const char *id, xmlParserCtxtPtr context) {
    (void)url;
    (void)id;
    (void)context;
    return NULL;
}

static int64_t read_raw(hantm_xml_reader *reader, unsigned char *into, int64_t capacity) {
    size_t count = fread(into, 1, (size_t)capacity, reader->file);
    return ferror(reader->file) ? -1 : (int64_t)count;
}

static int is_xml_character(unsigned long value) {
    return value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value <= 0xD7FF)
        || (value >= 0xE000 && value <= 0xFFFD) || (value >= 0x10000 && value <= 0x10FFFF);
}

/// At `text` (just after "&#"), the value of a complete character reference and
/// its length up to and including ';', or 0 when it is not one.
static int parse_reference(const unsigned char *text, int available, unsigned long *value) {
    int hex = available > 0 && (text[0] == 'x' || text[0] == 'X');
    unsigned long result = 0;
    for (int i = hex; i < available && i < LONGEST_REFERENCE; i++) {
        unsigned char c = text[i];
        if (c == ';') {
            if (i == hex) return 0;
            *value = result;
            return i + 1;
        }
        int digit = (c >= '0' && c <= '9') ? c - '0'
            : (hex && c >= 'a' && c <= 'f') ? c - 'a' + 10
            : (hex && c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
        if (digit < 0) return 0;
        result = result * (hex ? 16 : 10) + (unsigned long)digit;
        if (result > 0x10FFFF) result = 0x110000;
    }
    return 0;
}

static const unsigned char invalid_utf8[] = {0xEF, 0xB7, 0x90};

/// Follows the filtered bytes into and out of CDATA sections.
static void track_cdata(hantm_xml_reader *reader, unsigned char c) {
    const char *marker = reader->in_cdata ? "]]>" : "<![CDATA[";
    if (c == (unsigned char)marker[reader->cdata_marker_seen]) {
        if (!marker[++reader->cdata_marker_seen]) {
            reader->in_cdata = !reader->in_cdata;
            reader->cdata_marker_seen = 0;
        }
    } else if (!(reader->in_cdata && reader->cdata_marker_seen == 2 && c == ']')) {  // "]]]>" still closes
        reader->cdata_marker_seen = c == (unsigned char)marker[0];
    }
}

/// Whether `in` starts U+FFFE or U+FFFF in UTF-8 (EF BF BE, EF BF BF), which XML forbids.
static int is_forbidden_noncharacter(const unsigned char *in, int64_t available) {
    return available >= 3 && in[0] == 0xEF && in[1] == 0xBF && (in[2] == 0xBE || in[2] == 0xBF);
}
static const char invalid_reference[] = "&#xFDD0;";

/// libxml2's input callback. UTF-8 input is filtered: raw control bytes, raw
/// U+FFFE and U+FFFF, and references to characters XML forbids (outside CDATA
/// sections, where a reference is text) become U+FDD0, so that one bad
/// character costs its unit, not the whole file.
static int read_filtered(void *context, char *buffer, int length) {
    hantm_xml_reader *reader = context;
    int64_t budget = length / 3;
    if (budget > CHUNK) budget = CHUNK;
    if (budget < 1) budget = 1;
    int64_t wanted = budget - reader->carried;
    // The first call sees enough bytes to tell UTF-16 from UTF-8.
    if (reader->filter < 0 && reader->carried + wanted < 4) wanted = 4 - reader->carried;
    if (wanted < 0) wanted = 0;
    int64_t fresh = read_raw(reader, reader->input + reader->carried, wanted);
    if (fresh < 0) return -1;
    reader->consumed += fresh;
    int64_t available = reader->carried + fresh;
    if (available == 0) return 0;
    const unsigned char *in = reader->input;
    if (reader->filter < 0) {
        int with_bom = available >= 2 && ((in[0] == 0xFE && in[1] == 0xFF) || (in[0] == 0xFF && in[1] == 0xFE));
        // Without a mark, XML's first character is ASCII: one zero byte of two is UTF-16.
        int big_endian = available >= 2 && !with_bom && in[0] == 0 && in[1] != 0;
        int little_endian = available >= 2 && !with_bom && in[0] != 0 && in[1] == 0;
        if (big_endian) { reader->missing_bom[0] = 0xFE; reader->missing_bom[1] = 0xFF; }
        if (little_endian) { reader->missing_bom[0] = 0xFF; reader->missing_bom[1] = 0xFE; }
        reader->filter = !(with_bom || big_endian || little_endian);
        reader->big_endian = big_endian || (with_bom && in[0] == 0xFE);
    }
    int64_t end = available < budget ? available : budget;
    if (!reader->filter) {
        int out = 0;
        if (reader->missing_bom[0]) {
            memcpy(buffer, reader->missing_bom, 2);
            reader->missing_bom[0] = 0;
            out = 2;
        }
        if (end > length - out) end = length - out;
        for (int64_t i = 0; i < end; i++) {
            if (reader->half_unit < 0) {
                reader->half_unit = in[i];
                continue;
            }
            unsigned unit = reader->big_endian ? (unsigned)reader->half_unit << 8 | in[i] : (unsigned)in[i] << 8 | (unsigned)reader->half_unit;
            reader->half_unit = -1;
            if (count_attributes(reader, unit) < 0) return -1;
        }
        memcpy(buffer + out, in, (size_t)end);
        reader->carried = (int)(available - end);
        memmove(reader->input, in + end, (size_t)reader->carried);
        return out + (int)end;
    }
    if (fresh > 0 || end < available) {
        // Hold back a reference or a character cut by the chunk's end, unless that leaves nothing.
        for (int64_t i = end - 1; i > 0 && i >= end - LONGEST_REFERENCE; i--) {
            if (in[i] == ';' || in[i] == '<') break;
            if (in[i] == '&') { end = i; break; }
        }
        if (end > 2 && in[end - 2] == 0xEF && in[end - 1] == 0xBF) end -= 2;
        else if (end > 1 && in[end - 1] == 0xEF) end -= 1;
    }
    int out = 0;
    for (int64_t i = 0; i < end; i++) {
        unsigned char c = in[i];
        reader->line_breaks += c == '\n';
        if (count_attributes(reader, c) < 0) return -1;
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || is_forbidden_noncharacter(in + i, end - i)) {
            memcpy(buffer + out, invalid_utf8, 3);
            out += 3;
            if (c >= 0x20) i += 2;
            continue;
        }
        track_cdata(reader, c);
        if (c == '&' && !reader->in_cdata && i + 1 < end && in[i + 1] == '#') {
            unsigned long value = 0;
            int used = parse_reference(in + i + 2, (int)(end - i - 2), &value);
            if (used > 0 && !is_xml_character(value)) {
                memcpy(buffer + out, invalid_reference, sizeof invalid_reference - 1);
                out += (int)(sizeof invalid_reference - 1);
                i += 1 + used;
                continue;
            }
        }
        buffer[out++] = (char)c;
    }
    reader->carried = (int)(available - end);
    memmove(reader->input, in + end, (size_t)reader->carried);
    return out;
}

static int close_input(void *context) {
    (void)context;
    return 0;
}

static hantm_xml_reader *open_reader(hantm_xml_reader *reader, const char *url) {
    static int configured = 0;
    if (!configured) {
        xmlInitParser();
        xmlSetExternalEntityLoader(refuse_external);
        configured = 1;
    }
    reader->filter = -1;
    reader->half_unit = -1;
    reader->line = 1;
    // No NOENT (entities stay references), no DTDLOAD/DTDATTR/DTDVALID (no DTD is read),
    // NONET; not HUGE, so libxml2's limits on depth, names and entity amplification hold.
    // BIG_LINES: text nodes past line 65535 keep their line (see `hantm_xml_line`).
    int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT | XML_PARSE_BIG_LINES;
    reader->reader = xmlReaderForIO(read_filtered, close_input, reader, url, NULL, options);
    if (!reader->reader) {
        hantm_xml_close(reader);
        errno = ENOMEM;
        return NULL;
    }
    xmlTextReaderSetStructuredErrorHandler(reader->reader, NULL, NULL);
    xmlTextReaderSetErrorHandler(reader->reader, record_error, reader);
    return reader;
}

/// A reader of `file` (closed with the reader, or here when none can be made).
static hantm_xml_reader *reader_of(FILE *file, const char *url) {
    if (!file) return NULL;
    hantm_xml_reader *reader = calloc(1, sizeof *reader);
    if (!reader) {
        fclose(file);
        errno = ENOMEM;
        return NULL;
    }
    reader->file = file;
    return open_reader(reader, url);
}

hantm_xml_reader *hantm_xml_open_file(const char *path) { return reader_of(fopen(path, "rb"), path); }

hantm_xml_reader *hantm_xml_open_memory(const void *bytes, int64_t length, const char *name) {
    // Read through a FILE like a file's bytes, so the filters above see both alike.
    return reader_of(fmemopen((void *)bytes, (size_t)length, "rb"), name);
}

void hantm_xml_close(hantm_xml_reader *reader) {
    if (!reader) return;
    if (reader->reader) xmlFreeTextReader(reader->reader);
    if (reader->file) fclose(reader->file);
    free(reader);
}

int hantm_xml_read(hantm_xml_reader *reader) {
    int result = xmlTextReaderRead(reader->reader);
    if (result < 0 && !reader->error[0]) {
        snprintf(reader->error, sizeof reader->error, "malformed XML");
        reader->error_line = xmlTextReaderGetParserLineNumber(reader->reader);
    }
    if (result > 0 && reader->error[0]) return -1;
    return result;
}

int hantm_xml_node_type(hantm_xml_reader *reader) { return xmlTextReaderNodeType(reader->reader); }

const char *hantm_xml_name(hantm_xml_reader *reader) { return (const char *)xmlTextReaderConstName(reader->reader); }

const char *hantm_xml_value(hantm_xml_reader *reader) { return (const char *)xmlTextReaderConstValue(reader->reader); }

int hantm_xml_is_empty_element(hantm_xml_reader *reader) { return xmlTextReaderIsEmptyElement(reader->reader) == 1; }

int hantm_xml_next_attribute(hantm_xml_reader *reader) {
    if (xmlTextReaderMoveToNextAttribute(reader->reader) == 1) return 1;
    // Back on the element: an attribute node has no line, and its memory
    // where an element's line is would be read as one.
    xmlTextReaderMoveToElement(reader->reader);
    return 0;
}

/// The line where `node` starts, or -1 when libxml2 did not keep it. Nodes store
/// lines in 16 bits (65535 means "that or later"); past it only text nodes keep
/// theirs (with BIG_LINES, the line where the text ends): an element's is its
/// first child's, less the line breaks that child's text holds.
static long start_line(xmlNodePtr node) {
    if (node->line < 65535) return node->line;
    if (node->type == XML_TEXT_NODE && node->psvi) {
        long line = (long)(ptrdiff_t)node->psvi;
        for (const xmlChar *c = node->content; c && *c; c++) line -= *c == '\n';
        return line;
    }
    if (node->type == XML_ELEMENT_NODE && node->children) return start_line(node->children);
    return -1;
}

int hantm_xml_line(hantm_xml_reader *reader) {
    // The node's own line: the parser itself may already be further on.
    xmlNodePtr node = xmlTextReaderCurrentNode(reader->reader);
    long line = node ? start_line(node) : -1;
    return line > 0 ? (int)line : xmlTextReaderGetParserLineNumber(reader->reader);
}

int64_t hantm_xml_bytes_read(hantm_xml_reader *reader) { return reader->consumed; }

const char *hantm_xml_error_message(hantm_xml_reader *reader) { return reader->error[0] ? reader->error : NULL; }

int hantm_xml_error_line(hantm_xml_reader *reader) { return reader->error_line; }

int hantm_xml_error_at_end(hantm_xml_reader *reader) { return reader->error_at_end; }

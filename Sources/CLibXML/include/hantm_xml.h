// A streaming XML reader (libxml2's xmlTextReader) behind plain C types, set up
// for untrusted input: nothing outside the document is ever loaded (no external
// DTD, no external entity, no network), and entities other than XML's built-ins
// are reported as entity references rather than expanded.
//
// This header includes no libxml2 header, so Swift sees only these functions.
#ifndef HANTM_XML_H
#define HANTM_XML_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hantm_xml_reader hantm_xml_reader;

/// Node types, as libxml2's xmlReaderTypes numbers them.
enum {
    HANTM_XML_ELEMENT = 1,
    HANTM_XML_TEXT = 3,
    HANTM_XML_CDATA = 4,
    HANTM_XML_ENTITY_REFERENCE = 5,
    HANTM_XML_PROCESSING_INSTRUCTION = 7,
    HANTM_XML_COMMENT = 8,
    HANTM_XML_WHITESPACE = 13,
    HANTM_XML_SIGNIFICANT_WHITESPACE = 14,
    HANTM_XML_END_ELEMENT = 15,
};

/// The character that stands for a character XML cannot carry (a raw control
/// byte, or a reference such as `&#1;`), in UTF-8 input: U+FDD0, a noncharacter
/// that XML accepts, so the reader goes on and the caller decides what to do.
#define HANTM_XML_INVALID_CHARACTER 0xFDD0

/// Opens `path` for reading. Returns NULL when the file cannot be opened or
/// memory runs out; `errno` tells which.
hantm_xml_reader *hantm_xml_open_file(const char *path);

/// Opens `length` bytes (at least one) at `bytes`, which must outlive the reader,
/// read as a file is; `name` names the document. NULL when memory runs out.
hantm_xml_reader *hantm_xml_open_memory(const void *bytes, int64_t length, const char *name);

void hantm_xml_close(hantm_xml_reader *reader);

/// Moves to the next node: 1 when there is one, 0 at the end of the document,
/// -1 on an error (see `hantm_xml_error_message`).
int hantm_xml_read(hantm_xml_reader *reader);

int hantm_xml_node_type(hantm_xml_reader *reader);
/// The qualified name of the current element or attribute (`xml:lang`), or a
/// processing instruction's target.
const char *hantm_xml_name(hantm_xml_reader *reader);
/// The text of the current text node, attribute, comment or processing instruction, or NULL.
const char *hantm_xml_value(hantm_xml_reader *reader);
/// 1 when the current element is written `<x/>` (no end-element node follows).
int hantm_xml_is_empty_element(hantm_xml_reader *reader);
/// Moves to the current element's next attribute: 1 when moved, 0 when none is
/// left (the reader is then back on the element).
int hantm_xml_next_attribute(hantm_xml_reader *reader);
/// The line of the current node (1-based).
int hantm_xml_line(hantm_xml_reader *reader);
/// Bytes of the input read so far, for progress.
int64_t hantm_xml_bytes_read(hantm_xml_reader *reader);

/// The first error the parser reported, or NULL; and its line.
const char *hantm_xml_error_message(hantm_xml_reader *reader);
int hantm_xml_error_line(hantm_xml_reader *reader);
/// 1 when the error came where the input ends (UTF-8 input cut short); its line is then the last.
int hantm_xml_error_at_end(hantm_xml_reader *reader);

#ifdef __cplusplus
}
#endif

#endif

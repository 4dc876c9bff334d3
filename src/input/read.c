/* read.c — a document's bytes from a stream (the start of the input stage;
 * see input.h). */
#include "input/input.h"

#include "base/util.h"

/* NULs are part of UTF-16 text and of PDFs; in anything else they mean a
 * binary file, which the decoder refuses anyway (decode.h). */
static bool read_past_nul(const char *b, size_t n) {
    bool utf16 = n >= 2 && (((unsigned char)b[0] == 0xFF && (unsigned char)b[1] == 0xFE) ||
                            ((unsigned char)b[0] == 0xFE && (unsigned char)b[1] == 0xFF));
    return utf16 || ut_is_pdf(b, n);
}

char *ut_read_document(FILE *f, size_t *len, int *err_no) { return ut_read_stream_binary(f, len, err_no, read_past_nul); }

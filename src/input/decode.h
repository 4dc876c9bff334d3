/*
 * decode.h — stage 1: turn a file's bytes into UTF-8 text.
 *
 * UTF-8 (with or without BOM) is used as it is; UTF-16 with a BOM is
 * converted; anything else that is not valid UTF-8 is read as Windows-1252,
 * the encoding of older Swedish office files.  Input with NUL bytes (and
 * no UTF-16 BOM) is refused as binary.  The result maps back to the input
 * bytes (see text.h), so offsets stay offsets into the file.
 */
#ifndef UT_DECODE_H
#define UT_DECODE_H
#include "base/text.h"
#include "utdrag.h"

/* Decode bytes[0..n) into `out` (which may alias `bytes`, so keep it alive;
 * bytes[n..] must then be the NUL and UT_TEXT_PAD zero bytes of text.h).
 * A new text is padded so too.  Sets *encoding to a static name.  0, or -1
 * with err->text set. */
int ut_decode(const char *bytes, size_t n, ut_text *out, const char **encoding, ut_error *err);
#endif

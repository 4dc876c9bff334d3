/*
 * input.h — the input stage: from a file's bytes to UTF-8 text.
 *
 * The stage owns everything about where text comes from: reading a
 * document from a stream (read.c: binary files are refused at the first
 * NUL, not after being read whole), decoding plain text (decode.h: UTF-8,
 * Windows-1252, UTF-16, with a map back to the bytes) and a PDF's text
 * layer (read_pdf.c, poppler).  Its public half is in utdrag.h
 * (ut_read_document, ut_is_pdf, ut_pdf_text_read).  It knows nothing of
 * rules or fields and calls no later stage: the pipeline (src/pipeline/)
 * hands its text on.
 */
#ifndef UT_INPUT_H
#define UT_INPUT_H
#include "utdrag.h"
#include "input/decode.h"
#endif

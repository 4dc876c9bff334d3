/* writer.c — a writer by format name, driving its row of the format table
 * (formats.c); see writer.h. */
#include "write/writer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* EINVAL with a reason in `err`, for a writer that cannot be made */
static ut_writer *refuse(ut_error *err, const char *what, const char *fmt, const char *why) {
    ut_seterr(err, what ? what : "", 0, "%s: %s", fmt, why);
    errno = EINVAL;
    return NULL;
}

ut_writer *ut_writer_create(const char *format, FILE *out, const char *path, unsigned flags, ut_error *err) {
    const ut_format_ops *ops = format ? ut_format_ops_find(format) : NULL;
    if (!ops) return refuse(err, path, format ? format : "(null)", "unknown format");
    if ((flags & UT_WRITE_EXCEL) && !(ops->info.caps & UT_FORMAT_EXCEL))
        return refuse(err, path, ops->info.name, "the Excel flag is for csv");
    if (!out == !path) return refuse(err, path, ops->info.name, "give a stream or a path, one of them");
    if (out && (ops->info.caps & UT_FORMAT_NEEDS_PATH)) return refuse(err, NULL, ops->info.name, ops->info.why_path);
    ut_writer *wr = calloc(1, sizeof *wr);
    if (!wr) {
        ut_seterr(err, path ? path : "", 0, "out of memory");
        errno = ENOMEM;
        return NULL;
    }
    *wr = (ut_writer){.ops = ops, .out = out, .flags = flags, .err = err};
    if (!path) return wr;
    if (ops->open ? ops->open(wr, path, err) == 0 : (wr->out = fopen(path, "wb")) != NULL) {
        wr->owns_out = !ops->open;
        return wr;
    }
    int e = errno;
    if (!ops->open) ut_seterr(err, path, 0, "%s", strerror(e)); /* a format's open says its own reason */
    free(wr);
    errno = e;
    return NULL;
}

int ut_writer_doc(ut_writer *wr, const ut_doc *d) {
    errno = 0;
    int rc = wr->ops->doc(wr, d);
    wr->ndocs++;
    if (rc || (wr->out && ferror(wr->out))) {
        wr->failed = 1;
        if (!errno) errno = EIO;
        return -1;
    }
    return 0;
}

int ut_writer_finish(ut_writer *wr) {
    int rc = wr->failed ? -1 : 0;
    if (wr->ops->finish && wr->ops->finish(wr, !rc)) rc = -1;
    if (wr->out && (fflush(wr->out) || ferror(wr->out))) rc = -1;
    if (wr->owns_out && fclose(wr->out)) rc = -1;
    free(wr);
    return rc;
}

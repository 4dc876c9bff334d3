/* extract.c — `utdrag extract`: documents in, fields out, in input order. */
#include <getopt.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pool.h"
#include "records.h"

static const char extract_usage[] =
    "usage: utdrag extract [options] [FILE|DIR|-]...\n"
    "       utdrag extract --records [options] [FILE|-]...\n"
    "  -f, --format FMT      jsonl (default), json, csv, html (a review page), sqlite, xlsx (need -o)\n"
    "  -o, --output FILE     write there (atomically) instead of standard output\n"
    "      --excel           CSV for Excel: UTF-8 BOM, ';' separator, formula guard\n"
    "  -t, --types LIST      only these field types, e.g. date,dnr\n"
    "      --rules DIR       use the rule set in DIR\n"
    "  -j, --jobs N          documents in parallel (default: all cores); output order is fixed\n"
    "      --files-from FILE read input paths from FILE (one a line; '-' = stdin)\n"
    "  -0, --null            with --files-from: paths are NUL-separated\n"
    "      --records         inputs are JSON Lines, one document a line: {\"id\": ..., \"text\": ...}\n"
    "                        (\"path\" for \"id\"; no FILE or '-': standard input, streamed)\n"
    "      --shard K/N       take only every N-th input (record), starting at the K-th (1-based)\n"
    "      --progress        progress on stderr (default: when stderr is a terminal)\n"
    "      --no-progress     never show progress\n"
    "      --timings         at the end, the time of each stage (read, decode, normalize,\n"
    "                        scan, confirm, resolve, document, write) on standard error\n"
    "      --engine NAME     scan (default: one pass over the rules' anchors) or reference\n"
    "                        (every rule a full scan; the same output, slower)\n";

typedef struct run {
    ut_writer *wr;
    int bad;
    bool write_ok;
    int write_errno; /* of the first failed write, for writers without a FILE (xlsx) */
    int progress;
    bool stream; /* --records: the number of inputs is not known up front */
    FILE *flush; /* --records, JSON Lines or CSV: flushed after each document */
    size_t total, done;
    double bytes;
    struct timespec t0;
    bool timings;                    /* --timings */
    double stage_ms[UT_STAGE_COUNT]; /* summed over the documents */
    double write_ms;
} run;

/* --timings: where the time went, per stage, in ms and ms per MB of input
 * (one line on standard error; read is the time spent reading files,
 * summed over the threads that read them). */
static void show_timings(const run *r) {
    /* read, the library's stages, write: in pipeline order */
    const char *name[UT_STAGE_COUNT + 2] = {"read"};
    double ms[UT_STAGE_COUNT + 2] = {(double)cli_read_us / 1e3};
    for (int s = 0; s < UT_STAGE_COUNT; s++) {
        name[s + 1] = ut_stage_name((ut_stage)s);
        ms[s + 1] = r->stage_ms[s];
    }
    name[UT_STAGE_COUNT + 1] = "write";
    ms[UT_STAGE_COUNT + 1] = r->write_ms;
    double mb = r->bytes / 1e6, total = 0;
    for (int i = 0; i < UT_STAGE_COUNT + 2; i++) total += ms[i];
    fprintf(stderr, "timings: %.3f MB, %.1f ms in stages", mb, total);
    for (int i = 0; i < UT_STAGE_COUNT + 2; i++)
        fprintf(stderr, "; %s %.1f ms (%.2f ms/MB)", name[i], ms[i], mb > 0 ? ms[i] / mb : 0);
    fputc('\n', stderr);
}

static double seconds_since(const struct timespec *t0) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void show_progress(run *r, bool last) {
    if (r->stream) {
        double s = seconds_since(&r->t0), mb = r->bytes / 1e6;
        fprintf(stderr, "\r%zu records  %.1f MB  %.1f MB/s   %s", r->done, mb, s > 0 ? mb / s : 0, last ? "\n" : "");
        return;
    }
    double s = seconds_since(&r->t0), mb = r->bytes / 1e6, rate = s > 0 ? mb / s : 0;
    double eta = r->done ? s * (double)(r->total - r->done) / (double)r->done : 0;
    fprintf(stderr, "\r%zu/%zu files  %.1f MB  %.1f MB/s  ETA %.0f s   %s", r->done, r->total, mb, rate, eta,
            last ? "\n" : "");
}

static int consume(size_t index, pool_result *res, void *ud) {
    run *r = ud;
    (void)index;
    if (res->error) {
        fprintf(stderr, "utdrag: %s\n", res->error);
        free(res->error);
        r->bad++;
    }
    if (res->doc) {
        const char *warn = ut_doc_warning(res->doc);
        if (warn) fprintf(stderr, "utdrag: %s: warning: %s", ut_doc_name(res->doc), warn);
        size_t len;
        ut_doc_bytes(res->doc, &len);
        r->bytes += (double)len;
        for (int s = 0; s < UT_STAGE_COUNT; s++) r->stage_ms[s] += ut_doc_stage_ms(res->doc, (ut_stage)s);
        struct timespec w0;
        clock_gettime(CLOCK_MONOTONIC, &w0);
        if (r->write_ok && (ut_writer_doc(r->wr, res->doc) || (r->flush && fflush(r->flush)))) {
            r->write_ok = false;
            r->write_errno = errno;
        }
        r->write_ms += seconds_since(&w0) * 1e3;
        ut_doc_free(res->doc);
    }
    r->done++;
    if (r->progress) {
        static double last;
        double s = seconds_since(&r->t0);
        bool end = !r->stream && r->done == r->total;
        if (s - last > 0.2 || end) {
            last = s;
            show_progress(r, end);
        }
    }
    return r->write_ok ? 0 : 1; /* stop early once output is lost */
}

/* "K/N" with 1 <= K <= N. */
static int parse_shard(const char *s, size_t *k, size_t *n) {
    char *end;
    unsigned long a = strtoul(s, &end, 10);
    if (*end != '/') return -1;
    unsigned long b = strtoul(end + 1, &end, 10);
    if (*end || a < 1 || b < 1 || a > b) return -1;
    *k = a;
    *n = b;
    return 0;
}

int cmd_extract(int argc, char **argv) {
    enum { OPT_EXCEL = 256, OPT_RULES, OPT_FILES_FROM, OPT_SHARD, OPT_PROGRESS, OPT_NO_PROGRESS, OPT_RECORDS, OPT_ENGINE, OPT_TIMINGS };
    static const struct option opts[] = {
        {"format", required_argument, 0, 'f'},      {"output", required_argument, 0, 'o'},
        {"excel", no_argument, 0, OPT_EXCEL},       {"types", required_argument, 0, 't'},
        {"rules", required_argument, 0, OPT_RULES}, {"jobs", required_argument, 0, 'j'},
        {"files-from", required_argument, 0, OPT_FILES_FROM},
        {"null", no_argument, 0, '0'},              {"shard", required_argument, 0, OPT_SHARD},
        {"progress", no_argument, 0, OPT_PROGRESS}, {"no-progress", no_argument, 0, OPT_NO_PROGRESS},
        {"records", no_argument, 0, OPT_RECORDS},   {"help", no_argument, 0, 'h'},
        {"engine", required_argument, 0, OPT_ENGINE},
        {"timings", no_argument, 0, OPT_TIMINGS},
        {0, 0, 0, 0},
    };
    const char *format = "jsonl", *output = NULL, *types = NULL, *rules = NULL, *files_from = NULL;
    unsigned flags = 0;
    int jobs = pool_default_threads(), progress = -1, c;
    bool nul = false, records = false, timings = false;
    int engine = -1;
    size_t shard_k = 1, shard_n = 1;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:t:j:0h", opts, NULL)) != -1) {
        switch (c) {
        case 'f': format = optarg; break;
        case 'o': output = optarg; break;
        case OPT_EXCEL: flags |= UT_WRITE_EXCEL; break;
        case 't': types = optarg; break;
        case OPT_RULES: rules = optarg; break;
        case 'j':
            jobs = atoi(optarg);
            if (jobs < 1 || jobs > 1024) {
                cli_error("--jobs takes a number from 1 to 1024");
                return EXIT_USAGE;
            }
            break;
        case OPT_FILES_FROM: files_from = optarg; break;
        case '0': nul = true; break;
        case OPT_SHARD:
            if (parse_shard(optarg, &shard_k, &shard_n)) {
                cli_error("--shard takes K/N with 1 <= K <= N, e.g. 2/8");
                return EXIT_USAGE;
            }
            break;
        case OPT_PROGRESS: progress = 1; break;
        case OPT_NO_PROGRESS: progress = 0; break;
        case OPT_RECORDS: records = true; break;
        case OPT_TIMINGS: timings = true; break;
        case OPT_ENGINE:
            if ((engine = cli_engine_parse(optarg)) < 0) {
                cli_error("--engine takes scan or reference");
                return EXIT_USAGE;
            }
            break;
        case 'h': fputs(extract_usage, stdout); return EXIT_OK;
        default: fputs(extract_usage, stderr); return EXIT_USAGE;
        }
    }
    if (records && files_from) {
        cli_error("--records and --files-from do not go together (--records reads documents, not paths)");
        return EXIT_USAGE;
    }
    const ut_format_info *fi = ut_format_find(format);
    if (!fi) {
        char names[256] = "";
        for (size_t i = 0; i < ut_format_count(); i++)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? ", " : "", ut_format_at(i)->name);
        cli_error("unknown format '%s' (%s)", format, names);
        return EXIT_USAGE;
    }
    if ((fi->caps & UT_FORMAT_NEEDS_PATH) && (!output || !strcmp(output, "-"))) {
        cli_error("--format %s needs -o FILE (%s)", fi->name, fi->why_path);
        return EXIT_USAGE;
    }
    if ((flags & UT_WRITE_EXCEL) && !(fi->caps & UT_FORMAT_EXCEL)) {
        cli_error("--excel goes with --format csv");
        return EXIT_USAGE;
    }
    ut_ruleset *rs = cli_load_rules(rules);
    if (!rs) return EXIT_USAGE;
    if (engine >= 0) ut_ruleset_set_engine(rs, (ut_engine)engine);
    ut_error err;
    if (types && ut_ruleset_select_types(rs, types, &err)) {
        cli_error("--types: %s", err.text);
        ut_ruleset_free(rs);
        return EXIT_USAGE;
    }
    run r = {.write_ok = true};
    cli_inputs in = {0};
    char *stdin_only[] = {"-"};
    if (files_from && cli_inputs_from_file(&in, files_from, nul)) {
        cli_inputs_free(&in);
        ut_ruleset_free(rs);
        return EXIT_USAGE;
    }
    cli_records recs; /* --records: the documents are the lines of the inputs as given */
    if (records)
        cli_records_init(&recs, optind < argc ? argv + optind : stdin_only, optind < argc ? (size_t)(argc - optind) : 1,
                         shard_k, shard_n);
    else if (optind < argc) cli_inputs_collect(&in, argv + optind, argc - optind, &r.bad);
    else if (!files_from) cli_inputs_collect(&in, stdin_only, 1, &r.bad);
    if (!records && shard_n > 1) { /* every N-th input, deterministic */
        size_t o = 0;
        for (size_t i = 0; i < in.n; i++) {
            if (i % shard_n == shard_k - 1) in.paths[o++] = in.paths[i];
            else free(in.paths[i]);
        }
        in.n = o;
    }

    cli_output out = {0};
    ut_error werr = {0}; /* the writer's reason for a failure (a database's is not an errno) */
    bool in_place = fi->caps & UT_FORMAT_IN_PLACE;
    if (in_place) { /* updated in a transaction: no temp file */
        if (!(r.wr = ut_writer_create(fi->name, NULL, output, flags, &werr))) {
            cli_error("%s: %s", output, werr.text);
            cli_inputs_free(&in);
            ut_ruleset_free(rs);
            return EXIT_USAGE;
        }
    } else if (cli_output_open(&out, output)) {
        cli_inputs_free(&in);
        ut_ruleset_free(rs);
        return EXIT_USAGE;
    } else if (fi->caps & UT_FORMAT_NEEDS_PATH) {
        /* written by file name: into the temp file, renamed as the rest */
        r.wr = ut_writer_create(fi->name, NULL, out.tmp_path, flags, &werr);
    } else r.wr = ut_writer_create(fi->name, out.fp, NULL, flags, &werr);
    if (!r.wr && !in_place)
        cli_error("%s: cannot write: %s", output ? output : "standard output", strerror(errno));
    r.total = in.n;
    r.timings = timings;
    r.stream = records;
    /* a filter in a pipeline: each record's lines leave as soon as they
     * are written, not when a buffer fills (a slow stream shows progress) */
    if (records && out.fp == stdout && (fi->caps & UT_FORMAT_STREAMING)) r.flush = out.fp;
    r.progress = progress >= 0 ? progress : isatty(STDERR_FILENO);
    clock_gettime(CLOCK_MONOTONIC, &r.t0);
    if (!r.wr) r.write_ok = false;
    else if (records ? pool_run_source(rs, cli_records_next, &recs, jobs, consume, &r)
                     : pool_run(rs, in.paths, in.n, jobs, consume, &r))
        r.write_ok = false;
    if (records) {
        if (r.progress) show_progress(&r, true);
        cli_records_free(&recs);
    }
    struct timespec f0;
    clock_gettime(CLOCK_MONOTONIC, &f0);
    int finish_failed = r.wr && ut_writer_finish(r.wr);
    r.write_ms += seconds_since(&f0) * 1e3;
    if (r.timings) show_timings(&r);
    if (finish_failed && r.write_ok) {
        r.write_ok = false;
        r.write_errno = errno;
    }
    if (r.wr && !r.write_ok && (fi->caps & UT_FORMAT_NEEDS_PATH) && !in_place) /* no FILE for cli_output_close to see it */
        cli_error("%s: write error: %s", output, strerror(r.write_errno ? r.write_errno : EIO));
    /* a failed write on stdout is reported (with its reason) by
     * cli_output_close; say it here only for failures it cannot see */
    if (!r.write_ok && !output && !ferror(stdout)) cli_error("standard output: write error");
    int rc = 0;
    if (in_place) {
        if (!r.write_ok) cli_error("%s: %s (the file is as it was)", output, werr.text);
    } else rc = cli_output_close(&out, r.write_ok);
    cli_inputs_free(&in);
    ut_ruleset_free(rs);
    if (rc || !r.write_ok) return EXIT_USAGE;
    return r.bad ? EXIT_INPUT : EXIT_OK;
}

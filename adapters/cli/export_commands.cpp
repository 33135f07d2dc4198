// `alur export [--since DATETIME] [--workflow W] [--format jsonl|csv|xlsx] [--out FILE]
// [--headers keys|labels]`: the whole journal, or a slice of it, with every
// field of every event, in global order, for a spreadsheet or a script (xlsx:
// an Excel workbook of the events and their cases, NIPs as text, its header
// row in --lang; it needs --out). A CSV's header row is the column keys
// (scripts read them), or with --headers labels the columns' names in --lang.
//
// The journal is read page by page (10 000 events a query), so an export of
// millions of events runs in constant memory. With --out the events go to
// FILE.tmp, which is synced and renamed to FILE only when all is written: a
// failed export leaves no half file behind. The columns and their forms are
// those of alur/reports/event_rows.hpp and xlsx_export.hpp (shared with
// GET /api/export).
#include "app.hpp"
#include "alur/reports/event_export.hpp"
#include "alur/reports/event_rows.hpp"
#include "alur/reports/xlsx_export.hpp"
#include "messages.hpp"
#include "output.hpp"
#include "values.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>

namespace alur::cli {
namespace {

constexpr std::size_t page_size = 10000;

struct ExportArgs {
    std::string since;
    std::string workflow;
    std::string format = "jsonl";
    std::string out;
    std::string headers = "keys";  ///< csv: keys (for scripts) or labels (for people, in --lang)
};

/// The events --since and --workflow select.
Result<reports::EventFilter> filter_of(const ExportArgs& args, Context& ctx) {
    reports::EventFilter filter;
    if (!args.since.empty()) {
        auto t = parse_when("--since", args.since, ctx.timezone());
        if (!t) return t.error();
        filter.since = *t;
    }
    if (!args.workflow.empty()) {
        if (auto w = ctx.workflow(args.workflow); !w) return w.error();
        filter.workflow = args.workflow;
    }
    return filter;
}

/// Writes the selected events to `os` as JSON Lines or CSV; how many were written.
Result<std::int64_t> write_events(std::ostream& os, const ExportArgs& args, Context& ctx) {
    auto filter = filter_of(args, ctx);
    if (!filter) return filter.error();
    reports::EventText text(ctx.engine->journal(), std::move(*filter),
                            args.format == "csv" ? reports::ExportFormat::csv : reports::ExportFormat::jsonl,
                            ctx.timezone(), page_size,
                            args.headers == "labels" ? reports::event_column_labels(language(), ctx.timezone().name)
                                                     : std::vector<std::string>{});
    for (;;) {
        auto chunk = text.next();
        if (!chunk) return chunk.error();
        if (!*chunk) break;
        os << **chunk;
        if (!os) break;
    }
    os.flush();
    return text.written();
}

/// Writes the selected events, and their cases, as an XLSX workbook at `path`.
Result<std::int64_t> write_workbook(const std::string& path, const ExportArgs& args, Context& ctx) {
    auto filter = filter_of(args, ctx);
    if (!filter) return filter.error();
    return reports::write_xlsx(path, ctx.engine->journal(), *filter, ctx.timezone(), language());
}

Error write_error(const std::string& path, int err) {
    return make_error(errc::io, trf(M::err_export_write, {path, std::strerror(err)}), "--out");
}

/// Creates (or empties) `path` with mode 0600: an export holds personal data.
/// The writers below then open the file that is there, keeping its mode.
Result<void> create_private(const std::string& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return write_error(path, errno);
    const bool ok = ::fchmod(fd, 0600) == 0;
    const int err = errno;
    ::close(fd);
    if (!ok) return write_error(path, err);
    return {};
}

/// Writes to FILE.tmp (mode 0600), syncs it and renames it to FILE; on any
/// failure the temporary file is removed and FILE is left as it was.
Result<std::int64_t> export_to_file(const ExportArgs& args, Context& ctx) {
    const std::string tmp = args.out + ".tmp";
    std::int64_t written = 0;
    if (auto made = create_private(tmp); !made) return made.error();
    {
        Result<std::int64_t> done = 0;
        int err = 0;
        bool closed = true;
        if (args.format == "xlsx") {
            done = write_workbook(tmp, args, ctx);
        } else {
            std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
            if (!file) return write_error(tmp, errno);
            done = write_events(file, args, ctx);
            err = errno;
            file.close();
            closed = static_cast<bool>(file);
        }
        if (!done || !closed) {
            std::error_code ignored;
            std::filesystem::remove(tmp, ignored);
            if (!done) return done.error();
            return write_error(tmp, err);
        }
        written = *done;
    }
    const int fd = ::open(tmp.c_str(), O_RDONLY);
    const bool synced = fd >= 0 && ::fsync(fd) == 0;
    const int err = errno;
    if (fd >= 0) ::close(fd);
    std::error_code renamed;
    if (synced) std::filesystem::rename(tmp, args.out, renamed);
    if (!synced || renamed) {
        std::error_code ignored;
        std::filesystem::remove(tmp, ignored);
        return write_error(args.out, synced ? renamed.value() : err);
    }
    return written;
}

Result<void> run_export(const ExportArgs& args, Context& ctx) {
    if (args.out.empty()) {
        if (args.format == "xlsx") return make_error(errc::invalid_input, tr(M::err_export_xlsx_out), "--out");
        auto done = write_events(std::cout, args, ctx);
        if (!done) return done.error();
        if (!std::cout) return write_error("stdout", EIO);
        return {};
    }
    auto done = export_to_file(args, ctx);
    if (!done) return done.error();
    std::cout << trf(M::export_done, {std::to_string(*done), args.out}) << '\n';
    return {};
}

}  // namespace

/// `alur export` (called by add_audit_commands).
void add_export_command(CLI::App& app, const Context&, Registry& out) {
    auto* sub = app.add_subcommand("export", tr(M::cmd_export));
    auto args = std::make_shared<ExportArgs>();
    sub->add_option("--since", args->since, tr(M::opt_since))->option_text("DATETIME");
    sub->add_option("--workflow", args->workflow, tr(M::opt_filter_workflow));
    sub->add_option("--format", args->format, tr(M::opt_export_format))->check(CLI::IsMember({"jsonl", "csv", "xlsx"}));
    sub->add_option("--out", args->out, tr(M::opt_out))->option_text("FILE");
    sub->add_option("--headers", args->headers, tr(M::opt_export_headers))->check(CLI::IsMember({"keys", "labels"}));
    out.push_back({sub, Needs::read_database, [args](Context& c) { return run_export(*args, c); }});
}

}  // namespace alur::cli
